package dev.oktainputs.core.http;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.auth.OktaCredentials;
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
import java.util.Date;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
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
 * The HTTP client of one Okta org, shared by every input of that org (Okta's rate budget is org-wide).
 *
 * <p>OkHttp with a fixed interceptor chain, outermost first: redacting log → retry (429 / 5xx / I/O) →
 * rate-limit governor → auth → network. Retry sits outside auth so each attempt is authorised afresh; the
 * governor sits inside retry so each attempt is paced. Next links are followed exactly as Okta gives them,
 * and only on the org's own origin: a next link on the org's admin host ({@link OrgUrl#onOrg}) is requested on the org's
 * origin instead, and a next link anywhere else is an {@link OktaProtocolException} (after the page's items) and is
 * never requested.
 *
 * <p>Credentials that fetch their own tokens ({@link dev.oktainputs.core.auth.TokenCredentials}, e.g. an OAuth
 * service app) are lent a second chain of the same OkHttp client without the auth interceptor: redacting log →
 * retry → its own governor (bucket {@code POST /oauth2/v1/token}) → network. A token request thus never waits for a
 * token nor for a resource call's concurrency permit, and its form body is never logged.
 *
 * <p>Thread-safe. Close it to release connections.
 */
public final class OktaClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OktaClient.class);

    /** Internal response header by which the retry interceptor reports the number of attempts. */
    static final String ATTEMPTS_HEADER = "X-Okta-Inputs-Attempts";
    private static final AtomicInteger PREFETCH_THREADS = new AtomicInteger();

    private final OrgUrl org;
    private final OktaCredentials credentials;
    private final OkHttpClient http;
    private final RateLimitGovernor governor;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RetryPolicy retry;
    private final DoubleSupplier random;
    private final boolean ownsHttp;
    private final boolean prefetchPages;
    private final CallWaits waits = new CallWaits();
    /** Runs page prefetches ({@link PageCursor}); daemon threads, created on first use, ended by {@link #close()}. */
    private final ThreadPoolExecutor prefetchThreads;
    private final Set<PageCall> prefetching = ConcurrentHashMap.newKeySet();
    private final String userAgent;

    private OktaClient(Builder b) {
        this.ownsHttp = b.base == null;
        this.org = b.org;
        this.credentials = b.credentials;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.retry = b.retry;
        this.random = b.random;
        this.prefetchPages = b.prefetchPages;
        this.prefetchThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "okta-prefetch-" + PREFETCH_THREADS.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.governor = new RateLimitGovernor(b.clock, b.sleeper, b.headroom, b.maxConcurrent);
        OkHttpClient.Builder hb = (b.base == null ? new OkHttpClient.Builder() : b.base.newBuilder())
                .connectTimeout(b.connectTimeout)
                .readTimeout(b.readTimeout)
                .followRedirects(false)
                .retryOnConnectionFailure(false);
        hb.interceptors().clear();
        UserAgent userAgent = UserAgent.withSuffix(b.userAgentSuffix);
        this.userAgent = userAgent.value();
        hb.networkInterceptors().removeIf(i -> i instanceof UserAgent); // a base client made from another OktaClient's
        hb.addNetworkInterceptor(userAgent);
        hb.addInterceptor(b.logSink == null ? new RedactingLogInterceptor(b.clock)
                        : new RedactingLogInterceptor(b.clock, b.logSink, true, () -> true))
                .addInterceptor(new RetryInterceptor(b.retry, b.clock, b.sleeper, b.random, waits, b.maxResponseBytes))
                .addInterceptor(new GovernorInterceptor(governor, waits))
                .addInterceptor(new AuthInterceptor(org, credentials));
        this.http = hb.build();
        if (credentials instanceof dev.oktainputs.core.auth.TokenCredentials) {
            ((dev.oktainputs.core.auth.TokenCredentials) credentials).attach(OkHttpTokenChannel.create(http, org, b.clock,
                    b.sleeper, b.retry, b.random, b.logSink, b.headroom, b.maxResponseBytes));
        }
    }

    /**
     * @param org         the org
     * @param credentials how to authenticate
     * @return a builder with the defaults (system clock, real sleeps, {@link RetryPolicy#DEFAULT}, and the defaults of
     *         {@link HttpOptions})
     */
    public static Builder builder(OrgUrl org, OktaCredentials credentials) {
        return new Builder(org, credentials);
    }

    /** @return the org this client talks to */
    public OrgUrl orgUrl() {
        return org;
    }

    /** @return the credentials' kind, for messages */
    public String credentialsKind() {
        return credentials.kind();
    }

    /**
     * @return the {@code User-Agent} of every request: {@code okta-inputs/<version> okhttp/<version> java/<version>}, then
     *         the {@link Builder#userAgentSuffix(String) suffix} if any
     */
    public String userAgent() {
        return userAgent;
    }

    /** @return the governor, to inspect what it learnt about the org's buckets */
    public RateLimitGovernor governor() {
        return governor;
    }

    /**
     * @return whether a {@link PageCursor} made without saying otherwise requests the next page as soon as a page with a
     *         next link arrives ({@link Builder#prefetchPages(boolean)}, default {@link HttpOptions#PREFETCH})
     */
    public boolean prefetchPages() {
        return prefetchPages;
    }

    /**
     * Runs {@code call} on a thread of this client's own (a {@link PageCursor}'s prefetch), through the same
     * interceptor chain as any call. {@link #close()} cancels the prefetches still running.
     *
     * @param call the call; {@code task} executes it
     * @param task runs {@code call} and keeps its outcome
     * @return false when the client is closed and the task was not started
     */
    boolean startPrefetch(PageCall call, Runnable task) {
        prefetching.add(call);
        try {
            prefetchThreads.execute(() -> {
                try {
                    task.run();
                } finally {
                    prefetching.remove(call);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            prefetching.remove(call);
            return false;
        }
    }

    /** @return the clock this client runs on */
    public Clock clock() {
        return clock;
    }

    /**
     * Prepares the fetch of one page; {@link PageCall#execute()} runs it and {@link PageCall#cancel()} aborts it
     * from another thread.
     *
     * @param request what to fetch
     * @return the call
     */
    public PageCall newPageCall(PageRequest request) {
        if (!org.isSameOrigin(request.url())) {
            throw new OktaProtocolException("Okta gave a next link to " + OrgUrl.origin(request.url())
                    + ", which is not the org " + org.origin() + "; it was not followed (credentials are only sent to the org).",
                    OktaErrorDetails.NONE, null);
        }
        Request r = new Request.Builder().url(request.url()).get().header("Accept", "application/json").build();
        return new PageCall(http.newCall(r), request);
    }

    /**
     * Fetches one page (convenience for {@code newPageCall(request).execute()}).
     *
     * @param request what to fetch
     * @return the page
     */
    public Page getPage(PageRequest request) {
        return newPageCall(request).execute();
    }

    /**
     * One cheap authenticated GET whose body is ignored, to prove that the credentials may read an endpoint (the
     * {@code check} operation). Retried like any call.
     *
     * @param pathAndQuery  e.g. {@code /api/v1/users?limit=1}
     * @param requiredScope the OAuth scope the endpoint needs, named in a 403's message, may be null
     * @return the HTTP status (2xx)
     * @throws dev.oktainputs.core.error.OktaException classified, when the call fails
     */
    public int probe(String pathAndQuery, String requiredScope) {
        return ProbeCall.run(http, org, credentials.kind(), pathAndQuery, requiredScope);
    }

    @Override
    public void close() {
        prefetchThreads.shutdown();
        prefetching.forEach(PageCall::cancel); // nobody will read them; their cursors fail if used again
        if (ownsHttp) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /**
     * One page fetch that can be cancelled from another thread.
     *
     * <p>A 200 whose body is not JSON of the expected shape is fetched again, like an I/O failure: a response with
     * neither Content-Length nor chunked encoding ends where the connection closes, so a connection dropped
     * mid-body reads as a short body without any I/O error, and only the parser can tell. Retried with the retry
     * policy's back-off and attempts; only a page that stays malformed is an {@link OktaProtocolException}.
     */
    public final class PageCall {
        private final PageRequest request;
        private volatile Call call;
        private volatile boolean canceled;

        private PageCall(Call call, PageRequest request) {
            this.call = call;
            this.request = request;
        }

        /**
         * Runs the request (with retries) and parses the page.
         *
         * @return the page
         * @throws OktaException classified; {@link dev.oktainputs.core.error.OktaTransportException} when cancelled
         */
        public Page execute() {
            OktaErrors.RequestInfo info = new OktaErrors.RequestInfo("GET", request.url().encodedPath(),
                    request.requiredScope(), credentials.kind());
            Instant start = clock.instant();
            for (int attempt = 1; ; attempt++) {
                Call current = call;
                try (Response response = current.execute()) {
                    byte[] body = response.body().bytes();
                    int attempts = parseAttempts(response.header(ATTEMPTS_HEADER));
                    if (!response.isSuccessful()) {
                        throw OktaErrors.fromResponse(response.code(), body, response.header("X-Okta-Request-Id"),
                                response.header("WWW-Authenticate"), attempts, info);
                    }
                    PageParser.Parsed parsed;
                    try {
                        parsed = PageParser.parse(body, request.itemsField());
                    } catch (PageParser.MalformedPageException e) {
                        Duration wait = retry.backoff(attempt, random.getAsDouble());
                        if (canceled || !mayRetryMalformed(attempt, start, wait)) {
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
            String nextRaw = request.itemsField() == null ? LinkHeaders.next(response.headers("Link")) : parsed.bodyNext();
            if (nextRaw == null && request.itemsField() != null) {
                nextRaw = LinkHeaders.next(response.headers("Link"));
            }
            HttpUrl next = null;
            OktaProtocolException refused = null;
            if (nextRaw != null) {
                HttpUrl link = request.url().resolve(nextRaw);
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
            Date date = response.headers().getDate("Date");
            return new Page(parsed.items(), next, date == null ? null : date.toInstant(), response.header("X-Okta-Request-Id"),
                    refused);
        }

        private boolean mayRetryMalformed(int attempt, Instant start, Duration wait) {
            return attempt < retry.maxAttempts()
                    && Duration.between(start, clock.instant()).plus(wait).compareTo(retry.maxElapsed()) <= 0;
        }

        private void pause(Duration wait, OktaErrors.RequestInfo info) {
            try {
                waits.await(call, () -> sleeper.sleep(wait));   // a cancel cuts the wait short
            } catch (InterruptedIOException e) {
                throw OktaErrors.fromIo(e, 1, info);
            }
        }

        /** Aborts the request in flight, if any; {@link #execute()} then fails promptly. */
        public void cancel() {
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

    private static int parseAttempts(String v) {
        try {
            return v == null ? 1 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Settings of a client; every one has a sensible default. */
    public static final class Builder {
        private final OrgUrl org;
        private final OktaCredentials credentials;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private double headroom = HttpOptions.HEADROOM.defaultValue();
        private int maxConcurrent = HttpOptions.MAX_CONCURRENT.defaultValue();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private OkHttpClient base;
        private java.util.function.Consumer<String> logSink;
        private long maxResponseBytes = 64L * 1024 * 1024;
        private boolean prefetchPages = HttpOptions.PREFETCH.defaultValue();
        private String userAgentSuffix = HttpOptions.USER_AGENT_SUFFIX.defaultValue();

        private Builder(OrgUrl org, OktaCredentials credentials) {
            this.org = Objects.requireNonNull(org, "org");
            this.credentials = Objects.requireNonNull(credentials, "credentials");
        }

        /**
         * @param clock the clock (tests: a virtual one)
         * @param sleeper how to wait (tests: one that advances the virtual clock)
         * @return this
         */
        public Builder time(Clock clock, Sleeper sleeper) {
            this.clock = Objects.requireNonNull(clock);
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        /**
         * @param retry the retry policy
         * @return this
         */
        public Builder retryPolicy(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry);
            return this;
        }

        /**
         * @param headroom fraction of each rate-limit bucket to leave to others, in [0, 1) (default
         *                 {@link HttpOptions#HEADROOM})
         * @return this
         */
        public Builder headroom(double headroom) {
            this.headroom = headroom;
            return this;
        }

        /**
         * @param maxConcurrent requests in flight at once (default {@link HttpOptions#MAX_CONCURRENT})
         * @return this
         */
        public Builder maxConcurrent(int maxConcurrent) {
            this.maxConcurrent = maxConcurrent;
            return this;
        }

        /**
         * @param connect connect timeout
         * @param read read timeout
         * @return this
         */
        public Builder timeouts(Duration connect, Duration read) {
            this.connectTimeout = connect;
            this.readTimeout = read;
            return this;
        }

        /**
         * @param random source of uniform values in [0, 1) for jitter (tests: a fixed one)
         * @return this
         */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /**
         * @param base an OkHttpClient to share a connection pool and dispatcher with
         * @return this
         */
        public Builder okHttpClient(OkHttpClient base) {
            this.base = base;
            return this;
        }

        /**
         * Sends the HTTP log, headers included (credentials redacted), to {@code sink} instead of SLF4J.
         *
         * @param sink where log lines go
         * @return this
         */
        public Builder httpLog(java.util.function.Consumer<String> sink) {
            this.logSink = sink;
            return this;
        }

        /**
         * @param bytes the largest response body read into memory (default 64 MiB; a page of 1,000 System Log events
         *              is about 2 MB); a larger one fails the call with an {@link OktaProtocolException}, unretried
         * @return this
         */
        public Builder maxResponseBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxResponseBytes must be positive: " + bytes);
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /**
         * Whether {@link PageCursor}s request the next page of a listing as soon as a page with a next link (and at least
         * one item) arrives, so that it is in flight while the caller writes the current batch (default
         * {@link HttpOptions#PREFETCH}). It is a
         * real request, paced, retried and authorised like any other; at most one is ahead per cursor. Turn it off for
         * strictly one request at a time per listing.
         *
         * @param prefetch whether cursors prefetch by default
         * @return this
         */
        public Builder prefetchPages(boolean prefetch) {
            this.prefetchPages = prefetch;
            return this;
        }

        /**
         * Appends a product token of the embedding application to the {@code User-Agent}, e.g. {@code acme-etl/2.3}:
         * {@code okta-inputs/<version> okhttp/<version> java/<version> acme-etl/2.3}.
         *
         * @param suffix printable ASCII, at most 200 characters; null or blank for none
         * @return this
         * @throws IllegalArgumentException when it is not printable ASCII or too long
         */
        public Builder userAgentSuffix(String suffix) {
            UserAgent.check(suffix);
            this.userAgentSuffix = suffix;
            return this;
        }

        /** @return the client */
        public OktaClient build() {
            return new OktaClient(this);
        }
    }

    @Override
    public String toString() {
        return "OktaClient[" + org + ", " + credentials.kind() + "]";
    }

    /** @return the local time now, per this client's clock */
    Instant now() {
        return clock.instant();
    }
}
