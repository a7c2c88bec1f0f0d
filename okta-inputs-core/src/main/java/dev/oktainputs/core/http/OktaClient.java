package dev.oktainputs.core.http;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.auth.OktaCredentials;
import dev.oktainputs.core.error.OktaException;
import dev.oktainputs.core.error.OktaProtocolException;
import dev.oktainputs.core.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import okhttp3.OkHttpClient;

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
 *
 * <p>Its settings and the assembly of the chains are {@link ClientSettings}; running page calls is
 * {@link PageFetcher}.
 */
public final class OktaClient implements AutoCloseable {

    private final OrgUrl org;
    private final OktaCredentials credentials;
    private final OkHttpClient http;
    private final RateLimitGovernor governor;
    private final Clock clock;
    private final boolean ownsHttp;
    private final boolean prefetchPages;
    private final PageFetcher pages;
    private final String userAgent;

    private OktaClient(ClientSettings s) {
        this.ownsHttp = s.ownsHttp();
        this.org = s.org;
        this.credentials = s.credentials;
        this.clock = s.clock;
        this.prefetchPages = s.prefetchPages;
        this.governor = new RateLimitGovernor(s.clock, s.sleeper, s.headroom, s.maxConcurrent);
        UserAgent userAgent = UserAgent.withSuffix(s.userAgentSuffix);
        this.userAgent = userAgent.value();
        CallWaits waits = new CallWaits();
        this.http = s.newHttp(userAgent, governor, waits);
        this.pages = new PageFetcher(s, http, waits);
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
        return pages.startPrefetch(call.fetch, task);
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
     * @throws OktaProtocolException when the request is not on the org's origin (it is never sent)
     */
    public PageCall newPageCall(PageRequest request) {
        return new PageCall(pages.newFetch(request));
    }

    /** {@link #newPageCall(PageRequest)}, {@code early} told of each 200's headers before its body is read. */
    PageCall newPageCall(PageRequest request, EarlyHeaders early) {
        return new PageCall(pages.newFetch(request, early));
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

    /** @return the OkHttp client of the resource calls (for this package's tests) */
    OkHttpClient okHttp() {
        return http;
    }

    @Override
    public void close() {
        pages.close();
        if (ownsHttp) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /**
     * One page fetch that can be cancelled from another thread.
     *
     * <p>A 200 whose body is not JSON of the expected shape is fetched again, like an I/O failure (a connection dropped
     * mid-body can read as a short body), with the retry policy's back-off and attempts; only a page that stays
     * malformed is an {@link OktaProtocolException}.
     */
    public final class PageCall {
        private final PageFetcher.Fetch fetch;

        private PageCall(PageFetcher.Fetch fetch) {
            this.fetch = fetch;
        }

        /**
         * Runs the request (with retries) and parses the page.
         *
         * @return the page
         * @throws OktaException classified; {@link dev.oktainputs.core.error.OktaTransportException} when cancelled
         */
        public Page execute() {
            return fetch.execute();
        }

        /** Aborts the request in flight, if any; {@link #execute()} then fails promptly. */
        public void cancel() {
            fetch.cancel();
        }
    }

    /** Settings of a client; every one has a sensible default. */
    public static final class Builder {
        private final ClientSettings settings;

        private Builder(OrgUrl org, OktaCredentials credentials) {
            settings = new ClientSettings(org, credentials);
        }

        /**
         * @param clock the clock (tests: a virtual one)
         * @param sleeper how to wait (tests: one that advances the virtual clock)
         * @return this
         */
        public Builder time(Clock clock, Sleeper sleeper) {
            settings.clock = Objects.requireNonNull(clock);
            settings.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        /**
         * @param retry the retry policy
         * @return this
         */
        public Builder retryPolicy(RetryPolicy retry) {
            settings.retry = Objects.requireNonNull(retry);
            return this;
        }

        /**
         * @param headroom fraction of each rate-limit bucket to leave to others, in [0, 1) (default
         *                 {@link HttpOptions#HEADROOM})
         * @return this
         */
        public Builder headroom(double headroom) {
            settings.headroom = headroom;
            return this;
        }

        /**
         * @param maxConcurrent requests in flight at once (default {@link HttpOptions#MAX_CONCURRENT})
         * @return this
         */
        public Builder maxConcurrent(int maxConcurrent) {
            settings.maxConcurrent = maxConcurrent;
            return this;
        }

        /**
         * @param connect connect timeout
         * @param read read timeout
         * @return this
         */
        public Builder timeouts(Duration connect, Duration read) {
            settings.connectTimeout = connect;
            settings.readTimeout = read;
            return this;
        }

        /**
         * @param random source of uniform values in [0, 1) for jitter (tests: a fixed one)
         * @return this
         */
        public Builder random(DoubleSupplier random) {
            settings.random = Objects.requireNonNull(random);
            return this;
        }

        /**
         * @param base an OkHttpClient to share a connection pool and dispatcher with
         * @return this
         */
        public Builder okHttpClient(OkHttpClient base) {
            settings.base = base;
            return this;
        }

        /**
         * Sends the HTTP log, headers included (credentials redacted), to {@code sink} instead of SLF4J.
         *
         * @param sink where log lines go
         * @return this
         */
        public Builder httpLog(Consumer<String> sink) {
            settings.logSink = sink;
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
            settings.maxResponseBytes = bytes;
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
            settings.prefetchPages = prefetch;
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
            settings.userAgentSuffix = suffix;
            return this;
        }

        /** @return the client */
        public OktaClient build() {
            return new OktaClient(settings);
        }
    }

    @Override
    public String toString() {
        return "OktaClient[" + org + ", " + credentials.kind() + "]";
    }
}
