package dev.oktainputs.core.http;

import dev.oktainputs.core.time.Sleeper;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import okhttp3.Headers;

/**
 * Keeps one client inside Okta's rate limits, org-wide, before Okta has to say 429.
 *
 * <p>Each bucket's budget is learnt from the {@code X-Rate-Limit-Limit}, {@code -Remaining} and {@code -Reset}
 * headers. A request may start only while the remaining budget, less the requests already in flight, stays
 * above the headroom ({@code ceil(limit × headroom)}, 20% by default): the rest of the bucket is left to the
 * org's other integrations. Otherwise the caller waits until the bucket resets — computed against the
 * response's {@code Date}, since Okta's windows follow Okta's clock, not ours. Concurrency is capped too
 * (Okta allows about 75 in-flight requests per org, shared by everyone).
 */
public final class RateLimitGovernor {

    private final Clock clock;
    private final Sleeper sleeper;
    private final double headroom;
    private final Semaphore permits;
    private final int maxConcurrent;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param clock         the local clock
     * @param sleeper       how to wait
     * @param headroom      fraction of each bucket's limit to leave unused, in [0, 1)
     * @param maxConcurrent requests in flight at once, &ge; 1
     */
    public RateLimitGovernor(Clock clock, Sleeper sleeper, double headroom, int maxConcurrent) {
        if (headroom < 0 || headroom >= 1) {
            throw new IllegalArgumentException("headroom must be in [0, 1), got " + headroom);
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be >= 1, got " + maxConcurrent);
        }
        this.clock = clock;
        this.sleeper = sleeper;
        this.headroom = headroom;
        this.maxConcurrent = maxConcurrent;
        this.permits = new Semaphore(maxConcurrent, true);
    }

    /** What the governor currently believes about one bucket. */
    public record BucketView(int limit, int remaining, int inFlight, Instant resetAt) {
    }

    /**
     * Blocks until a request to {@code bucket} may start, then counts it as in flight. Every successful call
     * must be paired with {@link #release}.
     *
     * @param bucket the bucket key ({@link RateLimitBuckets#keyFor})
     * @throws InterruptedIOException when interrupted while waiting
     */
    public void acquire(String bucket) throws InterruptedIOException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a request slot");
        }
        Bucket b = buckets.computeIfAbsent(bucket, k -> new Bucket());
        try {
            while (true) {
                Duration wait;
                synchronized (b) {
                    wait = b.waitBeforeStart(clock.instant(), headroom);
                    if (wait.isZero()) {
                        b.inFlight++;
                        return;
                    }
                }
                sleeper.sleep(wait);
            }
        } catch (InterruptedException e) {
            permits.release();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the rate limit of " + bucket + " to reset");
        }
    }

    /**
     * Ends a request started with {@link #acquire} and learns from its response headers.
     *
     * @param bucket  the bucket key
     * @param headers the response headers, or null when the request failed without a response
     */
    public void release(String bucket, Headers headers) {
        Bucket b = buckets.get(bucket);
        try {
            if (b != null) {
                synchronized (b) {
                    b.inFlight = Math.max(0, b.inFlight - 1);
                    if (headers != null) {
                        b.learn(headers, clock.instant());
                    }
                }
            }
        } finally {
            permits.release();
        }
    }

    /**
     * @param bucket a bucket key
     * @return what is known of it, or null when no response of that bucket was seen yet
     */
    public BucketView view(String bucket) {
        Bucket b = buckets.get(bucket);
        if (b == null) {
            return null;
        }
        synchronized (b) {
            return b.known ? new BucketView(b.limit, b.remaining, b.inFlight, b.resetAt) : null;
        }
    }

    /** @return what is known of every bucket seen so far, by bucket key (sorted) */
    public Map<String, BucketView> views() {
        Map<String, BucketView> out = new java.util.TreeMap<>();
        for (String key : buckets.keySet()) {
            BucketView v = view(key);
            if (v != null) {
                out.put(key, v);
            }
        }
        return out;
    }

    /** @return the concurrency cap */
    public int maxConcurrent() {
        return maxConcurrent;
    }

    private static final class Bucket {
        boolean known;
        int limit;
        int remaining;
        int inFlight;
        /** The reset in local clock terms. */
        Instant resetAt;
        /** The reset as Okta stated it, epoch seconds: identifies the window. */
        long resetEpoch;

        Duration waitBeforeStart(Instant now, double headroom) {
            if (!known) {
                return Duration.ZERO;
            }
            if (!now.isBefore(resetAt)) {
                // The window has rolled over: the budget is back; learn it again from the next response.
                known = false;
                return Duration.ZERO;
            }
            int floor = (int) Math.ceil(limit * headroom);
            if (remaining - inFlight - 1 >= floor) {
                return Duration.ZERO;
            }
            return Duration.between(now, resetAt);
        }

        void learn(Headers h, Instant now) {
            Integer lim = intHeader(h, "X-Rate-Limit-Limit");
            Integer rem = intHeader(h, "X-Rate-Limit-Remaining");
            Long reset = longHeader(h, "X-Rate-Limit-Reset");
            if (lim == null || rem == null || reset == null) {
                return;
            }
            Instant date = HttpDate.of(h);
            Instant serverNow = date == null ? now : date;
            // Okta's Date has second precision; the pad covers it and clock drift.
            Instant localReset = now.plus(Duration.between(serverNow, Instant.ofEpochSecond(reset))).plusSeconds(1);
            if (!known || reset > resetEpoch) {
                known = true;
                resetEpoch = reset;
                limit = lim;
                remaining = rem;
                resetAt = localReset;
            } else if (reset == resetEpoch) {
                // Responses of one window arrive out of order under concurrency: the smallest remaining is newest.
                remaining = Math.min(remaining, rem);
                limit = lim;
            }
        }

        private static Integer intHeader(Headers h, String name) {
            Long v = longHeader(h, name);
            return v == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
        }

        private static Long longHeader(Headers h, String name) {
            String v = h.get(name);
            if (v == null) {
                return null;
            }
            try {
                return Long.parseLong(v.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
