package dev.oktainputs.testkit;

import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsTest {

    private final VirtualClock clock = VirtualClock.startingAt("2025-03-01T10:00:00Z");
    private final FakeOrg org = FakeOrg.builder().seed(3).users(120).clock(clock).build();
    private final FakeOktaServer server = FakeOktaServer.start(org);
    private final Http http = new Http(server);

    @AfterEach
    void close() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void statusFaultAnswersWithOktaE0000009ThenRecovers(int status) throws IOException {
        server.enqueueFault(Fault.status(status));
        Http.Reply reply = http.get("/api/v1/users");
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.json().get("errorCode").asText()).isEqualTo("E0000009");
        assertThat(reply.headers().get("X-Okta-Request-Id")).isNotBlank();
        assertThat(http.get("/api/v1/users").status()).isEqualTo(200);
        assertThat(server.requests().get(0).fault()).isEqualTo(Fault.status(status));
        assertThat(server.requests().get(1).fault()).isNull();
    }

    @Test
    void rateLimitFaultNamesTheCurrentWindowsReset() throws IOException {
        String reset = http.get("/api/v1/users").headers().get("X-Rate-Limit-Reset");
        server.enqueueFault(Fault.rateLimited());
        Http.Reply reply = http.get("/api/v1/users");
        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.json().get("errorCode").asText()).isEqualTo("E0000047");
        assertThat(reply.headers().get("X-Rate-Limit-Remaining")).isEqualTo("0");
        assertThat(reply.headers().get("X-Rate-Limit-Limit")).isEqualTo("600");
        assertThat(reply.headers().get("X-Rate-Limit-Reset")).isEqualTo(reset);
        assertThat(reply.headers().get("Date")).isEqualTo("Sat, 01 Mar 2025 10:00:00 GMT");
    }

    @Test
    void droppedConnectionIsAnIOExceptionOnTheCall() throws IOException {
        server.enqueueFault(Fault.dropConnection());
        assertThatThrownBy(() -> http.get("/api/v1/users")).isInstanceOf(IOException.class);
        assertThat(http.get("/api/v1/users").status()).isEqualTo(200);
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void truncatedBodyIsA200WhoseBodyCannotBeRead() throws IOException {
        server.enqueueFault(Fault.truncateBody());
        Request request = new Request.Builder().url(http.url("/api/v1/users"))
                .header("Authorization", "SSWS " + server.apiToken()).build();
        try (Response response = http.client.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            long declared = Long.parseLong(response.header("Content-Length"));
            assertThat(declared).isGreaterThan(1000);
            assertThatThrownBy(() -> response.body().string()).isInstanceOf(IOException.class);
        }
        assertThat(http.get("/api/v1/users").status()).isEqualTo(200);
    }

    @Test
    void truncatedChunkedBodyCannotBeRead() throws IOException {
        server.enqueueFault(Fault.truncateChunkedBody());
        Request request = new Request.Builder().url(http.url("/api/v1/users"))
                .header("Authorization", "SSWS " + server.apiToken()).build();
        try (Response response = http.client.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("Content-Length")).isNull();
            assertThat(response.header("Transfer-Encoding")).isEqualToIgnoringCase("chunked");
            assertThatThrownBy(() -> response.body().string()).isInstanceOf(IOException.class);
        }
        assertThat(http.get("/api/v1/users").status()).isEqualTo(200);
    }

    @Test
    void truncatedUndelimitedBodyReadsAsAShortBodyWithoutAnyError() throws IOException {
        String full = http.get("/api/v1/users").body();
        server.enqueueFault(Fault.truncateUndelimitedBody());
        Request request = new Request.Builder().url(http.url("/api/v1/users"))
                .header("Authorization", "SSWS " + server.apiToken()).build();
        try (Response response = http.client.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("Content-Length")).isNull();
            assertThat(response.header("Transfer-Encoding")).isNull();
            String shortBody = response.body().string();   // no IOException: HTTP cannot tell
            assertThat(shortBody.length()).isGreaterThan(0).isLessThan(full.length());
            assertThat(full).startsWith(shortBody);
        }
        assertThat(http.get("/api/v1/users").status()).isEqualTo(200);
    }

    @Test
    void latencyFaultStillServesTheNormalResponse() throws IOException {
        server.enqueueFault(Fault.latency(Duration.ofMillis(5)));
        Http.Reply reply = http.get("/api/v1/users?limit=3");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.ids()).hasSize(3);
        assertThat(server.requests().get(0).fault().kind()).isEqualTo(Fault.Kind.LATENCY);
    }

    @Test
    void scriptedFaultsApplyInOrderToMatchingPathsOnly() throws IOException {
        server.enqueueFault(Fault.status(503).onlyFor("/api/v1/groups"));
        server.enqueueFault(Fault.status(500));
        server.enqueueFault(Fault.status(502));
        assertThat(http.get("/api/v1/users").status()).isEqualTo(500);
        assertThat(http.get("/api/v1/users").status()).isEqualTo(502);
        assertThat(http.get("/api/v1/users").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/groups").status()).isEqualTo(503);
        assertThat(http.get("/api/v1/groups").status()).isEqualTo(200);
    }

    @Test
    void faultEveryNthRequest() throws IOException {
        server.faultEvery(3, Fault.status(503));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(http.get("/api/v1/users?limit=1").status());
        }
        assertThat(statuses).containsExactly(200, 200, 503, 200, 200, 503, 200);
        server.clearFaults();
        assertThat(http.get("/api/v1/users?limit=1").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/users?limit=1").status()).isEqualTo(200);
    }

    @Test
    void randomFaultsAreReproducibleForASeed() throws IOException {
        List<String> first = randomOutcomes(server, 99);
        FakeOrg org2 = FakeOrg.builder().seed(3).users(120).clock(VirtualClock.startingAt("2025-03-01T10:00:00Z")).build();
        try (FakeOktaServer other = FakeOktaServer.start(org2)) {
            assertThat(randomOutcomes(other, 99)).isEqualTo(first);
        }
        assertThat(first).contains("200", "429", "drop", "truncated").anyMatch(s -> s.startsWith("5"));
        assertThat(server.requests()).extracting(r -> r.fault() == null ? null : r.fault().kind())
                .contains(Fault.Kind.TRUNCATE_BODY, Fault.Kind.TRUNCATE_CHUNKED_BODY, Fault.Kind.TRUNCATE_UNDELIMITED_BODY);
    }

    private static List<String> randomOutcomes(FakeOktaServer server, long seed) {
        server.randomFaults(seed, 0.1, 0.1, 0.1, 0.1);
        Http http = new Http(server);
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            Request request = new Request.Builder().url(http.url("/api/v1/users?limit=20"))
                    .header("Authorization", "SSWS " + server.apiToken()).build();
            try (Response response = http.client.newCall(request).execute()) {
                try {
                    response.body().string();
                    outcomes.add(String.valueOf(response.code()));
                } catch (IOException e) {
                    outcomes.add("truncated");
                }
            } catch (IOException e) {
                outcomes.add("drop");
            }
        }
        return outcomes;
    }
}
