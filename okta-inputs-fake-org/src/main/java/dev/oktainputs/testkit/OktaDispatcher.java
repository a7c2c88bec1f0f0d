package dev.oktainputs.testkit;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import okio.Buffer;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The request pipeline shared by every route: record → pick a fault → rate limit → authenticate → route (404/405)
 * → permission → handler, then render with Okta's standard headers and apply socket-level faults.
 */
final class OktaDispatcher extends Dispatcher {

    private static final Logger LOG = Logger.getLogger(OktaDispatcher.class.getName());

    /** The last stretch of a response's delay, spun rather than parked (a park may wake this much late). */
    private static final long SPIN_NANOS = 500_000;
    /** The longest park of a delay: how often a long one checks whether the server is closing. */
    private static final long PARK_SLICE_NANOS = 50_000_000;

    private final FakeOktaServer server;
    private final Routes routes;
    private final AtomicLong sequence = new AtomicLong();
    private volatile MockWebServer mockWebServer;

    OktaDispatcher(FakeOktaServer server, Routes routes) {
        this.server = server;
        this.routes = routes;
    }

    void attach(MockWebServer mws) {
        this.mockWebServer = mws;
    }

    @Override
    public MockResponse dispatch(RecordedRequest raw) throws InterruptedException {
        long receivedNanos = System.nanoTime(); // MockWebServer has just read the request
        drainMockWebServerQueue();
        Instant now = server.clock().instant();
        RecordedOktaRequest request = toRequest(raw, now);
        Fault fault = server.faults.next(request.path());
        if (fault != null) {
            request = request.withFault(fault);
        }
        server.record(request.redacted());
        try {
            return respond(request, fault, now, receivedNanos);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "fake Okta server failed on " + request, e);
            return render(serverError(500), null, now).build();
        }
    }

    private MockResponse respond(RecordedOktaRequest request, Fault fault, Instant now, long receivedNanos) {
        Routes.Lookup lookup = routes.find(request.method(), request.path());
        String bucket = lookup.route() != null ? lookup.route().bucket() : RateLimiter.bucketFor(request.path());
        RateLimiter.Decision limit = server.rateLimiter.acquire(bucket, now);
        FakeResponse response;
        Fault.Kind kind = fault == null ? null : fault.kind();
        if (!limit.allowed() || kind == Fault.Kind.RATE_LIMIT) {
            limit = limit.exhausted();
            response = FakeResponse.oktaError(429, "E0000047", "API call exceeded rate limit due to too many requests.");
        } else if (kind == Fault.Kind.STATUS) {
            response = statusFault(fault.status());
        } else if (kind == Fault.Kind.DROP_CONNECTION) {
            response = FakeResponse.json(500, "");
        } else {
            response = handle(request, lookup);
            server.listingDeletions.prepared(request, response);
        }
        MockResponse.Builder builder = render(response, limit, now);
        if (kind == Fault.Kind.DROP_CONNECTION) {
            builder.onResponseStart(new SocketEffect.CloseSocket());
        } else if (kind == Fault.Kind.TRUNCATE_BODY) {
            builder.onResponseBody(new SocketEffect.CloseSocket());
        } else if (kind == Fault.Kind.TRUNCATE_CHUNKED_BODY) {
            builder.chunkedBody(response.body(), 256).onResponseBody(new SocketEffect.CloseSocket());
        } else if (kind == Fault.Kind.TRUNCATE_UNDELIMITED_BODY) {
            // No length and no chunking: the body ends where the connection closes, halfway through.
            builder.removeHeader("Content-Length").setHeader("Connection", "close")
                    .onResponseBody(new SocketEffect.CloseSocket());
        }
        Duration delay = server.latency().plus(kind == Fault.Kind.LATENCY ? fault.delay() : Duration.ZERO);
        MockResponse built = builder.build();
        if (!delay.isZero()) {
            awaitResponseStart(delay, receivedNanos);
        }
        return built;
    }

    /**
     * What is left of a response's delay once the server has spent {@code elapsedNanos} preparing it: the latency is
     * counted from the request's arrival, so the fake's own work does not add to it (it stays hidden as long as it
     * takes less than the latency).
     *
     * @param delay        the latency to model (the server's, plus a latency fault's)
     * @param elapsedNanos how long ago the request arrived
     * @return nanoseconds still to wait before the response starts, never negative
     */
    static long remainingDelayNanos(Duration delay, long elapsedNanos) {
        return Math.max(0, delay.toNanos() - Math.max(0, elapsedNanos));
    }

    /**
     * Returns when {@code delay} has passed since the request arrived, to within about a tenth of a millisecond: parks
     * until {@link #SPIN_NANOS} before, then spins. A plain sleep (MockWebServer's headers delay is
     * {@code Thread.sleep}) wakes 0.2–0.3 ms late on a loaded two-core machine, which a benchmark paging 500 times at
     * 20 ms would count as its client's. Gives up when the server closes or the thread is interrupted, so a long latency
     * fault does not hold up a test's end.
     */
    private void awaitResponseStart(Duration delay, long receivedNanos) {
        for (long left = remainingDelayNanos(delay, System.nanoTime() - receivedNanos); left > 0;
                left = remainingDelayNanos(delay, System.nanoTime() - receivedNanos)) {
            if (server.closing() || Thread.currentThread().isInterrupted()) {
                return;
            }
            if (left > SPIN_NANOS) {
                LockSupport.parkNanos(Math.min(left - SPIN_NANOS, PARK_SLICE_NANOS));
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private FakeResponse handle(RecordedOktaRequest request, Routes.Lookup lookup) {
        Route route = lookup.route();
        if (route == null || route.requiresAuth()) {
            FakeResponse denied = server.access.authenticate(request);
            if (denied != null) {
                return denied;
            }
        }
        if (route == null) {
            return lookup.pathKnown()
                    ? FakeResponse.oktaError(405, "E0000022", "The endpoint does not support the provided HTTP method")
                    : FakeResponse.oktaError(404, "E0000007", "Not found: Resource not found: " + request.path());
        }
        if (server.access.isDenied(request.path())) {
            return FakeResponse.oktaError(403, "E0000006", "You do not have permission to perform the requested action");
        }
        try {
            return route.handler().handle(new Route.Call(request, lookup.pathParams(), server));
        } catch (OktaApiException e) {
            return e.response();
        }
    }

    private static FakeResponse statusFault(int status) {
        switch (status) {
            case 400: return FakeResponse.oktaError(400, "E0000001", "Api validation failed");
            case 401: return RequestAuthenticator.invalidToken();
            case 403: return FakeResponse.oktaError(403, "E0000006",
                    "You do not have permission to perform the requested action");
            case 404: return FakeResponse.oktaError(404, "E0000007", "Not found: Resource not found");
            default: return serverError(status);
        }
    }

    private static FakeResponse serverError(int status) {
        return FakeResponse.oktaError(status, "E0000009", "Internal Server Error");
    }

    private MockResponse.Builder render(FakeResponse response, RateLimiter.Decision limit, Instant now) {
        MockResponse.Builder b = new MockResponse.Builder().code(response.status());
        if (response.header("Content-Type") == null) {
            b.addHeader("Content-Type", "application/json");
        }
        b.addHeader("Date", Ids.httpDate(now));
        b.addHeader("X-Okta-Request-Id", Ids.unique("", 27));
        if (limit != null) {
            b.addHeader("X-Rate-Limit-Limit", limit.limit());
            b.addHeader("X-Rate-Limit-Remaining", limit.remaining());
            b.addHeader("X-Rate-Limit-Reset", limit.resetEpochSeconds());
        }
        for (Map.Entry<String, String> h : response.headers()) {
            b.addHeaderLenient(h.getKey(), h.getValue());
        }
        byte[] utf8 = response.utf8();
        return utf8 != null ? b.body(new Buffer().write(utf8)) : b.body(response.body());
    }

    private RecordedOktaRequest toRequest(RecordedRequest raw, Instant now) {
        HttpUrl url = raw.getUrl();
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String name : url.queryParameterNames()) {
            query.put(name, url.queryParameterValues(name).stream().map(v -> v == null ? "" : v).toList());
        }
        String path = "/" + String.join("/", url.pathSegments());
        String body = raw.getBody() == null ? "" : raw.getBody().utf8();
        Map<String, List<String>> headers = new LinkedHashMap<>(raw.getHeaders().toMultimap());
        if (raw.getHeaders().get("Host") == null && raw.getHeaders().get(":authority") != null) {
            headers.put("Host", List.of(raw.getHeaders().get(":authority"))); // HTTP/2 (TLS, oktaHost) says Host so
        }
        return new RecordedOktaRequest(sequence.incrementAndGet(), now, raw.getMethod(), path, raw.getTarget(),
                query, headers, body, null);
    }

    /** MockWebServer queues every request for takeRequest(); drop them so long benchmarks do not pile them up. */
    private void drainMockWebServerQueue() throws InterruptedException {
        MockWebServer mws = mockWebServer;
        if (mws != null) {
            while (mws.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
                // discard
            }
        }
    }
}
