package dev.oktainputs.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.TestTime;
import dev.oktainputs.core.auth.ApiKeyCredentials;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.config.SyncOptions;
import dev.oktainputs.core.error.OktaPermissionException;
import dev.oktainputs.core.error.OktaTransportException;
import dev.oktainputs.core.listing.ListingRun;
import dev.oktainputs.core.listing.ListingSpec;
import dev.oktainputs.core.state.InMemoryIdSetStore;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PageCursor}'s prefetch: the next page is requested as soon as a page with a next link arrives, before the
 * caller asks for it; the next fetch returns it or throws what fetching it threw; a wakeup or close cancels it and
 * gives its governor slot back; nothing is prefetched after an empty page, after the last page, or when turned off.
 *
 * <p>The server records each request as it arrives, with how many {@code fetch()} calls had begun by then. Pages behind
 * {@link #gate} are held until the test ends (or the client gives up on them). Waits on the server are bounded only
 * to end a broken build, never to assert timing.
 */
class PageCursorPrefetchTest {

    private static final long BOUND = 30;
    private static final String TOKEN = "00prefetchTestToken0123456789abcdef";

    private final MockWebServer server = new MockWebServer();
    private final TestTime time = new TestTime(Instant.parse("2024-06-01T12:00:00Z"));
    /** Targets of the requests, as they arrive. */
    private final BlockingQueue<String> arrivals = new LinkedBlockingQueue<>();
    /**
     * Per target, how many {@code fetch()} calls the test had started when it arrived. (Not "whether a fetch was running":
     * a prefetch started inside fetch() could arrive before that fetch returned, on a loaded machine.)
     */
    private final Map<String, Integer> fetchesStartedAtArrival = new ConcurrentHashMap<>();
    private final AtomicInteger fetchesStarted = new AtomicInteger();
    private final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
    private final CountDownLatch gate = new CountDownLatch(1);
    private OrgUrl org;

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String target = request.getTarget();
                fetchesStartedAtArrival.putIfAbsent(target, fetchesStarted.get());
                arrivals.add(target);
                Function<RecordedRequest, MockResponse> route = routes.get(target);
                return route != null ? route.apply(request) : new MockResponse.Builder().code(404).body("{}").build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        org = OrgUrl.parse(server.url("/").toString());
    }

    @AfterEach
    void stop() throws Exception {
        gate.countDown();
        server.close();
    }

    private OktaClient.Builder clientBuilder() {
        return OktaClient.builder(org, new ApiKeyCredentials(Secret.of(TOKEN))).time(time, time).random(() -> 0.5);
    }

    private PageRequest request(String target) {
        return PageRequest.array(org.resolve(target), "okta.users.read");
    }

    private void route(String target, MockResponse response) {
        routes.put(target, r -> response);
    }

    private MockResponse page(String ids, String next) {
        StringBuilder body = new StringBuilder("[");
        for (String id : ids.isEmpty() ? new String[0] : ids.split(",")) {
            body.append(body.length() > 1 ? "," : "").append("{\"id\":\"").append(id).append("\"}");
        }
        MockResponse.Builder b = new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(body.append(']').toString());
        if (next != null) {
            b.addHeader("Link", "<" + server.url(next) + ">; rel=\"next\"");
        }
        return b.build();
    }

    /** A page the server holds back until the test ends: a request that stays in flight. */
    private void routeHeld(String target) {
        routes.put(target, r -> {
            try {
                gate.await(BOUND, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return page("late", null);
        });
    }

    private Page fetch(PageCursor cursor) {
        fetchesStarted.incrementAndGet();
        return cursor.fetch();
    }

    private String arrival() throws InterruptedException {
        String target = arrivals.poll(BOUND, TimeUnit.SECONDS);
        assertThat(target).as("a request reached the server").isNotNull();
        return target;
    }

    private static List<String> ids(Page page) {
        return page.items().stream().map(PageItem::id).toList();
    }

    @Test
    void requestsTheNextPageBeforeFetchIsCalledAgainAndReturnsIt() throws Exception {
        route("/users?limit=2", page("u1,u2", "/users?after=u2"));
        route("/users?after=u2", page("u3", null));
        try (OktaClient client = clientBuilder().build()) {
            PageCursor cursor = new PageCursor(client, request("/users?limit=2"));

            assertThat(ids(fetch(cursor))).containsExactly("u1", "u2");
            assertThat(arrival()).isEqualTo("/users?limit=2");
            assertThat(arrival()).as("asked for while the caller still works on page 1").isEqualTo("/users?after=u2");
            assertThat(fetchesStartedAtArrival.get("/users?after=u2")).as("before the second fetch() began").isEqualTo(1);
            assertThat(cursor.nextUrl().queryParameter("after")).as("the checkpoint still names page 2").isEqualTo("u2");

            assertThat(ids(fetch(cursor))).containsExactly("u3");
            assertThat(cursor.hasNext()).isFalse();
            assertThat(cursor.prefetching()).as("nothing after the last page").isFalse();
            assertThat(server.getRequestCount()).isEqualTo(2);
            assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("SSWS " + TOKEN);
            assertThat(server.takeRequest().getHeaders().get("Authorization")).as("the prefetch is authorised too")
                    .isEqualTo("SSWS " + TOKEN);
        }
    }

    /**
     * The next page is requested from the Link header of a 200, before that page's body is parsed: here each body is
     * cut short on its first attempt (so the page is fetched again), and the server answers the second attempt only
     * once the page after it has been requested. Without the early request each second attempt would wait for a
     * request that is only sent after it, and the test would fail.
     */
    @Test
    void theNextPageIsRequestedFromTheHeadersBeforeTheBodyIsParsed() throws Exception {
        CountDownLatch secondAsked = new CountDownLatch(1);
        CountDownLatch thirdAsked = new CountDownLatch(1);
        routes.put("/users?limit=1", cutShortThen(null, secondAsked, page("u1", "/users?after=u1"), "/users?after=u1"));
        routes.put("/users?after=u1", cutShortThen(secondAsked, thirdAsked, page("u2", "/users?after=u2"), "/users?after=u2"));
        routes.put("/users?after=u2", r -> {
            thirdAsked.countDown();
            return page("u3", null);
        });
        try (OktaClient client = clientBuilder().build()) {
            PageCursor cursor = new PageCursor(client, request("/users?limit=1"));

            assertThat(ids(fetch(cursor))).containsExactly("u1");
            assertThat(ids(fetch(cursor))).containsExactly("u2");
            assertThat(ids(fetch(cursor))).containsExactly("u3");
            assertThat(cursor.hasNext()).isFalse();
            assertThat(server.getRequestCount()).as("each page once, and the two cut short once more").isEqualTo(5);
        }
    }

    /**
     * A page whose first answer is a 200 with its Link header but a body cut short (not valid JSON); the second answer,
     * {@code full}, is given once {@code waitFor} has been counted down; if it is not (bounded, to end a broken
     * build), a 404 that fails the fetch.
     */
    private Function<RecordedRequest, MockResponse> cutShortThen(CountDownLatch arrived, CountDownLatch waitFor,
                                                                 MockResponse full, String next) {
        AtomicInteger attempts = new AtomicInteger();
        return r -> {
            if (arrived != null) {
                arrived.countDown();
            }
            if (attempts.incrementAndGet() == 1) {
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                        .addHeader("Link", "<" + server.url(next) + ">; rel=\"next\"")
                        .body("[{\"id\":\"cut\",\"profile\":{\"login\":\"cut-short").build();
            }
            try {
                if (!waitFor.await(BOUND, TimeUnit.SECONDS)) {
                    return new MockResponse.Builder().code(404).body("{}").build();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return full;
        };
    }

    @Test
    void noPrefetchAfterAnEmptyPageEvenWithANextLink() throws Exception {
        // the end of a System Log poll: an empty page whose next link is where the next poll starts
        route("/logs?since=t0", page("", "/logs?after=e0"));
        route("/logs?after=e0", page("", "/logs?after=e0"));
        try (OktaClient client = clientBuilder().build()) {
            PageCursor cursor = new PageCursor(client, request("/logs?since=t0"));

            assertThat(fetch(cursor).items()).isEmpty();
            assertThat(cursor.hasNext()).isTrue();
            assertThat(cursor.prefetching()).isFalse();

            fetch(cursor);
            assertThat(fetchesStartedAtArrival.get("/logs?after=e0")).as("sent by the second fetch, not before").isEqualTo(2);
            assertThat(server.getRequestCount()).isEqualTo(2);
        }
    }

    @Test
    void noPrefetchWhenTurnedOffOnTheClientOrTheCursor() throws Exception {
        route("/users?limit=1", page("u1", "/users?after=u1"));
        route("/users?after=u1", page("u2", null));
        route("/groups?limit=1", page("g1", "/groups?after=g1"));
        route("/groups?after=g1", page("g2", null));
        try (OktaClient client = clientBuilder().prefetchPages(false).build()) {
            assertThat(client.prefetchPages()).isFalse();
            PageCursor cursor = new PageCursor(client, request("/users?limit=1"));
            fetch(cursor);
            assertThat(cursor.prefetching()).isFalse();
            assertThat(ids(fetch(cursor))).containsExactly("u2");
        }
        try (OktaClient client = clientBuilder().build()) {
            assertThat(client.prefetchPages()).as("on by default").isTrue();
            PageCursor cursor = new PageCursor(client, request("/groups?limit=1"), false);
            fetch(cursor);
            assertThat(cursor.prefetching()).isFalse();
            assertThat(ids(fetch(cursor))).containsExactly("g2");
        }
        // each second page is sent by its cursor's second fetch (fetches 2 and 4 of this test), not before
        assertThat(fetchesStartedAtArrival).containsEntry("/users?after=u1", 2).containsEntry("/groups?after=g1", 4);
    }

    @Test
    void anErrorOfThePrefetchedPageSurfacesFromFetchClassifiedAsWithoutPrefetch() throws Exception {
        route("/users?limit=1", page("u1", "/users?after=u1"));
        route("/users?after=u1", new MockResponse.Builder().code(403).addHeader("Content-Type", "application/json")
                .addHeader("X-Okta-Request-Id", "req-403")
                .body("{\"errorCode\":\"E0000006\",\"errorSummary\":\"You do not have permission to perform the requested"
                        + " action\",\"errorId\":\"oae403\",\"errorCauses\":[]}").build());
        Throwable[] failures = new Throwable[2];
        for (int i = 0; i < 2; i++) {
            boolean prefetch = i == 0;
            try (OktaClient client = clientBuilder().build()) {
                PageCursor cursor = new PageCursor(client, request("/users?limit=1"), prefetch);
                fetch(cursor);
                assertThat(cursor.prefetching()).isEqualTo(prefetch);
                failures[i] = catchThrowable(() -> fetch(cursor));
                assertThat(cursor.nextUrl().queryParameter("after")).as("still on the failed page").isEqualTo("u1");
            }
        }
        assertThat(failures[0]).isInstanceOf(OktaPermissionException.class).hasMessageContaining("okta.users.read")
                .hasMessageContaining("req-403");
        assertThat(failures[0].toString()).doesNotContain(TOKEN);
        assertThat(failures[0].getClass()).isEqualTo(failures[1].getClass());
        assertThat(failures[0].getMessage()).isEqualTo(failures[1].getMessage());
    }

    @Test
    void aPrefetchIsRetriedAndPacedLikeAnyRequest() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        route("/users?limit=1", page("u1", "/users?after=u1"));
        routes.put("/users?after=u1", r -> attempts.incrementAndGet() == 1
                ? new MockResponse.Builder().code(503).body("{\"errorCode\":\"E0000009\"}").build()
                : page("u2", null));
        try (OktaClient client = clientBuilder().build()) {
            PageCursor cursor = new PageCursor(client, request("/users?limit=1"));
            fetch(cursor);
            assertThat(ids(fetch(cursor))).containsExactly("u2");
            assertThat(attempts).hasValue(2);
            assertThat(time.sleeps()).as("one back-off, on the virtual clock").hasSize(1);
        }
    }

    @Test
    void wakeupCancelsThePrefetchInFlightAndGivesItsSlotBack() throws Exception {
        // the slot is freed by the wakeup itself, before any fetch
        assertCancellingTheHeldPrefetchFreesItsSlot(PageCursor::wakeup);
    }

    @Test
    void closeCancelsAPrefetchNobodyWillRead() throws Exception {
        assertCancellingTheHeldPrefetchFreesItsSlot(PageCursor::close);
    }

    /** The second page is held by the server while prefetched on the client's only slot; {@code cancel} must free it. */
    private void assertCancellingTheHeldPrefetchFreesItsSlot(java.util.function.Consumer<PageCursor> cancel) throws Exception {
        route("/users?limit=1", page("u1", "/users?after=u1"));
        routeHeld("/users?after=u1");
        route("/groups", page("g1", null));
        try (OktaClient client = clientBuilder().maxConcurrent(1).build()) {
            PageCursor cursor = new PageCursor(client, request("/users?limit=1"));
            fetch(cursor);
            arrival();
            assertThat(arrival()).isEqualTo("/users?after=u1"); // in flight, holding the only slot

            cancel.accept(cursor);

            assertOneSlotIsFree(client);
            assertThatThrownBy(() -> fetch(cursor)).isInstanceOf(OktaTransportException.class);
        }
    }

    @Test
    void closingTheClientCancelsThePrefetchesStillRunning() throws Exception {
        route("/users?limit=1", page("u1", "/users?after=u1"));
        routeHeld("/users?after=u1");
        OktaClient client = clientBuilder().build();
        PageCursor cursor = new PageCursor(client, request("/users?limit=1"));
        fetch(cursor);
        arrival();
        arrival();

        client.close();

        // without the cancel, this would wait for the held page and return it
        Throwable failure = CompletableFuture.supplyAsync(() -> catchThrowable(cursor::fetch)).get(BOUND, TimeUnit.SECONDS);
        assertThat(failure).isInstanceOf(OktaTransportException.class);
    }

    @Test
    void aListingRunClosedEarlyCancelsItsPrefetch() throws Exception {
        route("/api/v1/users?limit=1", page("u1", "/api/v1/users?after=u1&limit=1"));
        routeHeld("/api/v1/users?after=u1&limit=1");
        route("/groups", page("g1", null));
        try (OktaClient client = clientBuilder().maxConcurrent(1).build()) {
            ListingSpec spec = ListingSpec.builder("users", "/api/v1/users", "okta.users.read").pageSize(1).build();
            InputContext context = new InputContext(client, InputOptions.parse("users", List.of(SyncOptions.FULL_SYNC_EVERY,
                    SyncOptions.FULL_SYNC, SyncOptions.OVERLAP, SyncOptions.BATCH_MAX_RECORDS), Map.of("batch_max_records", 0)),
                    new InMemoryIdSetStore()); // a batch per page: the second page is the prefetch
            ListingRun run = new ListingRun(context, Checkpoint.empty(), spec);
            assertThat(run.next().records()).hasSize(1);
            arrival();
            assertThat(arrival()).isEqualTo("/api/v1/users?after=u1&limit=1");

            run.close();

            assertOneSlotIsFree(client);
        }
    }

    @Test
    void anInterruptWhileWaitingForThePrefetchCancelsItAndIsKept() throws Exception {
        route("/users?limit=1", page("u1", "/users?after=u1"));
        routeHeld("/users?after=u1");
        route("/groups", page("g1", null));
        try (OktaClient client = clientBuilder().maxConcurrent(1).build()) {
            PageCursor cursor = new PageCursor(client, request("/users?limit=1"));
            fetch(cursor);
            CompletableFuture<Object[]> outcome = CompletableFuture.supplyAsync(() -> {
                Thread.currentThread().interrupt();
                Throwable t = catchThrowable(cursor::fetch);
                return new Object[] {t, Thread.interrupted()};
            });
            Object[] result = outcome.get(BOUND, TimeUnit.SECONDS);
            assertThat((Throwable) result[0]).isInstanceOf(OktaTransportException.class);
            assertThat(result[1]).as("the caller's interrupt is kept").isEqualTo(true);
            assertOneSlotIsFree(client);
        }
    }

    /** With maxConcurrent 1, another request can only complete once the cancelled prefetch released its slot. */
    private void assertOneSlotIsFree(OktaClient client) throws Exception {
        Page other = CompletableFuture.supplyAsync(() -> new PageCursor(client, request("/groups")).fetch())
                .get(BOUND, TimeUnit.SECONDS);
        assertThat(ids(other)).containsExactly("g1");
        assertThat(client.governor().maxConcurrent()).isEqualTo(1);
    }
}
