package dev.oktainputs.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.auth.ApiKeyCredentials;
import dev.oktainputs.core.error.OktaTransportException;
import dev.oktainputs.core.time.Sleeper;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stop must not wait out a rate-limit pause: {@link PageCursor#wakeup()} cuts short the wait between attempts
 * (retry back-off, 429 reset, governor pause), and leaves the fetching thread without a stray interrupt.
 */
class CancelDuringWaitTest {

    private static final Instant T0 = Instant.parse("2024-06-01T12:00:00Z");
    private final MockWebServer server = new MockWebServer();
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

    /** Sleeps until interrupted, whatever the duration: only a cancel can end it. */
    private static final class BlockingSleeper implements Sleeper {
        final CountDownLatch sleeping = new CountDownLatch(1);
        volatile Duration asked;

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            asked = duration;
            sleeping.countDown();
            new CountDownLatch(1).await();
        }
    }

    private OktaClient client(BlockingSleeper sleeper) {
        return OktaClient.builder(org, new ApiKeyCredentials(Secret.of("00cancelTestToken0123456789")))
                .time(Clock.fixed(T0, ZoneOffset.UTC), sleeper)
                .random(() -> 0.5)
                .build();
    }

    private static MockResponse rateLimited() {
        return new MockResponse.Builder().code(429)
                .addHeader("Date", "Sat, 01 Jun 2024 12:00:00 GMT")
                .addHeader("X-Rate-Limit-Limit", "600").addHeader("X-Rate-Limit-Remaining", "0")
                .addHeader("X-Rate-Limit-Reset", Long.toString(T0.plusSeconds(60).getEpochSecond()))
                .addHeader("Content-Type", "application/json")
                .body("{\"errorCode\":\"E0000047\",\"errorSummary\":\"API call exceeded rate limit due to too many requests.\"}")
                .build();
    }

    private void assertWakeupEndsTheWait(BlockingSleeper sleeper, PageCursor cursor) throws Exception {
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        CompletableFuture<Throwable> fetch = CompletableFuture.supplyAsync(() -> {
            try {
                cursor.fetch();
                return null;
            } catch (Throwable t) {
                return t;
            } finally {
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            }
        });
        assertThat(sleeper.sleeping.await(30, TimeUnit.SECONDS)).as("the fetch reached its wait").isTrue();

        cursor.wakeup();

        Throwable failure = fetch.get(30, TimeUnit.SECONDS); // a bound for a broken build, not a timing assertion
        assertThat(failure).isInstanceOf(OktaTransportException.class);
        assertThat(interruptedAfter.get()).as("no interrupt leaks to the caller's thread").isFalse();
    }

    @Test
    void wakeupCutsShortTheWaitForARateLimitReset() throws Exception {
        server.enqueue(rateLimited());
        BlockingSleeper sleeper = new BlockingSleeper();
        try (OktaClient client = client(sleeper)) {
            PageCursor cursor = new PageCursor(client, PageRequest.array(org.resolve("/api/v1/users?limit=2"), "okta.users.read"));

            assertWakeupEndsTheWait(sleeper, cursor);

            assertThat(sleeper.asked).as("it was waiting for the reset, a minute away").isGreaterThanOrEqualTo(Duration.ofSeconds(60));
            assertThat(server.getRequestCount()).as("no attempt after the stop").isEqualTo(1);
        }
    }

    @Test
    void wakeupCutsShortTheGovernorsPauseBeforeTheNextPage() throws Exception {
        // the first page spends the whole budget; the governor then pauses before asking for the second page
        server.enqueue(new MockResponse.Builder().code(200)
                .addHeader("Date", "Sat, 01 Jun 2024 12:00:00 GMT")
                .addHeader("X-Rate-Limit-Limit", "10").addHeader("X-Rate-Limit-Remaining", "0")
                .addHeader("X-Rate-Limit-Reset", Long.toString(T0.plusSeconds(60).getEpochSecond()))
                .addHeader("Link", "<" + org.resolve("/api/v1/users?limit=2&after=2") + ">; rel=\"next\"")
                .addHeader("Content-Type", "application/json")
                .body("[{\"id\":\"00u1\"},{\"id\":\"00u2\"}]").build());
        BlockingSleeper sleeper = new BlockingSleeper();
        try (OktaClient client = client(sleeper)) {
            PageCursor cursor = new PageCursor(client, PageRequest.array(org.resolve("/api/v1/users?limit=2"), "okta.users.read"));
            assertThat(cursor.fetch().items()).hasSize(2);

            assertWakeupEndsTheWait(sleeper, cursor);

            assertThat(server.getRequestCount()).as("the second page was never requested").isEqualTo(1);
        }
    }
}
