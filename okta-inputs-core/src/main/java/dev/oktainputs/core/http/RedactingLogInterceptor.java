package dev.oktainputs.core.http;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each call once (method, path and query, status, time, Okta request id, rate-limit budget) at DEBUG,
 * and the request headers at TRACE with credential headers redacted. Outermost in the chain, so it sees the
 * call as the caller made it; the auth interceptor adds credentials further in, where nothing logs.
 */
final class RedactingLogInterceptor implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger("dev.oktainputs.http");
    private static final Set<String> REDACTED = Set.of("authorization", "dpop", "cookie", "set-cookie", "proxy-authorization");

    private final Clock clock;
    private final Consumer<String> sink;
    private final boolean traceHeaders;
    private final java.util.function.BooleanSupplier active;

    RedactingLogInterceptor(Clock clock) {
        this(clock, LOG::debug, LOG.isTraceEnabled(), LOG::isDebugEnabled);
    }

    /** For tests: every line goes to {@code sink}, headers included when {@code traceHeaders}. */
    RedactingLogInterceptor(Clock clock, Consumer<String> sink, boolean traceHeaders, java.util.function.BooleanSupplier active) {
        this.clock = clock;
        this.sink = sink;
        this.traceHeaders = traceHeaders;
        this.active = active;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (traceHeaders) {
            sink.accept("--> " + target(request) + " headers: " + redact(request.headers()));
        }
        Instant start = clock.instant();
        try {
            Response response = chain.proceed(request);
            if (active.getAsBoolean()) {
                sink.accept("<-- " + response.code() + " " + target(request) + " (" + Duration.between(start, clock.instant()).toMillis()
                        + " ms, request id " + response.header("X-Okta-Request-Id", "-") + ", rate "
                        + response.header("X-Rate-Limit-Remaining", "?") + "/" + response.header("X-Rate-Limit-Limit", "?") + ")");
            }
            return response;
        } catch (IOException | RuntimeException e) {
            if (active.getAsBoolean()) {
                sink.accept("<-- failed " + target(request) + ": " + e.getClass().getSimpleName());
            }
            throw e;
        }
    }

    /** {@code GET /path?query}: made only for a line that is written (a page request's query is long). */
    private static String target(Request request) {
        String query = request.url().encodedQuery();
        return request.method() + " " + request.url().encodedPath() + (query == null ? "" : "?" + query);
    }

    static String redact(Headers headers) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            sb.append(i == 0 ? "" : ", ").append(name).append(": ")
                    .append(REDACTED.contains(name.toLowerCase(Locale.ROOT)) ? "[hidden]" : headers.value(i));
        }
        return sb.append('}').toString();
    }
}
