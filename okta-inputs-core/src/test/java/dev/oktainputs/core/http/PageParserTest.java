package dev.oktainputs.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.core.error.OktaProtocolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PageParserTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void cutsElementsOutAsTheExactBytesSent() {
        String u1 = "{\"id\":\"00u1\",\"profile\":{\"n\":1.50,\"name\":\"Zoë ☃\",\"id\":\"nested\"},\"lastUpdated\":\"2024-01-01T00:00:00.000Z\"}";
        String u2 = "{ \"lastUpdated\" : \"2024-02-02T00:00:00.000Z\" ,\n \"id\" : \"00u2\", \"x\": [1, {\"id\":\"deep\"}], \"big\": 12345678901234567890 }";
        PageParser.Parsed p = PageParser.parse(utf8("[" + u1 + " ,\n" + u2 + "]"), null);
        assertThat(p.items()).hasSize(2);
        assertThat(p.items().get(0).jsonString()).isEqualTo(u1);
        assertThat(p.items().get(0).id()).isEqualTo("00u1");
        assertThat(p.items().get(0).lastUpdated()).isEqualTo("2024-01-01T00:00:00.000Z");
        assertThat(p.items().get(1).jsonString()).isEqualTo(u2);
        assertThat(p.items().get(1).id()).isEqualTo("00u2");
        assertThat(p.bodyNext()).isNull();
    }

    @Test
    void picksUpTheFieldsTheRequestAsksForAsJsonFieldsReadsThemFromEachElement() {
        java.util.Set<String> paths = java.util.Set.of("status", "profile.login", "profile.name.first", "type.id");
        java.util.List<String> users = java.util.List.of(
                "{\"id\":\"00u1\",\"status\":\"ACTIVE\",\"profile\":{\"email\":\"a@x\",\"login\":\"a@x.com\"},\"_links\":{\"self\":{}}}",
                // absent, null, non-scalar; numbers and booleans as text; nested deeper; arrays skipped
                "{\"id\":\"00u2\",\"status\":null,\"profile\":{\"login\":[\"no\"],\"name\":{\"first\":7}},\"type\":true}",
                "{\"id\":\"00u3\",\"status\":{\"x\":1},\"profile\":\"flat\",\"type\":{\"id\":false},\"x\":[{\"status\":\"no\"}]}",
                // of a repeated field the last value counts
                "{\"status\":\"A\",\"status\":\"B\",\"profile\":{\"login\":\"l1\"},\"profile\":{\"login\":\"l2\"},\"id\":\"00u4\"}");
        PageParser.Parsed p = PageParser.parse(utf8("[" + String.join(",", users) + "]"), null, false, paths);

        assertThat(p.items()).hasSize(users.size());
        for (int i = 0; i < users.size(); i++) {
            PageItem item = p.items().get(i);
            assertThat(item.fields()).as(users.get(i)).isEqualTo(dev.oktainputs.core.json.JsonFields.read(utf8(users.get(i)), paths));
            assertThat(item.jsonString()).isEqualTo(users.get(i));
            assertThat(item.id()).isEqualTo("00u" + (i + 1)); // the parser's own fields still read
        }
        assertThat(p.items().get(0).fields()).containsOnly(java.util.Map.entry("status", "ACTIVE"),
                java.util.Map.entry("profile.login", "a@x.com"));
        assertThat(p.items().get(1).fields()).containsOnly(java.util.Map.entry("profile.name.first", "7"));
        assertThat(p.items().get(2).fields()).containsOnly(java.util.Map.entry("type.id", "false"));
        assertThat(p.items().get(3).fields()).containsOnly(java.util.Map.entry("status", "B"),
                java.util.Map.entry("profile.login", "l2"));
        assertThat(PageParser.parse(utf8("[" + users.get(0) + "]"), null).items().get(0).fields())
                .as("none asked for").isNull();
    }

    @Test
    void picksUpSystemLogFields() {
        PageParser.Parsed p = PageParser.parse(utf8("[{\"uuid\":\"u-1\",\"published\":\"2024-01-01T00:00:00.001Z\",\"debugContext\":{}}]"), null);
        assertThat(p.items().get(0).uuid()).isEqualTo("u-1");
        assertThat(p.items().get(0).published()).isEqualTo("2024-01-01T00:00:00.001Z");
        assertThat(p.items().get(0).id()).isNull();
    }

    @Test
    void readsTheWrappedVariantWithItsBodyNextLink() {
        String body = "{\"value\":[{\"id\":\"00u1\"},{\"id\":\"00u2\"}],\"_links\":{\"self\":{\"href\":\"s\"},\"next\":{\"href\":\"https://a/api/v1/iam/assignees/users?after=00u2\"}}}";
        PageParser.Parsed p = PageParser.parse(utf8(body), "value");
        assertThat(p.items()).extracting(PageItem::id).containsExactly("00u1", "00u2");
        assertThat(p.bodyNext()).isEqualTo("https://a/api/v1/iam/assignees/users?after=00u2");
        assertThat(PageParser.parse(utf8("{\"_links\":{}}"), "value").items()).isEmpty();
    }

    @Test
    void readsASingleObjectBodyAsOneItemAndRefusesAnythingElse() {
        String schema = "{\"id\":\"https://x/meta/schemas/user/osc1\", \"definitions\":{\"custom\":{\"id\":\"#custom\"}},"
                + " \"lastUpdated\":\"2024-01-01T00:00:00.000Z\"}";
        PageParser.Parsed p = PageParser.parse(utf8(" " + schema + "\n"), null, true);
        assertThat(p.items()).singleElement().satisfies(item -> {
            assertThat(item.jsonString()).isEqualTo(schema);
            assertThat(item.id()).isEqualTo("https://x/meta/schemas/user/osc1");
            assertThat(item.lastUpdated()).isEqualTo("2024-01-01T00:00:00.000Z");
        });
        assertThat(p.bodyNext()).isNull();
        assertThatThrownBy(() -> PageParser.parse(utf8("[" + schema + "]"), null, true))
                .isInstanceOf(OktaProtocolException.class).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> PageParser.parse(utf8(schema + "{}"), null, true))
                .isInstanceOf(OktaProtocolException.class).hasMessageContaining("after the end");
        assertThatThrownBy(() -> PageParser.parse(utf8("{\"id\":\"x\""), null, true)).isInstanceOf(OktaProtocolException.class);
    }

    @Test
    void emptyPage() {
        assertThat(PageParser.parse(utf8("[]"), null).items()).isEmpty();
    }

    @Test
    void malformedBodiesGiveAClearProtocolError() {
        assertThatThrownBy(() -> PageParser.parse(utf8("[{\"id\":\"00u1\""), null))
                .isInstanceOf(OktaProtocolException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> PageParser.parse(utf8("{\"errorCode\":\"x\"}"), null))
                .isInstanceOf(OktaProtocolException.class).hasMessageContaining("expected a JSON array");
        assertThatThrownBy(() -> PageParser.parse(utf8("[1,2]"), null))
                .isInstanceOf(OktaProtocolException.class).hasMessageContaining("expected an object");
        assertThatThrownBy(() -> PageParser.parse(new byte[0], null)).isInstanceOf(OktaProtocolException.class);
        assertThatThrownBy(() -> PageParser.parse(utf8("[" + "[".repeat(5000)), null)).isInstanceOf(OktaProtocolException.class);
    }
}
