package dev.oktainputs.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@FakeOkta(users = 1000, seed = 42)
class UsersEndpointTest {

    private static final String ALL = "lastUpdated gt \"1970-01-01T00:00:00.000Z\"";

    @ParameterizedTest
    @EnumSource(LinkStyle.class)
    void pagesThroughAThousandUsersInFivePages(LinkStyle style, FakeOktaServer server, FakeOrg org) throws IOException {
        server.linkStyle(style);
        Http http = new Http(server);
        String url = http.url(http.users("filter", ALL)).newBuilder().addQueryParameter("limit", "200").build().toString();
        List<String> ids = new ArrayList<>();
        int pages = 0;
        while (url != null) {
            Http.Reply page = http.get(url);
            pages++;
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.ids()).hasSize(200);
            ids.addAll(page.ids());
            assertThat(page.link("self")).isEqualTo(url);
            assertThat(page.headers().values("link")).hasSize(style == LinkStyle.SEPARATE_LINES && pages < 5 ? 2 : 1);
            String next = page.link("next");
            if (pages < 5) {
                assertThat(next).startsWith(server.orgUrl() + "/api/v1/users?");
                assertThat(http.url(next).queryParameter("limit")).isEqualTo("200");
                assertThat(http.url(next).queryParameter("filter")).isEqualTo(ALL);
                assertThat(http.url(next).queryParameter("after")).isNotBlank();
            } else {
                assertThat(next).isNull();
            }
            url = next;
        }
        assertThat(pages).isEqualTo(5);
        assertThat(ids).doesNotHaveDuplicates().isSorted()
                .containsExactlyElementsOf(org.users().stream().map(FakeUser::id).toList());
    }

    @Test
    void plainListOmitsDeprovisionedWhileFilterIncludesThem(FakeOktaServer server, FakeOrg org) throws IOException {
        Http http = new Http(server);
        List<String> deprovisioned = org.users().stream()
                .filter(u -> u.status().equals("DEPROVISIONED")).map(FakeUser::id).toList();
        assertThat(deprovisioned).hasSizeBetween(20, 90);

        Set<String> plain = new HashSet<>(readAll(http, server.orgUrl() + "/api/v1/users"));
        assertThat(plain).hasSize(1000 - deprovisioned.size()).doesNotContainAnyElementsOf(deprovisioned);

        List<String> filtered = readAll(http, http.users("filter", ALL));
        assertThat(filtered).hasSize(1000).containsAll(deprovisioned);
        List<String> searched = readAll(http, http.users("search", ALL));
        assertThat(searched).hasSize(1000);
    }

    @Test
    void filterOnLastUpdatedFindsExactlyTheUpdatedUsers(FakeOktaServer server, FakeOrg org, VirtualClock clock)
            throws IOException {
        clock.advance(Duration.ofMinutes(5));
        Instant before = clock.instant();
        List<String> changed = org.updateUsers(5);
        String since = "lastUpdated gt \"" + Ids.oktaTime(before.minusMillis(1)) + "\"";

        List<String> found = readAll(new Http(server), new Http(server).users("filter", since));

        assertThat(found).containsExactlyInAnyOrderElementsOf(changed).hasSize(5);
        assertThat(org.user(changed.get(0)).orElseThrow().lastUpdated()).isEqualTo(before);
    }

    @Test
    void filterGrammarSupportsStatusIdAndOrWithParentheses(FakeOktaServer server, FakeOrg org) throws IOException {
        Http http = new Http(server);
        FakeUser a = org.users().get(10);
        FakeUser b = org.users().get(20);
        assertThat(readAll(http, http.users("filter", "id eq \"" + a.id() + "\" or id eq \"" + b.id() + "\"")))
                .containsExactly(a.id(), b.id());
        long suspended = org.users().stream().filter(u -> u.status().equals("SUSPENDED")).count();
        assertThat(readAll(http, http.users("filter", "status eq \"SUSPENDED\" AND " + ALL))).hasSize((int) suspended);
        assertThat(readAll(http, http.users("filter",
                "(id eq \"" + a.id() + "\" or id eq \"" + b.id() + "\") and lastUpdated lt \"1970-01-01T00:00:00.000Z\"")))
                .isEmpty();
        assertThat(readAll(http, http.users("search", "profile.login sw \"" + a.login().substring(0, 12) + "\"")))
                .contains(a.id());
    }

    @Test
    void qMatchesPrefixesOfNamesAndEmail(FakeOktaServer server, FakeOrg org) throws IOException {
        Http http = new Http(server);
        FakeUser u = org.users().stream().filter(x -> x.status().equals("ACTIVE")).findFirst().orElseThrow();
        assertThat(readAll(http, http.users("q", u.email()))).containsExactly(u.id());
        assertThat(readAll(http, http.users("q", u.lastName().toUpperCase()))).contains(u.id());
    }

    @Test
    void badFilterIs400E0000031AndBadLimitIs400(FakeOktaServer server) throws IOException {
        Http http = new Http(server);
        for (String bad : List.of("lastUpdated gt 2024", "profile.x eq \"1\"", "status eq \"A\" and", "nonsense",
                "(status eq \"ACTIVE\"", "lastUpdated gt \"yesterday\"")) {
            Http.Reply reply = http.get(http.users("filter", bad));
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.json().get("errorCode").asText()).isEqualTo("E0000031");
            assertThat(reply.json().get("errorCauses").get(0).get("errorSummary").asText()).isNotBlank();
        }
        Http.Reply limit = http.get("/api/v1/users?limit=ten");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.json().get("errorCode").asText()).isEqualTo("E0000001");
    }

    @Test
    void limitIsClampedTo200(FakeOktaServer server) throws IOException {
        Http.Reply reply = new Http(server).get("/api/v1/users?limit=1000&filter=" + "status%20eq%20%22ACTIVE%22");
        assertThat(reply.ids()).hasSize(200);
        assertThat(new Http(server).get("/api/v1/users").ids()).hasSize(200);
    }

    @Test
    void cursorStaysValidWhenUsersChange(FakeOktaServer server, FakeOrg org) throws IOException {
        Http http = new Http(server);
        Http.Reply first = http.get("/api/v1/users?limit=3");
        List<String> ids = first.ids();
        org.deleteUser(ids.get(2));
        org.updateUsers(50);
        Http.Reply second = http.get(first.link("next"));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.ids()).allSatisfy(id -> assertThat(id).isGreaterThan(ids.get(2)));
    }

    @Test
    void hardDeletedUsersDisappearAndDeprovisionedOnlyShowWithFilter(FakeOktaServer server, FakeOrg org)
            throws IOException {
        Http http = new Http(server);
        String deleted = org.users().get(0).id();
        String deprovisioned = org.users().stream().filter(u -> u.status().equals("ACTIVE") && !u.id().equals(deleted))
                .findFirst()
                .orElseThrow().id();
        org.deleteUser(deleted);
        org.deprovisionUser(deprovisioned);

        assertThat(readAll(http, server.orgUrl() + "/api/v1/users")).doesNotContain(deleted, deprovisioned);
        assertThat(readAll(http, http.users("filter", ALL))).doesNotContain(deleted).contains(deprovisioned);
        Http.Reply gone = http.get("/api/v1/users/" + deleted);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("errorCode").asText()).isEqualTo("E0000007");
        JsonNode user = http.get("/api/v1/users/" + deprovisioned).json();
        assertThat(user.get("status").asText()).isEqualTo("DEPROVISIONED");
    }

    @Test
    void responsesCarryOktaHeadersAndStoredJson(FakeOktaServer server, FakeOrg org, VirtualClock clock)
            throws IOException {
        Http http = new Http(server);
        Http.Reply one = http.get("/api/v1/users?limit=2");
        Http.Reply two = http.get("/api/v1/users?limit=2");
        assertThat(one.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(one.headers().getInstant("Date")).isEqualTo(clock.instant());
        assertThat(one.headers().get("X-Okta-Request-Id")).isNotBlank()
                .isNotEqualTo(two.headers().get("X-Okta-Request-Id"));
        assertThat(one.headers().get("X-Rate-Limit-Limit")).isEqualTo("600");
        assertThat(one.headers().get("X-Rate-Limit-Remaining")).isEqualTo("599");
        assertThat(two.headers().get("X-Rate-Limit-Remaining")).isEqualTo("598");
        List<FakeUser> users = org.users().stream().filter(u -> !u.status().equals("DEPROVISIONED")).toList();
        assertThat(one.body()).isEqualTo("[" + users.get(0).json() + "," + users.get(1).json() + "]");
    }

    // Pages are served from each user's UTF-8 bytes, encoded once: a change after a page was served must still show.
    @Test
    void aUserChangedAfterItsPageWasServedIsServedChangedNextTime(FakeOktaServer server, FakeOrg org) throws IOException {
        Http http = new Http(server);
        String url = http.url(http.users("filter", ALL)).newBuilder().addQueryParameter("limit", "3").build().toString();
        FakeUser second = org.users().get(1);
        assertThat(http.get(url).body()).contains(second.json());
        FakeUser changed = org.updateUser(second.id(), Map.of("nickName", "Zoë \u00e9\u4e2d"));
        Http.Reply again = http.get(url);
        assertThat(again.body()).doesNotContain(second.json())
                .isEqualTo("[" + org.users().get(0).json() + "," + changed.json() + "," + org.users().get(2).json() + "]");
        assertThat(again.json().get(1).get("profile").get("nickName").asText()).isEqualTo("Zoë é中");
        assertThat(again.headers().get("Content-Length"))
                .isEqualTo(Integer.toString(again.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405(FakeOktaServer server) throws IOException {
        Http http = new Http(server);
        Http.Reply reply = http.get("/api/v1/nothing");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("errorCode").asText()).isEqualTo("E0000007");
        assertThat(reply.json().get("errorSummary").asText()).isEqualTo("Not found: Resource not found: /api/v1/nothing");
        assertThat(reply.json().get("errorLink").asText()).isEqualTo("E0000007");
        assertThat(reply.json().get("errorId").asText()).startsWith("oae");
        assertThat(reply.json().get("errorCauses").isArray()).isTrue();

        okhttp3.Request delete = new okhttp3.Request.Builder().url(http.url("/api/v1/users")).delete()
                .header("Authorization", "SSWS " + server.apiToken()).build();
        try (okhttp3.Response response = http.client.newCall(delete).execute()) {
            assertThat(response.code()).isEqualTo(405);
        }
    }

    static List<String> readAll(Http http, String url) throws IOException {
        List<String> ids = new ArrayList<>();
        String next = url;
        while (next != null) {
            Http.Reply page = http.get(next);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            ids.addAll(page.ids());
            next = page.link("next");
        }
        return ids;
    }
}
