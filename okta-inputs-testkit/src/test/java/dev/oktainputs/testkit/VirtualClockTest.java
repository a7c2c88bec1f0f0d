package dev.oktainputs.testkit;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VirtualClockTest {

    private final VirtualClock clock = VirtualClock.startingAt("2025-01-01T00:00:00Z");

    @Test
    void sleepAdvancesAtOnceAndIsRecorded() throws InterruptedException {
        clock.sleep(Duration.ofSeconds(30));
        clock.sleep(Duration.ofMillis(1500));
        clock.sleep(Duration.ZERO);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-01-01T00:00:31.500Z"));
        assertThat(clock.millis()).isEqualTo(clock.instant().toEpochMilli());
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(30), Duration.ofMillis(1500), Duration.ZERO);
        assertThat(clock.totalSlept()).isEqualTo(Duration.ofMillis(31_500));
    }

    @Test
    void advanceMovesTimeWithoutRecordingASleep() {
        clock.advance(Duration.ofMinutes(2));
        clock.advanceTo(Instant.parse("2025-01-01T00:01:00Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-01-01T00:02:00Z"));
        clock.advanceTo(Instant.parse("2025-01-01T01:00:00Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-01-01T01:00:00Z"));
        assertThat(clock.sleeps()).isEmpty();
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void interruptedSleepThrows() {
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> clock.sleep(Duration.ofSeconds(1))).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void zoneViewsShareTheTime() {
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
        clock.advance(Duration.ofHours(1));
        assertThat(paris.instant()).isEqualTo(clock.instant());
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    }

    @Test
    void concurrentSleepsAllCount() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    try {
                        clock.sleep(Duration.ofMillis(1));
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(clock.sleeps()).hasSize(8000);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-01-01T00:00:08Z"));
    }
}
