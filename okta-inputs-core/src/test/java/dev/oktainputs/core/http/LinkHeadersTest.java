package dev.oktainputs.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinkHeadersTest {

    @Test
    void findsNextAmongSeparateHeaderLines() {
        assertThat(LinkHeaders.next(List.of(
                "<https://acme.okta.com/api/v1/users?limit=200>; rel=\"self\"",
                "<https://acme.okta.com/api/v1/users?after=00u2&limit=200>; rel=\"next\"")))
                .isEqualTo("https://acme.okta.com/api/v1/users?after=00u2&limit=200");
    }

    @Test
    void findsNextInACommaJoinedValue() {
        assertThat(LinkHeaders.next(List.of(
                "<https://a.okta.com/api/v1/users?limit=2>; rel=\"self\", <https://a.okta.com/api/v1/users?after=x%2Cy&limit=2>; rel=\"next\"")))
                .isEqualTo("https://a.okta.com/api/v1/users?after=x%2Cy&limit=2");
        assertThat(LinkHeaders.next(List.of("<https://a/x?q=1,2>; rel=next; title=\"a, b\"")))
                .isEqualTo("https://a/x?q=1,2");
    }

    @Test
    void noNextMeansLastPage() {
        assertThat(LinkHeaders.next(List.of("<https://a.okta.com/api/v1/users?limit=2>; rel=\"self\""))).isNull();
        assertThat(LinkHeaders.next(List.of())).isNull();
        assertThat(LinkHeaders.next(List.of("garbage"))).isNull();
    }

    @Test
    void relMayListSeveralRelations() {
        assertThat(LinkHeaders.next(List.of("<https://a/p2>; rel=\"last next\""))).isEqualTo("https://a/p2");
        assertThat(LinkHeaders.next(List.of("<https://a/p2>; REL=\"Next\""))).isEqualTo("https://a/p2");
        assertThat(LinkHeaders.next(List.of("<https://a/p2>; rel=\"nextish\""))).isNull();
    }

    @Test
    void relParametersAreReadWhateverTheirSpacing() {
        assertThat(LinkHeaders.isRelNext("; rel=\" next \"")).isTrue();
        assertThat(LinkHeaders.isRelNext(";rel=next;")).isTrue();
        assertThat(LinkHeaders.isRelNext("; title=\"x\" ; Rel = \"prev\tNEXT\"")).isTrue();
        assertThat(LinkHeaders.isRelNext("; rel=\"self\"; rel=next")).isTrue();
        assertThat(LinkHeaders.isRelNext("; title=\"rel=next\"")).isFalse();
        assertThat(LinkHeaders.isRelNext("; relation=next")).isFalse();
        assertThat(LinkHeaders.isRelNext("; rel=")).isFalse();
        assertThat(LinkHeaders.isRelNext("; rel=\"\"")).isFalse();
        assertThat(LinkHeaders.isRelNext("")).isFalse();
        assertThat(LinkHeaders.isRelNext("; next")).isFalse();
    }

    @Test
    void aLinkResolvesAsOkHttpResolvesIt_againstItsOwnBase() {
        okhttp3.HttpUrl a = okhttp3.HttpUrl.get("https://acme.okta.com/api/v1/users?limit=200");
        okhttp3.HttpUrl b = okhttp3.HttpUrl.get("https://acme.okta.com/api/v1/groups/00g1/users?limit=1000");

        org.assertj.core.api.Assertions.assertThat(LinkHeaders.resolve(a, "/api/v1/users?after=00u2&limit=200"))
                .isEqualTo(okhttp3.HttpUrl.get("https://acme.okta.com/api/v1/users?after=00u2&limit=200"));
        org.assertj.core.api.Assertions.assertThat(LinkHeaders.resolve(b, "?after=00u9"))
                .isEqualTo(b.resolve("?after=00u9"));
        org.assertj.core.api.Assertions.assertThat(LinkHeaders.resolve(a, "?after=00u9"))
                .isEqualTo(a.resolve("?after=00u9")).isNotEqualTo(b.resolve("?after=00u9"));
        org.assertj.core.api.Assertions.assertThat(LinkHeaders.resolve(a, "https://other.example.com/x"))
                .isEqualTo(okhttp3.HttpUrl.get("https://other.example.com/x"));
    }
}
