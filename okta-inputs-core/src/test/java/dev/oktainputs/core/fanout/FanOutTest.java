package dev.oktainputs.core.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.TestTime;
import dev.oktainputs.core.auth.ApiKeyCredentials;
import dev.oktainputs.core.error.OktaNotFoundException;
import dev.oktainputs.core.error.OktaPermissionException;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.http.PageRequest;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Parents p1..p4 on two parent pages; p1's children span two pages. p1's first page is held back by the server
 * until p2's and p3's children have been served, so requests complete out of order; pages must still come out
 * in listing order with positions that resume exactly.
 */
class FanOutTest {

    private final MockWebServer server = new MockWebServer();
    private final TestTime time = new TestTime(Instant.parse("2024-06-01T12:00:00Z"));
    private final List<String> served = new CopyOnWriteArrayList<>();
    private final CountDownLatch othersServed = new CountDownLatch(2);
    /** Request targets the server answers with 404 and this body. */
    private final Map<String, String> notFound = new ConcurrentHashMap<>();
    private static final String OKTA_NOT_FOUND = "{\"errorCode\":\"E0000007\",\"errorSummary\":\"Not found: Resource not"
            + " found: p3 (UserGroup)\",\"errorLink\":\"E0000007\",\"errorId\":\"oae404\",\"errorCauses\":[]}";
    private OrgUrl org;
    private OktaClient client;

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                String target = request.getTarget();
                if (notFound.containsKey(target)) {
                    return new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
                            .body(notFound.get(target)).build();
                }
                if (target.startsWith("/parents?after=p3")) {
                    return page("[{\"id\":\"p4\"}]", null);
                }
                if (target.startsWith("/parents")) {
                    return page("[{\"id\":\"p1\"},{\"id\":\"p2\"},{\"id\":\"p3\"}]", "/parents?after=p3");
                }
                if (target.equals("/children/p1")) {
                    othersServed.await(10, TimeUnit.SECONDS); // released by p2 and p3, so p1 completes last
                    served.add(target);
                    return page("[{\"id\":\"a\"}]", "/children/p1?page=2");
                }
                if (target.equals("/children/p4") && request.getHeaders().get("X-Deny") != null) {
                    return new MockResponse.Builder().code(403).body("{\"errorCode\":\"E0000006\"}").build();
                }
                served.add(target);
                if (target.equals("/children/p2") || target.equals("/children/p3")) {
                    othersServed.countDown();
                }
                return page("[{\"id\":\"" + target.substring(target.lastIndexOf('/') + 1) + "-child\"}]", null);
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        org = OrgUrl.parse(server.url("/").toString());
        client = OktaClient.builder(org, new ApiKeyCredentials(Secret.of("00fanOutTestToken000000000000000000000000")))
                .time(time, time).build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private MockResponse page(String body, String next) {
        MockResponse.Builder b = new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body);
        if (next != null) {
            b.addHeader("Link", "<" + server.url(next) + ">; rel=\"next\"");
        }
        return b.build();
    }

    private FanOut<String> fanOut(FanOutPosition resume, int concurrency) {
        return new FanOut<>(client, PageRequest.array(org.resolve("/parents?limit=3"), null), resume, PageItem::id,
                id -> PageRequest.array(org.resolve("/children/" + id), null), concurrency, 1);
    }

    private static List<ChildPage<String>> drain(FanOut<String> f) {
        List<ChildPage<String>> pages = new ArrayList<>();
        ChildPage<String> p;
        while ((p = f.next()) != null) {
            pages.add(p);
        }
        return pages;
    }

    @Test
    void pagesComeOutInListingOrderWhateverOrderRequestsComplete() {
        List<ChildPage<String>> pages;
        try (FanOut<String> f = fanOut(null, 3)) {
            pages = drain(f);
        }
        assertThat(served.indexOf("/children/p1")).isGreaterThan(served.indexOf("/children/p2"))
                .isGreaterThan(served.indexOf("/children/p3"));
        assertThat(pages).extracting(ChildPage::parent).containsExactly("p1", "p1", "p2", "p3", "p4");
        assertThat(pages).extracting(p -> p.page().items().get(0).id()).containsExactly("a", "p1?page=2-child", "p2-child",
                "p3-child", "p4-child");
        assertThat(pages).extracting(ChildPage::lastOfParent).containsExactly(false, true, true, true, true);
        assertThat(pages).extracting(ChildPage::lastOfListing).containsExactly(false, false, false, false, true);
        assertThat(pages.get(0).position().childNext().toString()).endsWith("/children/p1?page=2");
        assertThat(pages.get(3).position()).satisfies(pos -> {
            assertThat(pos.parent()).isEqualTo("p3");
            assertThat(pos.childNext()).isNull();
            assertThat(pos.parentsPage().toString()).endsWith("/parents?limit=3");
        });
        assertThat(pages.get(4).position().parentsPage().toString()).endsWith("/parents?after=p3");
    }

    @Test
    void resumesAfterACompleteParentAndWithinAParent() {
        releaseP1();
        FanOutPosition afterP2 = new FanOutPosition(org.resolve("/parents?limit=3"), "p2", null);
        try (FanOut<String> f = fanOut(afterP2, 2)) {
            assertThat(drain(f)).extracting(ChildPage::parent).containsExactly("p3", "p4");
        }
        FanOutPosition withinP1 = new FanOutPosition(org.resolve("/parents?limit=3"), "p1", org.resolve("/children/p1?page=2"));
        try (FanOut<String> f = fanOut(withinP1, 2)) {
            List<ChildPage<String>> pages = drain(f);
            assertThat(pages).extracting(ChildPage::parent).containsExactly("p1", "p2", "p3", "p4");
            assertThat(pages.get(0).fromStart()).isFalse();
            assertThat(pages.get(1).fromStart()).isTrue();
        }
        assertThat(served).doesNotContain("/children/p1");
    }

    @Test
    void aFailedChildFailsOnlyWhenItsTurnComesSoEarlierParentsAreHandedOut() {
        releaseP1();
        OktaClient denying = clientDenyingP4();
        try (FanOut<String> f = fanOutNeeding(denying)) {
            List<String> parents = new ArrayList<>();
            assertThatThrownBy(() -> {
                ChildPage<String> p;
                while ((p = f.next()) != null) {
                    parents.add(p.parent());
                }
            }).isInstanceOf(OktaPermissionException.class).hasMessageContaining("okta.test.read");
            assertThat(parents).containsExactly("p1", "p1", "p2", "p3");
        }
        denying.close();
    }

    @Test
    void aParentWhoseChildrenAnswer404E0000007IsHandedOutAsVanishedAndTheRestGoesOn() {
        releaseP1();
        notFound.put("/children/p3", OKTA_NOT_FOUND);
        List<ChildPage<String>> pages;
        try (FanOut<String> f = fanOut(null, 3)) {
            pages = drain(f);
        }
        assertThat(pages).extracting(ChildPage::parent).containsExactly("p1", "p1", "p2", "p3", "p4");
        assertThat(pages).extracting(ChildPage::vanished).containsExactly(false, false, false, true, false);
        ChildPage<String> gone = pages.get(3);
        assertThat(gone.page().items()).isEmpty();
        assertThat(gone.lastOfParent()).isTrue();
        assertThat(gone.position().parent()).isEqualTo("p3");
        assertThat(gone.position().childNext()).isNull(); // a checkpoint here moves past p3
    }

    @Test
    void a404ThatDoesNotSayTheListedParentIsGoneStillFails() {
        releaseP1();
        // Not Okta's answer (a proxy's page, no E0000007): not taken for a deletion.
        notFound.put("/children/p3", "<html>Not Found</html>");
        try (FanOut<String> f = fanOut(null, 3)) {
            assertThatThrownBy(() -> drain(f)).isInstanceOf(OktaNotFoundException.class).hasMessageContaining("/children/p3");
        }
        // Okta's 404, but for a parent the listing never showed (the children URL names p9, not p2): a wrong request.
        notFound.put("/children/p9", OKTA_NOT_FOUND);
        try (FanOut<String> f = new FanOut<>(client, PageRequest.array(org.resolve("/parents?limit=3"), null), null,
                PageItem::id, id -> PageRequest.array(org.resolve("/children/" + (id.equals("p2") ? "p9" : id)), null), 3, 1)) {
            assertThatThrownBy(() -> drain(f)).isInstanceOf(OktaNotFoundException.class).hasMessageContaining("/children/p9");
        }
        // The parent listing itself.
        notFound.put("/parents?limit=3", OKTA_NOT_FOUND);
        try (FanOut<String> f = fanOut(null, 3)) {
            assertThatThrownBy(() -> drain(f)).isInstanceOf(OktaNotFoundException.class).hasMessageContaining("/parents");
        }
    }

    /** A client whose requests for p4's children the fake answers with 403 (the scope is missing). */
    /** Lets the server answer p1's first page at once instead of after p2's and p3's children. */
    private void releaseP1() {
        othersServed.countDown();
        othersServed.countDown();
    }

    private OktaClient clientDenyingP4() {
        return OktaClient.builder(org, new ApiKeyCredentials(Secret.of("00fanOutTestToken000000000000000000000000")))
                .time(time, time).okHttpClient(new okhttp3.OkHttpClient.Builder()
                        .addNetworkInterceptor(chain -> chain.proceed(chain.request().url().encodedPath().equals("/children/p4")
                                ? chain.request().newBuilder().header("X-Deny", "1").build() : chain.request()))
                        .build()).build();
    }

    /** A fan-out over the parents whose children need the scope {@code okta.test.read}. */
    private FanOut<String> fanOutNeeding(OktaClient client) {
        return new FanOut<>(client, PageRequest.array(org.resolve("/parents?limit=3"), null), null,
                PageItem::id, id -> PageRequest.array(org.resolve("/children/" + id), "okta.test.read"), 4, 1);
    }

    @Test
    @Timeout(30)
    void nextWhenFetchedHandsOutPagesInTheSameOrderAsNextWhateverOrderRequestsComplete() {
        try (FanOut<String> f = fanOut(null, 4)) {
            assertThat(f.nextWhenFetched(100)).as("nothing is under way before the first next()").isNull();
            List<ChildPage<String>> pages = new ArrayList<>();
            pages.add(f.next()); // p1's first page, which the server holds until p2's and p3's children are served
            assertThat(f.nextWhenFetched(0)).as("a page larger than allowed stays for next()").isNull();
            ChildPage<String> p;
            while ((p = f.nextWhenFetched(1)) != null) {
                pages.add(p);
            }
            assertThat(f.next()).isNull();
            assertThat(pages).extracting(ChildPage::parent).containsExactly("p1", "p1", "p2", "p3", "p4");
            assertThat(pages).extracting(ChildPage::lastOfListing).containsExactly(false, false, false, false, true);
        }
    }

    @Test
    @Timeout(30)
    void nextWhenFetchedWaitsForPagesUnderWayAndStopsWhereAParentPageWouldHaveToBeRequested() {
        releaseP1();
        try (FanOut<String> f = fanOut(null, 2)) {
            assertThat(f.nextWhenFetched(100)).as("nothing is under way before the first next()").isNull();
            assertThat(f.next().parent()).isEqualTo("p1");
            ChildPage<String> second = f.nextWhenFetched(100); // p1's second page: waited for, not skipped
            assertThat(second.parent()).isEqualTo("p1");
            assertThat(second.lastOfParent()).isTrue();
            assertThat(f.nextWhenFetched(0)).as("a page larger than allowed stays for next()").isNull();
            // p2's page is its last, and the parent after p3 (p4) is on a parent page not fetched yet: handing p2 out
            // would make that request, so it is left to next().
            assertThat(f.nextWhenFetched(100)).isNull();
            assertThat(drain(f)).extracting(ChildPage::parent).containsExactly("p2", "p3", "p4");
            assertThat(f.nextWhenFetched(100)).isNull();
        }
    }

    @Test
    @Timeout(30)
    void nextWhenFetchedLeavesAFailureToNext() {
        releaseP1();
        OktaClient denying = clientDenyingP4();
        try (FanOut<String> f = fanOutNeeding(denying)) {
            List<String> parents = new ArrayList<>();
            parents.add(f.next().parent());
            ChildPage<String> p;
            while ((p = f.nextWhenFetched(100)) != null) {
                parents.add(p.parent());
            }
            assertThat(parents).as("every page before the failed one").containsExactly("p1", "p1", "p2", "p3");
            assertThatThrownBy(f::next).isInstanceOf(OktaPermissionException.class);
        }
        denying.close();
    }
}
