package dev.oktainputs.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link FakeOktaServer#latency(Duration)}: Okta's latency, counted from the request's arrival. */
class LatencyTest {

    private final VirtualClock clock = VirtualClock.startingAt("2025-03-01T10:00:00Z");
    private final FakeOrg org = FakeOrg.builder().seed(3).users(450).clock(clock).build();
    private final FakeOktaServer server = FakeOktaServer.start(org);
    private final Http http = new Http(server);

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void theServersOwnWorkCountsTowardsTheLatency() {
        Duration latency = Duration.ofMillis(20);
        assertThat(OktaDispatcher.remainingDelayNanos(latency, 0)).isEqualTo(20_000_000L);
        assertThat(OktaDispatcher.remainingDelayNanos(latency, 3_500_000)).isEqualTo(16_500_000L);
        assertThat(OktaDispatcher.remainingDelayNanos(latency, 20_000_000)).isZero();
        // slower than the latency: nothing more to wait, and nothing to take back
        assertThat(OktaDispatcher.remainingDelayNanos(latency, 45_000_000)).isZero();
        assertThat(OktaDispatcher.remainingDelayNanos(Duration.ZERO, 1_000)).isZero();
    }

    // A lower bound only: however loaded the machine, a response cannot come sooner than the latency it models.
    @Test
    void noResponseStartsBeforeTheLatencyHasPassed() throws IOException {
        server.latency(Duration.ofMillis(30));
        String path = "/api/v1/users?limit=200";
        int pages = 0;
        while (path != null) {
            long start = System.nanoTime();
            Http.Reply reply = http.get(path);
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(30_000_000L);
            assertThat(reply.status()).isEqualTo(200);
            path = reply.link("next");
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        server.enqueueFault(Fault.latency(Duration.ofMillis(25)));
        long start = System.nanoTime();
        assertThat(http.get("/api/v1/users?limit=1").status()).isEqualTo(200);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(55_000_000L); // a latency fault adds to it
    }
}
