package dev.oktainputs.core.http;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.error.OktaErrorDetails;
import dev.oktainputs.core.error.OktaErrors;
import dev.oktainputs.core.error.OktaException;
import dev.oktainputs.core.error.OktaProtocolException;
import dev.oktainputs.core.time.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page fetches of one {@link OktaClient}, behind its {@link OktaClient.PageCall}s: each request is checked to be on
 * the org's origin, run through the client's interceptor chain, and its answer made a {@link Page} (errors classified,
 * the next link kept only on the org). Also runs {@link PageCursor} prefetches on daemon threads of its own, and
 * cancels those still running when {@link #close() closed}.
 *
 * <p>A 200 whose body is not JSON of the expected shape is fetched again, like an I/O failure: a response with
 * neither Content-Length nor chunked encoding ends where the connection closes, so a connection dropped mid-body reads
 * as a short body without any I/O error, and only the parser can tell. Retried with the retry policy's back-off and
 * attempts; only a page that stays malformed is an {@link OktaProtocolException}.
 */
final class PageFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(OktaClient.class); // the logger these lines always had
    private static final AtomicInteger PREFETCH_THREADS = new AtomicInteger();

    private final OrgUrl org;
    private final String credentialsKind;
    private final OkHttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RetryPolicy retry;
    private final DoubleSupplier random;
    private final CallWaits waits;
    /** Daemon threads, created on first use, ended by {@link #close()}. */
    private final ThreadPoolExecutor prefetchThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "okta-prefetch-" + PREFETCH_THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
    private final Set<Fetch> prefetching = ConcurrentHashMap.newKeySet();

    PageFetcher(ClientSettings settings, OkHttpClient http, CallWaits waits) {
        this.org = settings.org;
        this.credentialsKind = settings.credentials.kind();
        this.http = http;
        this.clock = settings.clock;
        this.sleeper = settings.sleeper;
        this.retry = settings.retry;
        this.random = settings.random;
        this.waits = waits;
    }

    /**
     * @param request what to fetch
     * @return the fetch, not started
     * @throws OktaProtocolException when the request is not on the org's origin (it is never sent)
     */
    Fetch newFetch(PageRequest request) {
        return newFetch(request, null);
    }

    /**
     * @param request what to fetch
     * @param early   told of each 200's headers before the body is read, or null
     * @return the fetch, not started
     * @throws OktaProtocolException when the request is not on the org's origin (it is never sent)
     */
    Fetch newFetch(PageRequest request, EarlyHeaders early) {
        if (!org.isSameOrigin(request.url())) {
            throw new OktaProtocolException("Okta gave a next link to " + OrgUrl.origin(request.url())
                    + ", which is not the org " + org.origin() + "; it was not followed (credentials are only sent to the org).",
                    OktaErrorDetails.NONE, null);
        }
        Request.Builder b = new Request.Builder().url(request.url()).get().header("Accept", "application/json");
        if (early != null) {
            b.tag(EarlyHeaders.class, early);
        }
        Request r = b.build();
        return new Fetch(http.newCall(r), request);
    }

    /**
     * @param fetch the fetch; {@code task} executes it
     * @param task  runs {@code fetch} and keeps its outcome
     * @return false when closed and the task was not started
     */
    boolean startPrefetch(Fetch fetch, Runnable task) {
        prefetching.add(fetch);
        try {
            prefetchThreads.execute(() -> {
                try {
                    task.run();
                } finally {
                    prefetching.remove(fetch);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            prefetching.remove(fetch);
            return false;
        }
    }

    /** Refuses later prefetches and cancels those running: nobody will read them; their cursors fail if used again. */
    void close() {
        prefetchThreads.shutdown();
        prefetching.forEach(Fetch::cancel);
    }

    /** One page fetch that can be cancelled from another thread. */
    final class Fetch {
        private final PageRequest request;
        private volatile Call call;
        private volatile boolean canceled;

        private Fetch(Call call, PageRequest request) {
            this.call = call;
            this.request = request;
        }

        /**
         * @return the page
         * @throws OktaException classified; {@link dev.oktainputs.core.error.OktaTransportException} when cancelled
         */
        Page execute() {
            OktaErrors.RequestInfo info = new OktaErrors.RequestInfo("GET", request.url().encodedPath(),
                    request.requiredScope(), credentialsKind);
            Instant start = clock.instant();
            for (int attempt = 1; ; attempt++) {
                Call current = call;
                try (Response response = current.execute()) {
                    byte[] body = RetryInterceptor.successBody(response, info);
                    PageParser.Parsed parsed;
                    try {
                        parsed = PageParser.parse(body, request.itemsField(), request.single(), request.fields());
                    } catch (PageParser.MalformedPageException e) {
                        Duration wait = retry.backoff(attempt, random.getAsDouble());
                        if (canceled || !retry.allowsAnother(attempt, Duration.between(start, clock.instant()), wait)) {
                            throw malformed(e, attempt, response.header("X-Okta-Request-Id"), info);
                        }
                        LOG.info("GET {} answered 200 with a body that is not complete JSON ({} bytes: {}), attempt {}/{};"
                                + " fetching it again in {} ms", info.path(), body.length, e.detail(), attempt,
                                retry.maxAttempts(), wait.toMillis());
                        pause(wait, info);
                        call = current.clone();
                        if (canceled) {
                            call.cancel();
                        }
                        continue;
                    }
                    return page(response, parsed, info);
                } catch (RetryInterceptor.ResponseTooLargeException e) {
                    throw new OktaProtocolException("Okta's answer to " + info.method() + " " + info.path() + " was refused: "
                            + e.getMessage() + " (OktaClient.Builder.maxResponseBytes), rather than held in memory."
                            + " Fix: lower the input's page_size, or raise maxResponseBytes if such pages are expected.",
                            OktaErrorDetails.NONE, e);
                } catch (InterruptedIOException e) {
                    throw OktaErrors.fromIo(e, 1, info);
                } catch (IOException e) {
                    throw OktaErrors.fromIo(e, current.isCanceled() ? 1 : retry.maxAttempts(), info);
                }
            }
        }

        private Page page(Response response, PageParser.Parsed parsed, OktaErrors.RequestInfo info) {
            String nextRaw = request.single() ? null // one object: no next page
                    : request.itemsField() == null ? LinkHeaders.next(response.headers("Link")) : parsed.bodyNext();
            if (nextRaw == null && request.itemsField() != null) {
                nextRaw = LinkHeaders.next(response.headers("Link"));
            }
            HttpUrl next = null;
            OktaProtocolException refused = null;
            if (nextRaw != null) {
                HttpUrl link = LinkHeaders.resolve(request.url(), nextRaw);
                next = link == null ? null : org.onOrg(link);
                if (next == null) {
                    // Not thrown here: the page's items are handed out first (PageCursor), then the run fails.
                    refused = new OktaProtocolException("Okta's next link for " + info.path() + " points to another origin ("
                            + (link == null ? "unparseable" : OrgUrl.origin(link)) + ") than the org " + org.origin()
                            + "; it was not followed, so no credentials left the org (the records of the pages up to it were"
                            + " handed on first). Fix: if that origin is really your org, set org_url to it; otherwise report it"
                            + (response.header("X-Okta-Request-Id") == null ? "." : " with the request id "
                            + response.header("X-Okta-Request-Id") + "."),
                            new OktaErrorDetails(response.code(), null, null, null, response.header("X-Okta-Request-Id")), null);
                }
            }
            return new Page(parsed.items(), next, HttpDate.of(response.headers()), response.header("X-Okta-Request-Id"),
                    refused);
        }

        private void pause(Duration wait, OktaErrors.RequestInfo info) {
            try {
                waits.await(call, () -> sleeper.sleep(wait));   // a cancel cuts the wait short
            } catch (InterruptedIOException e) {
                throw OktaErrors.fromIo(e, 1, info);
            }
        }

        /** Aborts the request in flight, if any; {@link #execute()} then fails promptly. */
        void cancel() {
            canceled = true;
            waits.cancel(call);
        }
    }

    private static OktaProtocolException malformed(PageParser.MalformedPageException e, int attempts, String requestId,
                                                   OktaErrors.RequestInfo info) {
        return new OktaProtocolException("Okta answered " + info.method() + " " + info.path() + " with a page that is not valid JSON"
                + " of the expected shape" + (attempts > 1 ? ", " + attempts + " times in a row" : "") + ": " + e.detail()
                + ". The next run retries; if it persists, report it to Okta support with the request id."
                + (requestId == null ? "" : " [requestId=" + requestId + "]"),
                new OktaErrorDetails(200, null, null, null, requestId), e.getCause());
    }
}
