package dev.oktainputs.core.time;

import java.time.Duration;

/**
 * Waits. Everything in okta-inputs that waits (retry back-off, rate-limit pauses) goes through a
 * {@code Sleeper} paired with a {@link java.time.Clock}, so that tests drive time virtually and never sleep.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the real thread ({@link Thread#sleep(long)}). */
    Sleeper SYSTEM = d -> {
        if (!d.isNegative() && !d.isZero()) {
            Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
        }
    };

    /**
     * Waits for the given duration.
     *
     * @param duration how long; zero or negative returns at once
     * @throws InterruptedException when the waiting thread is interrupted (e.g. the run is being stopped)
     */
    void sleep(Duration duration) throws InterruptedException;
}
