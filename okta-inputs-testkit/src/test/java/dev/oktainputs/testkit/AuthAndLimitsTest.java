package dev.oktainputs.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

class AuthAndLimitsTest {

    private final VirtualClock clock = VirtualClock.startingAt("2025-03-01T10:00:00.250Z");
    private final FakeOrg org = FakeOrg.builder().seed(7).users(30).clock(clock).build();
    private FakeOktaServer server = FakeOktaServer.start(org);

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void wrongOrMissingTokenIs401E0000011() throws IOException {
        Http http = new Http(server);
        for (String auth : new String[] {"SSWS wrong", "SSWS " + org.apiToken() + "x", null, "Bearer " + org.apiToken()}) {
            Http.Reply reply = http.get("/api/v1/users", auth);
            assertThat(reply.status()).as(String.valueOf(auth)).isEqualTo(401);
            JsonNode body = reply.json();
            assertThat(body.get("errorCode").asText()).isEqualTo("E0000011");
            assertThat(body.get("errorSummary").asText()).isEqualTo("Invalid token provided");
            assertThat(body.get("errorLink").asText()).isEqualTo("E0000011");
            assertThat(body.get("errorId").asText()).startsWith("oae").hasSize(25);
            assertThat(body.get("errorCauses").isArray()).isTrue();
            assertThat(body.get("errorCauses")).isEmpty();
        }
        assertThat(http.get("/api/v1/users", "ssws " + org.apiToken()).status()).isEqualTo(200);
    }

    @Test
    void recordedRequestsKeepTheSchemeButNeverTheToken() throws IOException {
        Http http = new Http(server);
        http.get("/api/v1/users?limit=5&filter=status%20eq%20%22ACTIVE%22");
        RecordedOktaRequest request = server.requests().get(0);
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/api/v1/users");
        assertThat(request.target()).isEqualTo("/api/v1/users?limit=5&filter=status%20eq%20%22ACTIVE%22");
        assertThat(request.queryParameter("filter")).isEqualTo("status eq \"ACTIVE\"");
        assertThat(request.queryParameter("limit")).isEqualTo("5");
        assertThat(request.authScheme()).isEqualTo("SSWS");
        assertThat(request.authCredentials()).isNull();
        assertThat(request.header("Authorization")).isEqualTo("SSWS");
        assertThat(request.receivedAt()).isEqualTo(clock.instant());
        assertThat(request.toString()).doesNotContain(org.apiToken()).contains("SSWS");
        assertThat(server.takeRequests()).hasSize(1);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void pluggableAuthenticatorHandlesAnotherScheme() throws IOException {
        server.close();
        server = FakeOktaServer.builder(org)
                .authenticator("Bearer", r -> "good".equals(r.authCredentials()) ? null
                        : FakeResponse.oktaError(401, "E0000011", "Invalid token provided")
                                .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""))
                .start();
        Http http = new Http(server);
        assertThat(http.get("/api/v1/users", "Bearer good").status()).isEqualTo(200);
        Http.Reply bad = http.get("/api/v1/users", "Bearer bad");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.headers().get("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(http.get("/api/v1/users").status()).isEqualTo(200);
        server.authenticator("SSWS", null);
        assertThat(http.get("/api/v1/users").status()).isEqualTo(401);
    }

    @Test
    void deniedPermissionIs403E0000006() throws IOException {
        Http http = new Http(server);
        server.denyPermission("/api/v1/users");
        Http.Reply reply = http.get("/api/v1/users");
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("errorCode").asText()).isEqualTo("E0000006");
        assertThat(reply.json().get("errorSummary").asText())
                .isEqualTo("You do not have permission to perform the requested action");
        assertThat(http.get("/api/v1/users", "SSWS nope").status()).isEqualTo(401);
        server.allowPermission("/api/v1/users");
        assertThat(http.get("/api/v1/users").status()).isEqualTo(200);
    }

    @Test
    void rateLimitBudgetOfThreeGives429UntilTheWindowResets() throws IOException {
        server.rateLimit("/api/v1/users", 3);
        Http http = new Http(server);
        long reset = Instant.parse("2025-03-01T10:01:01Z").getEpochSecond();   // 10:01:00.250 rounded up
        for (int remaining = 2; remaining >= 0; remaining--) {
            Http.Reply ok = http.get("/api/v1/users?limit=1");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.headers().get("X-Rate-Limit-Limit")).isEqualTo("3");
            assertThat(ok.headers().get("X-Rate-Limit-Remaining")).isEqualTo(String.valueOf(remaining));
            assertThat(ok.headers().get("X-Rate-Limit-Reset")).isEqualTo(String.valueOf(reset));
            clock.advance(Duration.ofSeconds(1));
        }
        Http.Reply limited = http.get("/api/v1/users/" + org.users().get(0).id());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("errorCode").asText()).isEqualTo("E0000047");
        assertThat(limited.json().get("errorSummary").asText())
                .isEqualTo("API call exceeded rate limit due to too many requests.");
        assertThat(limited.headers().get("X-Rate-Limit-Remaining")).isEqualTo("0");
        assertThat(limited.headers().get("X-Rate-Limit-Reset")).isEqualTo(String.valueOf(reset));
        assertThat(limited.headers().getInstant("Date")).isEqualTo(clock.instant().truncatedTo(ChronoUnit.SECONDS));

        assertThat(http.get("/api/v1/other").headers().get("X-Rate-Limit-Remaining")).isEqualTo("599");

        Instant date = limited.headers().getInstant("Date");
        clock.advance(Duration.between(date, Instant.ofEpochSecond(reset)).plusSeconds(1));
        Http.Reply again = http.get("/api/v1/users?limit=1");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.headers().get("X-Rate-Limit-Remaining")).isEqualTo("2");
        assertThat(Long.parseLong(again.headers().get("X-Rate-Limit-Reset"))).isEqualTo(reset + 62);   // new window from 10:01:02.250
    }
}
