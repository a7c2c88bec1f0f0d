package dev.oktainputs.core.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How failed requests are retried. A 429 waits until its {@code X-Rate-Limit-Reset}, computed against the
 * response's {@code Date} header, plus {@link #rateLimitPad()} and a random jitter of up to
 * {@link #rateLimitJitter()}; 5xx responses and I/O failures back off exponentially from
 * {@link #initialBackoff()} (times 2 each attempt, capped at {@link #maxBackoff()}) with "equal jitter"
 * (half fixed, half random). Retrying stops at {@link #maxAttempts()} attempts or when the next wait would
 * take the call past {@link #maxElapsed()}.
 *
 * @param maxAttempts     attempts in all, including the first (&ge; 1)
 * @param maxElapsed      total time a call may spend waiting between attempts
 * @param initialBackoff  first back-off for 5xx and I/O failures
 * @param maxBackoff      cap for one back-off
 * @param rateLimitPad    added to the time until the rate-limit reset (Okta advises about a second)
 * @param rateLimitJitter upper bound of the random extra wait after a 429, spreading clients that share a bucket
 * @param maxRateLimitWait cap for one 429 wait (guards against a bogus reset header)
 */
public record RetryPolicy(int maxAttempts, Duration maxElapsed, Duration initialBackoff, Duration maxBackoff,
                          Duration rateLimitPad, Duration rateLimitJitter, Duration maxRateLimitWait) {

    /**
     * {@link HttpOptions#MAX_ATTEMPTS} attempts within {@link HttpOptions#MAX_RETRY_TIME} (their defaults); back-off 0.5 s
     * doubling to 30 s; 429 waits reset + 1 s + up to 0.5 s, at most 2 min.
     */
    public static final RetryPolicy DEFAULT = new RetryPolicy(HttpOptions.MAX_ATTEMPTS.defaultValue(),
            HttpOptions.MAX_RETRY_TIME.defaultValue(), Duration.ofMillis(500),
            Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMinutes(2));

    /** Never retry. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO,
            Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /** Validates the values. */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
        Objects.requireNonNull(maxElapsed, "maxElapsed");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(rateLimitPad, "rateLimitPad");
        Objects.requireNonNull(rateLimitJitter, "rateLimitJitter");
        Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
    }

    /**
     * @param elapsed total time a call may spend waiting between attempts
     * @return a copy with that budget
     */
    public RetryPolicy withMaxElapsed(Duration elapsed) {
        return new RetryPolicy(maxAttempts, elapsed, initialBackoff, maxBackoff, rateLimitPad, rateLimitJitter, maxRateLimitWait);
    }

    /**
     * @param attempts attempts in all
     * @return a copy with that many attempts
     */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, maxElapsed, initialBackoff, maxBackoff, rateLimitPad, rateLimitJitter, maxRateLimitWait);
    }

    /**
     * @param jitter the upper bound of the random extra wait after a 429
     * @return a copy with that jitter
     */
    public RetryPolicy withRateLimitJitter(Duration jitter) {
        return new RetryPolicy(maxAttempts, maxElapsed, initialBackoff, maxBackoff, rateLimitPad, jitter, maxRateLimitWait);
    }

    /**
     * @param attempts attempts made so far (&ge; 1)
     * @param spent    time the call has taken since its first attempt
     * @param wait     the wait before the next attempt
     * @return whether another attempt is allowed: fewer than {@link #maxAttempts()} were made, and the wait does not
     *         take the call past {@link #maxElapsed()}
     */
    boolean allowsAnother(int attempts, Duration spent, Duration wait) {
        return attempts < maxAttempts && spent.plus(wait).compareTo(maxElapsed) <= 0;
    }

    /**
     * The back-off before attempt {@code failedAttempts + 1}, with equal jitter.
     *
     * @param failedAttempts attempts made so far (&ge; 1)
     * @param random         a uniform random value in [0, 1)
     * @return the wait
     */
    Duration backoff(int failedAttempts, double random) {
        long base = initialBackoff.toMillis();
        long cap = maxBackoff.toMillis();
        long exp = base << Math.min(failedAttempts - 1, 30);
        long ceiling = exp <= 0 || exp > cap ? cap : exp;
        return Duration.ofMillis(ceiling / 2 + (long) (random * (ceiling - ceiling / 2)));
    }
}
