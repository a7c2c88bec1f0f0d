package dev.oktainputs.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the {@link FakeOktaServer} injects into a response: see {@link FakeOktaServer#enqueueFault(Fault)},
 * {@link FakeOktaServer#faultEvery(int, Fault)} and {@link FakeOktaServer#randomFaults(long, double, double,
 * double, double)}. A fault can be limited to paths starting with a prefix ({@link #onlyFor(String)}).
 * Immutable.
 */
public final class Fault {

    /** What the client sees. */
    public enum Kind {
        /** An HTTP error status with an Okta error body (5xx: E0000009 Internal Server Error). */
        STATUS,
        /** 429 E0000047 with the current window's rate-limit headers (Remaining 0). */
        RATE_LIMIT,
        /** The connection is closed without a response: the client's call fails with an IOException. */
        DROP_CONNECTION,
        /**
         * A 200 whose body stops halfway, then the connection closes: a connection dropped mid-response. Content-Length
         * is the full length, so reading the body throws IOException.
         */
        TRUNCATE_BODY,
        /** A 200 sent with {@code Transfer-Encoding: chunked} whose body stops halfway: reading it throws IOException. */
        TRUNCATE_CHUNKED_BODY,
        /**
         * A 200 with neither Content-Length nor chunked encoding (the body ends when the connection closes), cut off
         * halfway: HTTP cannot tell, the client reads a short body without any I/O error, and only the JSON shows that
         * it is incomplete.
         */
        TRUNCATE_UNDELIMITED_BODY,
        /** The normal response, sent after a real delay. */
        LATENCY
    }

    private final Kind kind;
    private final int status;
    private final Duration delay;
    private final String pathPrefix;

    private Fault(Kind kind, int status, Duration delay, String pathPrefix) {
        this.kind = kind;
        this.status = status;
        this.delay = delay;
        this.pathPrefix = pathPrefix;
    }

    /**
     * An error status; 5xx get Okta's {@code E0000009 Internal Server Error} body, 429 is {@link #rateLimited()}.
     *
     * @param status 400-599, typically 500, 502, 503 or 504
     * @return the fault
     */
    public static Fault status(int status) {
        if (status == 429) {
            return rateLimited();
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        return new Fault(Kind.STATUS, status, Duration.ZERO, "");
    }

    /** @return a 429 E0000047 whose reset headers name the current window's reset */
    public static Fault rateLimited() {
        return new Fault(Kind.RATE_LIMIT, 429, Duration.ZERO, "");
    }

    /** @return a connection closed without any response */
    public static Fault dropConnection() {
        return new Fault(Kind.DROP_CONNECTION, 0, Duration.ZERO, "");
    }

    /** @return the normal 200 response cut off in the middle of its body, then the connection closed */
    public static Fault truncateBody() {
        return new Fault(Kind.TRUNCATE_BODY, 200, Duration.ZERO, "");
    }

    /** @return the normal 200 response sent chunked and cut off in the middle of its body, then the connection closed */
    public static Fault truncateChunkedBody() {
        return new Fault(Kind.TRUNCATE_CHUNKED_BODY, 200, Duration.ZERO, "");
    }

    /**
     * @return the normal 200 response without Content-Length (delimited by the connection's close), closed in the
     *         middle of its body: the client sees a short body and no I/O error
     */
    public static Fault truncateUndelimitedBody() {
        return new Fault(Kind.TRUNCATE_UNDELIMITED_BODY, 200, Duration.ZERO, "");
    }

    /**
     * A real delay before the normal response (for benchmarks; tests should not need it), on top of the server's
     * {@link FakeOktaServer#latency(Duration) latency} and, like it, counted from the request's arrival.
     *
     * @param delay how long
     * @return the fault
     */
    public static Fault latency(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative latency");
        }
        return new Fault(Kind.LATENCY, 0, delay, "");
    }

    /**
     * @param prefix a path prefix such as {@code /api/v1/users}
     * @return a copy that only applies to requests whose path starts with {@code prefix}
     */
    public Fault onlyFor(String prefix) {
        return new Fault(kind, status, delay, Objects.requireNonNull(prefix, "prefix"));
    }

    /** @return the kind */
    public Kind kind() {
        return kind;
    }

    /** @return the HTTP status for STATUS / RATE_LIMIT / TRUNCATE_*, 0 otherwise */
    public int status() {
        return status;
    }

    /** @return the delay of a LATENCY fault, zero otherwise */
    public Duration delay() {
        return delay;
    }

    /** @return the path prefix this fault is limited to, empty for all paths */
    public String pathPrefix() {
        return pathPrefix;
    }

    boolean matches(String path) {
        return path.startsWith(pathPrefix);
    }

    /** @return whether the fault replaces the route's response (rather than decorating it) */
    boolean replacesResponse() {
        return kind == Kind.STATUS || kind == Kind.RATE_LIMIT || kind == Kind.DROP_CONNECTION;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Fault)) {
            return false;
        }
        Fault f = (Fault) o;
        return kind == f.kind && status == f.status && delay.equals(f.delay) && pathPrefix.equals(f.pathPrefix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, status, delay, pathPrefix);
    }

    @Override
    public String toString() {
        String what = kind == Kind.STATUS ? "STATUS " + status : kind == Kind.LATENCY ? "LATENCY " + delay : kind.name();
        return pathPrefix.isEmpty() ? what : what + " on " + pathPrefix;
    }
}
