package dev.oktainputs.testkit;

import dev.oktainputs.core.time.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A virtual {@link Clock} that is also a {@link Sleeper}: {@link #sleep(Duration)} does not block but advances
 * the virtual time at once and records the requested duration, so that code under test which waits (back-off,
 * rate-limit pauses) runs instantly and tests can assert on how long it would have waited.
 *
 * <p>Time only moves through {@link #sleep(Duration)}, {@link #advance(Duration)} and {@link #advanceTo(Instant)}.
 * The zone is UTC. Thread-safe.
 */
public final class VirtualClock extends Clock implements Sleeper {

    private final Object lock = new Object();
    private final List<Duration> sleeps = new ArrayList<>();
    private Instant now;

    /**
     * A clock standing at {@code start}.
     *
     * @param start the initial instant
     */
    public VirtualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /**
     * A clock standing at the given ISO-8601 instant, e.g. {@code "2025-01-01T00:00:00Z"}.
     *
     * @param isoInstant the initial instant
     * @return the clock
     */
    public static VirtualClock startingAt(String isoInstant) {
        return new VirtualClock(Instant.parse(isoInstant));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Returns a view of this clock in another zone; it shares (and moves with) this clock's time. */
    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        VirtualClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        synchronized (lock) {
            return now;
        }
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    /**
     * Moves the time forward.
     *
     * @param duration how far; must not be negative
     */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not run backwards: " + duration);
        }
        synchronized (lock) {
            now = now.plus(duration);
        }
    }

    /**
     * Moves the time forward to {@code instant}; does nothing when the clock is already past it.
     *
     * @param instant the target instant
     */
    public void advanceTo(Instant instant) {
        synchronized (lock) {
            if (instant.isAfter(now)) {
                now = instant;
            }
        }
    }

    /**
     * Records the sleep and advances the time by {@code duration} at once (zero or negative: records only).
     *
     * @throws InterruptedException when the calling thread is interrupted (its flag is cleared, as
     *                              {@link Thread#sleep(long)} does)
     */
    @Override
    public void sleep(Duration duration) throws InterruptedException {
        Objects.requireNonNull(duration, "duration");
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before a virtual sleep of " + duration);
        }
        synchronized (lock) {
            sleeps.add(duration);
            if (!duration.isNegative()) {
                now = now.plus(duration);
            }
        }
    }

    /** @return every duration passed to {@link #sleep(Duration)}, in call order (a copy) */
    public List<Duration> sleeps() {
        synchronized (lock) {
            return List.copyOf(sleeps);
        }
    }

    /** @return the sum of the positive durations slept */
    public Duration totalSlept() {
        synchronized (lock) {
            return sleeps.stream().filter(d -> !d.isNegative()).reduce(Duration.ZERO, Duration::plus);
        }
    }

    @Override
    public String toString() {
        return "VirtualClock[" + instant() + "]";
    }
}
