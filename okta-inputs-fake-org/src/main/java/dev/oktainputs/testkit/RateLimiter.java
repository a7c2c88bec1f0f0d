package dev.oktainputs.testkit;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Okta-style per-bucket rate limits on the server clock. Each bucket's window opens at its first request and lasts
 * 60 s; its reset is the window end rounded up to a whole second; the next request at or after the reset opens a
 * new window. Thread-safe.
 */
final class RateLimiter {

    static final long WINDOW_MILLIS = 60_000;
    static final int DEFAULT_LIMIT = 600;

    /** The outcome of one request against its bucket. */
    record Decision(boolean allowed, int limit, int remaining, long resetEpochSeconds) {
        /** @return the same window read as exhausted (for a 429) */
        Decision exhausted() {
            return new Decision(false, limit, 0, resetEpochSeconds);
        }
    }

    private static final class Window {
        long resetMillis;
        int used;
    }

    private final Map<String, Integer> limits = new HashMap<>();
    private final Map<String, Window> windows = new HashMap<>();
    private int defaultLimit = DEFAULT_LIMIT;
    private int denied;

    /**
     * The bucket of a path that no route names explicitly: its first three segments, e.g. {@code /api/v1/users}
     * for {@code /api/v1/users}, {@code /api/v1/users/00u1/groups}; {@code /api/v1/apps} for every app
     * sub-resource; {@code /oauth2/v1/token}.
     */
    static String bucketFor(String path) {
        StringBuilder bucket = new StringBuilder();
        int segments = 0;
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            bucket.append('/').append(segment);
            if (++segments == 3) {
                break;
            }
        }
        return bucket.length() == 0 ? "/" : bucket.toString();
    }

    synchronized Decision acquire(String bucket, Instant now) {
        long nowMillis = now.toEpochMilli();
        Window w = windows.get(bucket);
        if (w == null || nowMillis >= w.resetMillis) {
            w = new Window();
            w.resetMillis = Math.floorDiv(nowMillis + WINDOW_MILLIS + 999, 1000) * 1000;
            windows.put(bucket, w);
        }
        int limit = limitFor(bucket);
        if (w.used <= limit) {
            w.used++;
        }
        if (w.used > limit) {
            denied++;
        }
        return new Decision(w.used <= limit, limit, Math.max(0, limit - w.used), w.resetMillis / 1000);
    }

    synchronized void setLimit(String bucket, int limit) {
        requirePositive(limit);
        limits.put(bucket, limit);
    }

    synchronized void setDefaultLimit(int limit) {
        requirePositive(limit);
        defaultLimit = limit;
    }

    /** @return how many requests were refused because their bucket's budget was spent */
    synchronized int deniedCount() {
        return denied;
    }

    /** Forgets every open window (budgets stay). */
    synchronized void resetWindows() {
        windows.clear();
    }

    synchronized int limitFor(String bucket) {
        return limits.getOrDefault(bucket, defaultLimit);
    }

    private static void requirePositive(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("a rate limit must not be negative: " + limit);
        }
    }
}
