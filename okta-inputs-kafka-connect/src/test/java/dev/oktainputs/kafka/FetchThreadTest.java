package dev.oktainputs.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** A poll waits for the fetch under way only so long; the fetch goes on and a later poll picks its result up. */
class FetchThreadTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void aPollThatGivesUpLeavesTheFetchRunningForTheNextPoll() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger fetches = new AtomicInteger();
        FetchThread<String> thread = new FetchThread<>("fetch-test", () -> {
            fetches.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "page";
        });
        try {
            assertThat(thread.poll(Duration.ofMillis(1))).isNull();
            assertThat(thread.idle()).isFalse();
            release.countDown();
            assertThat(thread.poll(LONG)).isEqualTo("page");
            assertThat(fetches).hasValue(1); // the second poll took the first fetch's result, it did not start another
            assertThat(thread.idle()).isTrue();
        } finally {
            thread.stop();
        }
    }

    @Test
    void aFetchsFailureIsThrownByThePollThatTakesIt() {
        FetchThread<String> failing = new FetchThread<>("fetch-test", () -> {
            throw new ConnectException("users: boom");
        });
        FetchThread<String> erring = new FetchThread<>("fetch-test", () -> {
            throw new AssertionError("not a RuntimeException");
        });
        try {
            assertThatThrownBy(() -> failing.poll(LONG)).isInstanceOf(ConnectException.class).hasMessage("users: boom");
            assertThat(failing.idle()).isTrue();
            assertThatThrownBy(() -> erring.poll(LONG)).isInstanceOf(ConnectException.class)
                    .hasCauseInstanceOf(AssertionError.class);
        } finally {
            failing.stop();
            erring.stop();
        }
    }

    @Test
    void stopInterruptsTheFetchAndEndsTheThreadAndLaterPollsReturnNull() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        FetchThread<String> thread = new FetchThread<>("fetch-test-stop", () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await(); // a back-off that only an interrupt ends
            } catch (InterruptedException e) {
                return "interrupted";
            }
            return "never";
        });
        assertThat(thread.poll(Duration.ofMillis(1))).isNull();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        thread.stop();
        assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName)).doesNotContain("fetch-test-stop");
        assertThat(thread.poll(LONG)).isEqualTo("interrupted"); // the fetch under way ended: its result is handed out
        assertThat(thread.poll(LONG)).as("no new fetch once stopped").isNull();
    }
}
