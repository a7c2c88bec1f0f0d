package dev.oktainputs.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.TestTime;
import dev.oktainputs.core.auth.ApiKeyCredentials;
import dev.oktainputs.core.error.OktaAuthenticationException;
import dev.oktainputs.core.error.OktaBadRequestException;
import dev.oktainputs.core.error.OktaException;
import dev.oktainputs.core.error.OktaPermissionException;
import dev.oktainputs.core.error.OktaProtocolException;
import dev.oktainputs.core.error.OktaRateLimitException;
import dev.oktainputs.core.error.OktaServerException;
import dev.oktainputs.core.error.OktaTransportException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OktaClientTest {

    private static final String TOKEN = "00TESTtokenNeverLogged0123456789abcdefXYZ";
    private static final Instant T0 = Instant.parse("2024-06-01T12:00:00Z");

    private final MockWebServer server = new MockWebServer();
    private final TestTime time = new TestTime(T0);
    private final List<String> log = new CopyOnWriteArrayList<>();
    private OrgUrl org;

    @BeforeEach
    void start() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        org = OrgUrl.parse(server.url("/").toString());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private OktaClient client(RetryPolicy retry) {
        return OktaClient.builder(org, new ApiKeyCredentials(Secret.of(TOKEN)))
                .time(time, time)
                .retryPolicy(retry)
                .random(() -> 0.5)
                .httpLog(log::add)
                .build();
    }

    private PageRequest users() {
        return PageRequest.array(org.resolve("/api/v1/users?limit=2"), "okta.users.read");
    }

    private static String httpDate(Instant t) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
    }

    private static MockResponse.Builder ok(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body);
    }

    private static MockResponse error(int status, String code, String summary) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
                .addHeader("X-Okta-Request-Id", "req-" + status)
                .body("{\"errorCode\":\"" + code + "\",\"errorSummary\":\"" + summary + "\",\"errorLink\":\"" + code
                        + "\",\"errorId\":\"oae" + status + "\",\"errorCauses\":[]}").build();
    }

    @Test
    void aSingleObjectRequestReadsTheBodyAsAPageOfOneItemWithoutANextPage() throws Exception {
        String schema = "{\"id\":\"https://x/meta/schemas/user/osc1\",\"lastUpdated\":\"2024-01-01T00:00:00.000Z\","
                + "\"definitions\":{\"custom\":{\"properties\":{}}}}";
        try (OktaClient c = client(RetryPolicy.DEFAULT)) {
            // even a next link (which Okta does not send on one object) is not followed
            server.enqueue(ok(schema).addHeader("link", "<" + server.url("/api/v1/meta/schemas/user/osc2") + ">; rel=\"next\"")
                    .build());
            PageCursor cursor = new PageCursor(c, PageRequest.object(org.resolve("/api/v1/meta/schemas/user/osc1"),
                    "okta.schemas.read"));
            Page page = cursor.fetch();
            assertThat(page.items()).singleElement().satisfies(item -> {
                assertThat(item.jsonString()).isEqualTo(schema);
                assertThat(item.lastUpdated()).isEqualTo("2024-01-01T00:00:00.000Z");
            });
            assertThat(page.next()).isNull();
            assertThat(cursor.hasNext()).isFalse();
            assertThat(server.getRequestCount()).isEqualTo(1);
        }
        assertThat(PageRequest.object(org.resolve("/a"), null).withUrl(org.resolve("/b")).single()).isTrue();
        assertThatThrownBy(() -> new PageRequest(org.resolve("/a"), "value", null, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sendsTheApiTokenOnlyAsSswsHeaderAndFollowsNextLinks() throws Exception {
        try (OktaClient c = client(RetryPolicy.DEFAULT)) {
            server.enqueue(ok("[{\"id\":\"00u1\"},{\"id\":\"00u2\"}]")
                    .addHeader("link", "<" + server.url("/api/v1/users?limit=2") + ">; rel=\"self\"")
                    .addHeader("link", "<" + server.url("/api/v1/users?after=00u2&limit=2") + ">; rel=\"next\"").build());
            server.enqueue(ok("[{\"id\":\"00u3\"}]").build());
            PageCursor cursor = new PageCursor(c, users());
            Page p1 = cursor.fetch();
            assertThat(p1.items()).extracting(PageItem::id).containsExactly("00u1", "00u2");
            assertThat(cursor.nextUrl().queryParameter("after")).isEqualTo("00u2");
            Page p2 = cursor.fetch();
            assertThat(p2.items()).extracting(PageItem::id).containsExactly("00u3");
            assertThat(cursor.hasNext()).isFalse();

            RecordedRequest r1 = server.takeRequest();
            assertThat(r1.getHeaders().get("Authorization")).isEqualTo("SSWS " + TOKEN);
            assertThat(r1.getTarget()).isEqualTo("/api/v1/users?limit=2");
            assertThat(server.takeRequest().getTarget()).isEqualTo("/api/v1/users?after=00u2&limit=2");
        }
        assertThat(log).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(TOKEN).doesNotContain("SSWS"));
    }

    @Test
    void waitsForTheRateLimitResetComputedFromTheDateHeaderNotAGuess() throws Exception {
        try (OktaClient c = client(RetryPolicy.DEFAULT)) {
            Instant serverNow = Instant.parse("2024-06-01T11:59:00Z"); // Okta's clock differs from ours
            server.enqueue(new MockResponse.Builder().code(429)
                    .addHeader("Date", httpDate(serverNow))
                    .addHeader("X-Rate-Limit-Limit", "600").addHeader("X-Rate-Limit-Remaining", "0")
                    .addHeader("X-Rate-Limit-Reset", Long.toString(serverNow.getEpochSecond() + 17))
                    .body("{\"errorCode\":\"E0000047\",\"errorSummary\":\"API call exceeded rate limit due to too many requests.\"}")
                    .build());
            server.enqueue(ok("[]").build());
            assertThat(c.getPage(users()).items()).isEmpty();
        }
        // reset - Date = 17 s, + 1 s pad, + jitter 0.5 * 500 ms
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(18_250));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void serverErrorsBackOffExponentiallyWithJitter() throws Exception {
        try (OktaClient c = client(RetryPolicy.DEFAULT)) {
            server.enqueue(error(503, "E0000009", "Internal Server Error"));
            server.enqueue(error(502, "E0000009", "Internal Server Error"));
            server.enqueue(error(500, "E0000009", "Internal Server Error"));
            server.enqueue(ok("[{\"id\":\"00u1\"}]").build());
            assertThat(c.getPage(users()).items()).hasSize(1);
        }
        // 500 ms doubling, equal jitter at 0.5: half fixed + half * 0.5
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(375), Duration.ofMillis(750), Duration.ofMillis(1500));
    }

    @Test
    void givesUpAfterMaxAttemptsWithOktasIdsInTheMessage() {
        try (OktaClient c = client(RetryPolicy.DEFAULT.withMaxAttempts(3))) {
            for (int i = 0; i < 3; i++) {
                server.enqueue(error(500, "E0000009", "Internal Server Error"));
            }
            assertThatThrownBy(() -> c.getPage(users()))
                    .isInstanceOfSatisfying(OktaServerException.class, e -> {
                        assertThat(e.isRetriable()).isTrue();
                        assertThat(e.status()).isEqualTo(500);
                        assertThat(e.errorCode()).isEqualTo("E0000009");
                        assertThat(e.errorId()).isEqualTo("oae500");
                        assertThat(e.requestId()).isEqualTo("req-500");
                    })
                    .hasMessageContaining("after 3 attempts").hasMessageContaining("/api/v1/users")
                    .hasMessageContaining("requestId=req-500");
        }
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void rateLimitRetriesAreBoundedToo() {
        try (OktaClient c = client(RetryPolicy.DEFAULT.withMaxAttempts(2))) {
            for (int i = 0; i < 2; i++) {
                server.enqueue(new MockResponse.Builder().code(429).addHeader("X-Rate-Limit-Reset",
                        Long.toString(T0.getEpochSecond() + 5)).body("{\"errorCode\":\"E0000047\"}").build());
            }
            assertThatThrownBy(() -> c.getPage(users())).isInstanceOf(OktaRateLimitException.class)
                    .hasMessageContaining("E0000047").hasMessageContaining("Rate limits");
        }
    }

    @Test
    void droppedConnectionsAndTruncatedBodiesAreRetried() throws Exception {
        try (OktaClient c = client(RetryPolicy.DEFAULT)) {
            server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
            server.enqueue(ok("[{\"id\":\"00u1\"},{\"id\":\"00u2\"}]").onResponseBody(new SocketEffect.CloseSocket()).build());
            server.enqueue(ok("[{\"id\":\"00u1\"},{\"id\":\"00u2\"}]").build());
            assertThat(c.getPage(users()).items()).extracting(PageItem::id).containsExactly("00u1", "00u2");
        }
        assertThat(time.sleeps()).hasSize(2);
    }

    @Test
    void ioFailuresEndInATransportErrorWhenRetriesRunOut() {
        try (OktaClient c = client(RetryPolicy.DEFAULT.withMaxAttempts(2))) {
            server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
            server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
            assertThatThrownBy(() -> c.getPage(users())).isInstanceOf(OktaTransportException.class)
                    .hasMessageContaining("Could not reach Okta").hasMessageContaining("/api/v1/users")
                    .hasMessageContaining("after 2 attempts");
        }
    }

    @Test
    void unauthorizedIsPermanentAndNeverRetried() {
        try (OktaClient c = client(RetryPolicy.DEFAULT)) {
            server.enqueue(error(401, "E0000011", "Invalid token provided"));
            assertThatThrownBy(() -> c.getPage(users()))
                    .isInstanceOfSatisfying(OktaAuthenticationException.class, e -> assertThat(e.isRetriable()).isFalse())
                    .hasMessageContaining("API token").hasMessageContaining("E0000011").hasMessageNotContaining(TOKEN);
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void forbiddenNamesTheMissingScope() {
        try (OktaClient c = client(RetryPolicy.DEFAULT)) {
            server.enqueue(new MockResponse.Builder().code(403)
                    .addHeader("WWW-Authenticate", "Bearer realm=\"IdpError\", error=\"insufficient_scope\", "
                            + "error_description=\"The access token provided does not contain the required scopes.\", "
                            + "resource=\"/api/v1/users\", scope=\"okta.users.read\"")
                    .body("{\"errorCode\":\"E0000006\",\"errorSummary\":\"You do not have permission to perform the requested action\"}")
                    .build());
            assertThatThrownBy(() -> c.getPage(users())).isInstanceOf(OktaPermissionException.class)
                    .hasMessageContaining("okta.users.read").hasMessageContaining("Okta API Scopes")
                    .hasMessageContaining("E0000006");
        }
    }

    @Test
    void badRequestCarriesOktasCauses() {
        try (OktaClient c = client(RetryPolicy.DEFAULT)) {
            server.enqueue(new MockResponse.Builder().code(400).body("{\"errorCode\":\"E0000031\",\"errorSummary\":"
                    + "\"Invalid search criteria.\",\"errorCauses\":[{\"errorSummary\":\"Invalid filter\"}]}").build());
            assertThatThrownBy(() -> c.getPage(users())).isInstanceOf(OktaBadRequestException.class)
                    .hasMessageContaining("E0000031").hasMessageContaining("Invalid filter");
        }
    }

    /** A body without Content-Length ends where the connection closes: cut short, it reads as short JSON, no I/O error. */
    private static MockResponse cutShortWithoutLength(String body) {
        return ok(body).removeHeader("Content-Length").setHeader("Connection", "close")
                .onResponseBody(new SocketEffect.CloseSocket()).build();
    }

    @Test
    void aPageCutShortWithoutContentLengthIsFetchedAgainNotLostNorFatal() {
        String page = "[{\"id\":\"00u1\",\"profile\":{\"login\":\"a@example.com\"}},{\"id\":\"00u2\",\"profile\":{\"login\":\"b@example.com\"}}]";
        try (OktaClient c = client(RetryPolicy.DEFAULT)) {
            server.enqueue(cutShortWithoutLength(page));
            server.enqueue(ok(page).addHeader("link", "<" + server.url("/api/v1/users?after=00u2&limit=2") + ">; rel=\"next\"").build());
            Page p = c.getPage(users());
            assertThat(p.items()).extracting(PageItem::id).containsExactly("00u1", "00u2");
            assertThat(p.next().queryParameter("after")).isEqualTo("00u2");
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(375));   // the 5xx / I/O back-off, not a new one
    }

    @Test
    void aPageThatStaysMalformedFailsAfterTheRetryPolicysAttemptsNamingThem() {
        try (OktaClient c = client(RetryPolicy.DEFAULT.withMaxAttempts(3))) {
            for (int i = 0; i < 3; i++) {
                server.enqueue(ok("[{\"id\":\"00u1\"},{\"id\":").addHeader("X-Okta-Request-Id", "req-bad").build());
            }
            assertThatThrownBy(() -> c.getPage(users())).isInstanceOf(OktaProtocolException.class)
                    .hasMessageContaining("GET /api/v1/users").hasMessageContaining("not valid JSON")
                    .hasMessageContaining("3 times in a row").hasMessageContaining("requestId=req-bad")
                    .satisfies(e -> assertThat(((OktaException) e).isRetriable()).isFalse());
        }
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(time.sleeps()).hasSize(2);
    }

    @Test
    void aMalformedPageIsNotRetriedWhenTheRetryPolicySaysNever() {
        try (OktaClient c = client(RetryPolicy.NONE)) {
            server.enqueue(ok("{\"not\":\"an array\"}").build());
            assertThatThrownBy(() -> c.getPage(users())).isInstanceOf(OktaProtocolException.class)
                    .hasMessageContaining("expected a JSON array").hasMessageNotContaining("times in a row");
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void aResponseOverTheSizeLimitIsRefusedUnretriedWhateverItsFraming() {
        String big = "[" + "{\"id\":\"00u1\"},".repeat(200) + "{\"id\":\"00u2\"}]";   // ~3 KB
        try (OktaClient c = OktaClient.builder(org, new ApiKeyCredentials(Secret.of(TOKEN))).time(time, time)
                .maxResponseBytes(2_048).build()) {
            server.enqueue(ok(big).build());                                                 // Content-Length
            server.enqueue(new MockResponse.Builder().code(200).chunkedBody(big, 100).build());   // chunked, no length
            server.enqueue(ok(big).removeHeader("Content-Length").setHeader("Connection", "close").build());   // until close
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> c.getPage(users())).as("framing " + i).isInstanceOf(OktaProtocolException.class)
                        .hasMessageContaining("GET /api/v1/users").hasMessageContaining("over the limit of 2048 bytes")
                        .hasMessageContaining("maxResponseBytes");
            }
            server.enqueue(ok("[{\"id\":\"00u1\"}]").build());
            assertThat(c.getPage(users()).items()).hasSize(1);
        }
        assertThat(server.getRequestCount()).isEqualTo(4);   // none of them retried
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void aFullPageThatLinksToItselfStopsTheCursorInsteadOfLoopingForever() {
        try (OktaClient c = client(RetryPolicy.DEFAULT)) {
            String self = server.url("/api/v1/users?limit=2").toString();
            server.enqueue(ok("[]").addHeader("link", "<" + self + ">; rel=\"next\"").build());   // empty: fine (a poll's end)
            server.enqueue(ok("[{\"id\":\"00u1\"}]").addHeader("X-Okta-Request-Id", "req-loop")
                    .addHeader("link", "<" + self + ">; rel=\"next\"").build());
            PageCursor cursor = new PageCursor(c, users());
            assertThat(cursor.fetch().items()).isEmpty();
            assertThat(cursor.nextUrl().toString()).isEqualTo(self);
            assertThatThrownBy(cursor::fetch).isInstanceOf(OktaProtocolException.class)
                    .hasMessageContaining("points back to the page just read").hasMessageContaining("req-loop");
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aNextLinkToAnotherOriginIsAnErrorAndNeverRequested() {
        try (OktaClient c = client(RetryPolicy.DEFAULT)) {
            server.enqueue(ok("[{\"id\":\"00u1\"}]")
                    .addHeader("link", "<https://evil.example.com/api/v1/users?after=00u1>; rel=\"next\"").build());
            PageCursor cursor = new PageCursor(c, users());
            Page page = cursor.fetch();   // the page's items are handed out first ...
            assertThat(page.items()).hasSize(1);
            assertThat(page.next()).isNull();
            assertThat(cursor.hasNext()).isTrue();
            assertThat(cursor.nextUrl()).isEqualTo(users().url()); // ... a checkpoint now re-reads this page ...
            for (int i = 0; i < 2; i++) {   // ... and every later fetch fails, naming both origins with their ports
                assertThatThrownBy(cursor::fetch).isInstanceOf(OktaProtocolException.class)
                        .hasMessageContaining("another origin (https://evil.example.com:443)")
                        .hasMessageContaining("than the org http://" + server.getHostName() + ":" + server.getPort())
                        .hasMessageContaining("not followed");
            }
            // An empty page has nothing to hand out: it fails at once.
            server.enqueue(ok("[]").addHeader("link", "<https://evil.example.com/api/v1/users?after=00u1>; rel=\"next\"").build());
            assertThatThrownBy(() -> new PageCursor(c, users()).fetch()).isInstanceOf(OktaProtocolException.class)
                    .hasMessageContaining("evil.example.com:443");
            // A caller that tries anyway is refused before any request.
            assertThatThrownBy(() -> c.getPage(PageRequest.array(okhttp3.HttpUrl.get("https://evil.example.com/x"), null)))
                    .isInstanceOf(OktaProtocolException.class);
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void governorKeepsTheHeadroomAndWaitsForTheReset() throws Exception {
        long reset = T0.getEpochSecond() + 30;
        try (OktaClient c = client(RetryPolicy.DEFAULT)) {
            for (int remaining : new int[] {3, 2, 9}) {
                server.enqueue(ok("[]").addHeader("Date", httpDate(T0))
                        .addHeader("X-Rate-Limit-Limit", "10").addHeader("X-Rate-Limit-Remaining", Integer.toString(remaining))
                        .addHeader("X-Rate-Limit-Reset", Long.toString(remaining == 9 ? reset + 60 : reset)).build());
            }
            c.getPage(users());
            c.getPage(users()); // 3 left: 2 more would still leave the 20% headroom (2 of 10)
            assertThat(time.sleeps()).isEmpty();
            c.getPage(users()); // 2 left = the headroom: wait for the reset (+1 s)
            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(31));
            RateLimitGovernor.BucketView view = c.governor().view("GET /api/v1/users");
            assertThat(view.remaining()).isEqualTo(9);
            assertThat(view.limit()).isEqualTo(10);
        }
    }

    @Test
    void wakeupAbortsTheCallInFlight() {
        try (OktaClient c = client(RetryPolicy.DEFAULT)) {
            PageCursor cursor = new PageCursor(c, users());
            cursor.wakeup();
            assertThatThrownBy(cursor::fetch).isInstanceOf(OktaTransportException.class);
        }
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void everyRequestNamesThisLibraryOkHttpAndJavaWithoutASuffixUnlessGiven() throws Exception {
        String base = "okta-inputs/" + UserAgent.VERSION + " okhttp/" + okhttp3.OkHttp.VERSION + " java/" + System.getProperty("java.version");
        assertThat(UserAgent.VERSION).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"); // filtered in by Maven, not "unknown"
        try (OktaClient c = client(RetryPolicy.DEFAULT)) {
            server.enqueue(ok("[]").build());
            c.getPage(users());
            assertThat(c.userAgent()).isEqualTo(base);
            assertThat(server.takeRequest().getHeaders().get("User-Agent")).isEqualTo(base);
        }
        OktaClient.Builder b = OktaClient.builder(org, new ApiKeyCredentials(Secret.of(TOKEN))).time(time, time);
        try (OktaClient c = b.userAgentSuffix("acme-etl/2.3").build()) {
            server.enqueue(ok("[]").build());
            c.getPage(users());
            assertThat(server.takeRequest().getHeaders().get("User-Agent")).isEqualTo(base + " acme-etl/2.3");
        }
        assertThatThrownBy(() -> b.userAgentSuffix("acme\r\nX-Evil: 1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("printable ASCII").hasMessageContaining("Fix:");
    }
}
