package dev.oktainputs.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@FakeOkta(users = 0, seed = 5)
class SystemLogEndpointTest {

    private static String logs(Http http, String name, String value) {
        return http.url("/api/v1/logs").newBuilder().addQueryParameter(name, value).addQueryParameter("sortOrder", "ASCENDING")
                .addQueryParameter("limit", "1000").build().toString();
    }

    private static List<String> uuids(Http.Reply page) {
        List<String> out = new ArrayList<>();
        page.json().forEach(e -> out.add(e.get("uuid").asText()));
        return out;
    }

    /** Follows next links until the first empty page; returns the uuids and leaves the last next link in {@code last}. */
    private static List<String> pollToEmpty(Http http, String url, List<String> last) throws IOException {
        List<String> seen = new ArrayList<>();
        while (true) {
            Http.Reply page = http.get(url);
            assertThat(page.status()).isEqualTo(200);
            String next = page.link("next");
            assertThat(next).as("a polling request always has a next link").isNotNull();
            assertThat(http.url(next).queryParameter("since")).isNull();
            assertThat(http.url(next).queryParameter("after")).isNotBlank();
            if (page.json().isEmpty()) {
                last.clear();
                last.add(next);
                return seen;
            }
            seen.addAll(uuids(page));
            url = next;
        }
    }

    @Test
    void pollingServesEveryVisibleEventOnceInPersistenceOrderAndAlwaysHasANextLink(FakeOktaServer server, FakeOrg org,
                                                                                  VirtualClock clock) throws IOException {
        org.systemLog().generate(2_500, Duration.ofMinutes(30));
        Http http = new Http(server);
        List<String> last = new ArrayList<>();
        List<String> seen = pollToEmpty(http, logs(http, "since", clock.instant().minus(Duration.ofHours(1)).toString()), last);
        assertThat(seen).hasSize(2_500).doesNotHaveDuplicates().containsExactlyElementsOf(org.systemLog().uuids());
        assertThat(server.requestCount()).isEqualTo(4);

        // Persistence order is not published order.
        List<Instant> published = seen.stream().map(org.systemLog()::published).toList();
        assertThat(published).isNotEqualTo(published.stream().sorted().toList());

        // The empty page's next link is where the next poll resumes: new events, and only those.
        Http.Reply again = http.get(last.get(0));
        assertThat(again.json()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        List<String> fresh = org.systemLog().append(3);
        assertThat(pollToEmpty(http, last.get(0), last)).containsExactlyElementsOf(fresh);
    }

    @Test
    void eventsHaveOktasShapeWithTheOddDriftedType(FakeOktaServer server, FakeOrg org, VirtualClock clock) throws IOException {
        org.systemLog().generate(900, Duration.ofMinutes(10));
        Http http = new Http(server);
        JsonNode events = http.get(logs(http, "since", clock.instant().minus(Duration.ofHours(1)).toString())).json();
        assertThat(events).hasSize(900);
        Set<String> types = new HashSet<>();
        int drifted = 0;
        for (JsonNode e : events) {
            assertThat(e.fieldNames()).toIterable().contains("uuid", "published", "eventType", "version", "severity",
                    "displayMessage", "actor", "client", "outcome", "target", "transaction", "debugContext",
                    "authenticationContext", "securityContext");
            assertThat(e.get("client").get("ipAddress").asText()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            assertThat(Instant.parse(e.get("published").asText())).isBefore(clock.instant().plusMillis(1));
            types.add(e.get("eventType").asText());
            if (e.get("version").isNumber() || e.get("securityContext").get("asNumber").isTextual()
                    || e.has("undocumentedSinceLastRelease")) {
                drifted++;
            }
        }
        assertThat(types).contains("user.session.start", "user.authentication.sso", "policy.evaluate_sign_on");
        assertThat(types.size()).isGreaterThan(10);
        assertThat(drifted).isBetween(5, 90);
        String one = events.get(0).get("uuid").asText();
        assertThat(FakeOrg.builder().seed(5).clock(VirtualClock.startingAt("2025-01-01T00:00:00Z")).build().systemLog())
                .satisfies(log -> {
                    log.generate(900, Duration.ofMinutes(10));
                    assertThat(log.json(one)).isEqualTo(org.systemLog().json(one));
                });
    }

    @Test
    void refusesWhatOktaRefuses(FakeOktaServer server, FakeOrg org, VirtualClock clock) throws IOException {
        Http http = new Http(server);
        Http.Reply first = http.get(logs(http, "since", clock.instant().minus(Duration.ofHours(1)).toString()));
        String after = http.url(first.link("next")).queryParameter("after");

        Http.Reply both = http.get(http.url(logs(http, "since", "2024-12-31T00:00:00Z")).newBuilder()
                .addQueryParameter("after", after).build().toString());
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("errorCode").asText()).isEqualTo("E0000001");

        Http.Reply tooOld = http.get(logs(http, "since", clock.instant().minus(Duration.ofDays(181)).toString()));
        assertThat(tooOld.status()).isEqualTo(400);
        assertThat(tooOld.json().get("errorCode").asText()).isEqualTo("E0000053");
        assertThat(tooOld.json().get("errorSummary").asText()).contains("over 180 days");

        Http.Reply published = http.get(logs(http, "filter", "published gt \"2024-01-01T00:00:00.000Z\""));
        assertThat(published.status()).isEqualTo(400);
        assertThat(published.json().get("errorCode").asText()).isEqualTo("E0000053");

        Http.Reply unknown = http.get(logs(http, "filter", "colour eq \"red\""));
        assertThat(unknown.json().get("errorSummary").asText()).isEqualTo("field is not valid: colour");

        Http.Reply longWord = http.get(logs(http, "q", "x".repeat(41)));
        assertThat(longWord.status()).isEqualTo(400);
        assertThat(longWord.json().get("errorSummary").asText()).contains("longer than 40 characters");
    }

    @Test
    void dataOlderThanNinetyDaysIsNeverReturned(FakeOktaServer server, FakeOrg org, VirtualClock clock) throws IOException {
        List<String> old = org.systemLog().appendLate(5, Duration.ofDays(95));
        List<String> recent = org.systemLog().appendLate(5, Duration.ofDays(10));
        Http http = new Http(server);
        List<String> seen = pollToEmpty(http, logs(http, "since", clock.instant().minus(Duration.ofDays(120)).toString()),
                new ArrayList<>());
        assertThat(seen).containsExactlyElementsOf(recent).doesNotContainAnyElementsOf(old);
    }

    @Test
    void lateEventsShowUpOnALaterPollAfterNewerOnesWereServed(FakeOktaServer server, FakeOrg org, VirtualClock clock)
            throws IOException {
        org.systemLog().lateDelivery(0.1, Duration.ofMinutes(5));
        org.systemLog().generate(3_000, Duration.ofMinutes(20));
        Http http = new Http(server);
        List<String> last = new ArrayList<>();
        List<String> first = pollToEmpty(http, logs(http, "since", clock.instant().minus(Duration.ofHours(1)).toString()), last);
        assertThat(first).hasSizeLessThan(3_000);

        clock.advance(Duration.ofMinutes(10));
        List<String> later = pollToEmpty(http, last.get(0), last);
        assertThat(later).isNotEmpty().doesNotContainAnyElementsOf(first);
        Set<String> all = new HashSet<>(first);
        all.addAll(later);
        assertThat(all).hasSize(3_000);
        Instant newestFirst = first.stream().map(org.systemLog()::published).max(Instant::compareTo).orElseThrow();
        assertThat(later.stream().map(org.systemLog()::published)).anySatisfy(p -> assertThat(p).isBefore(newestFirst));
    }

    @Test
    void hiddenEventsAreSkippedByTheCursorButFoundByABoundedReRead(FakeOktaServer server, FakeOrg org, VirtualClock clock)
            throws IOException {
        org.systemLog().generate(50, Duration.ofMinutes(5));
        List<String> hidden = org.systemLog().appendHidden(2, Duration.ofSeconds(30), Duration.ofMinutes(1));
        Http http = new Http(server);
        List<String> last = new ArrayList<>();
        assertThat(pollToEmpty(http, logs(http, "since", clock.instant().minus(Duration.ofHours(1)).toString()), last))
                .hasSize(50).doesNotContainAnyElementsOf(hidden);
        Instant polledAt = clock.instant();
        clock.advance(Duration.ofMinutes(2));
        assertThat(pollToEmpty(http, last.get(0), last)).isEmpty();

        String window = http.url("/api/v1/logs").newBuilder()
                .addQueryParameter("since", polledAt.minus(Duration.ofMinutes(1)).toString())
                .addQueryParameter("until", polledAt.toString()).addQueryParameter("limit", "5").build().toString();
        List<String> reread = new ArrayList<>();
        List<Instant> order = new ArrayList<>();
        while (window != null) {
            Http.Reply page = http.get(window);
            reread.addAll(uuids(page));
            page.json().forEach(e -> order.add(Instant.parse(e.get("published").asText())));
            window = page.link("next");
        }
        assertThat(reread).containsAll(hidden).doesNotHaveDuplicates();
        assertThat(order).isSorted();
    }

    @Test
    void filterAndKeywordsSelectEvents(FakeOktaServer server, FakeOrg org, VirtualClock clock) throws IOException {
        org.systemLog().generate(2_000, Duration.ofMinutes(10));
        String mine = org.systemLog().append("user.session.start", "FAILURE", "203.0.113.9");
        Http http = new Http(server);
        String since = clock.instant().minus(Duration.ofHours(1)).toString();
        JsonNode failed = http.get(http.url(logs(http, "since", since)).newBuilder().addQueryParameter("filter",
                "eventType eq \"user.session.start\" and (outcome.result eq \"FAILURE\" or outcome.result eq \"DENY\")")
                .build().toString()).json();
        assertThat(failed.size()).isBetween(20, 200);
        failed.forEach(e -> {
            assertThat(e.get("eventType").asText()).isEqualTo("user.session.start");
            assertThat(e.get("outcome").get("result").asText()).isEqualTo("FAILURE");
        });
        JsonNode byIp = http.get(http.url(logs(http, "since", since)).newBuilder().addQueryParameter("q", "203.0.113.9")
                .build().toString()).json();
        assertThat(byIp).hasSize(1);
        assertThat(byIp.get(0).get("uuid").asText()).isEqualTo(mine);
    }

    @Test
    void redeliveredEventsComeAgainWithTheSameUuidAndBytes(FakeOktaServer server, FakeOrg org, VirtualClock clock)
            throws IOException {
        List<String> uuids = org.systemLog().append(3);
        Http http = new Http(server);
        List<String> last = new ArrayList<>();
        pollToEmpty(http, logs(http, "since", clock.instant().minus(Duration.ofMinutes(5)).toString()), last);
        clock.advance(Duration.ofSeconds(5));
        org.systemLog().redeliver(uuids.get(1));
        Http.Reply page = http.get(last.get(0));
        assertThat(uuids(page)).containsExactly(uuids.get(1));
        assertThat(page.body()).isEqualTo("[" + org.systemLog().json(uuids.get(1)) + "]");
    }

    @Test
    void logsHaveTheirOwnRateLimitBucket(FakeOktaServer server, FakeOrg org, VirtualClock clock) throws IOException {
        server.rateLimit("/api/v1/logs", 2);
        Http http = new Http(server);
        String url = logs(http, "since", clock.instant().minus(Duration.ofMinutes(5)).toString());
        assertThat(http.get(url).headers().get("X-Rate-Limit-Limit")).isEqualTo("2");
        http.get(url);
        assertThat(http.get(url).status()).isEqualTo(429);
        assertThat(http.get("/api/v1/users").status()).isEqualTo(200);
    }

    @Test
    void aMillionEventsAreAnIndexNotJson(FakeOktaServer server, FakeOrg org, VirtualClock clock) throws IOException {
        org.systemLog().generate(1_000_000, Duration.ofDays(1));
        assertThat(org.systemLog().size()).isEqualTo(1_000_000);
        Http http = new Http(server);
        JsonNode lastMinute = http.get(logs(http, "since", clock.instant().minus(Duration.ofMinutes(1)).toString())).json();
        assertThat(lastMinute.size()).isBetween(600, 1000);
    }
}
