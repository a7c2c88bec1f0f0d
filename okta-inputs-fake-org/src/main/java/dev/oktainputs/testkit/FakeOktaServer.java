package dev.oktainputs.testkit;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.auth.ApiKeyCredentials;
import dev.oktainputs.core.auth.OktaCredentials;
import dev.oktainputs.core.http.OktaClient;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A fake Okta org over real HTTP on loopback (127.0.0.1), built on OkHttp's {@code MockWebServer}. It serves a
 * {@link FakeOrg} with Okta's semantics: SSWS authentication, cursor paging with {@code link} headers, filters,
 * per-bucket rate limits on the (virtual) clock, Okta error bodies, and injectable faults.
 *
 * <pre>{@code
 * try (FakeOktaServer server = FakeOktaServer.start(org)) {
 *     String url = server.orgUrl() + "/api/v1/users?limit=200";   // Authorization: SSWS org.apiToken()
 * }
 * }</pre>
 *
 * <p>Endpoints: {@code GET /api/v1/users}, {@code GET /api/v1/users/{id}}, {@code GET /api/v1/logs} (the org's
 * {@link FakeSystemLog}), the directory's groups, apps, admin roles and API tokens (see {@link FakeDirectory}), and
 * the OAuth token endpoint {@code POST /oauth2/v1/token} for registered {@link ServiceApp}s; anything else is 404
 * E0000007.
 * Every setting may be changed while the server runs; all methods are thread-safe.
 *
 * <p>This class starts the server, says how to reach it (URL, OkHttp client, {@code OktaClient} builder) and keeps
 * the requests it received; the settings (faults, rate limits, latency, links, permissions, authentication) are
 * declared in a package-private superclass and called on the server all the same.
 */
public final class FakeOktaServer extends FakeOktaServerSettings implements AutoCloseable {

    private final LoopbackEndpoint endpoint;
    /** Set when {@link #close()} starts: responses still waiting out their latency stop waiting. */
    private volatile boolean closing;
    private final RequestLog requests = new RequestLog();

    private FakeOktaServer(Builder b, LoopbackEndpoint endpoint) {
        super(b.org, b.clock != null ? b.clock : b.org.clock(), endpoint::orgUrl);
        this.endpoint = endpoint;
        b.settings.forEach(setting -> setting.accept(this));
    }

    /**
     * Starts a server for {@code org} on the org's clock with default settings.
     *
     * @param org the org to serve
     * @return the running server
     */
    public static FakeOktaServer start(FakeOrg org) {
        return builder(org).start();
    }

    /**
     * @param org the org to serve
     * @return a builder for a server with non-default settings
     */
    public static Builder builder(FakeOrg org) {
        return new Builder(org);
    }

    /**
     * @return the base URL (no trailing slash): {@code http://127.0.0.1:PORT}, or with {@link Builder#oktaHost(String)}
     *         {@code https://<that host>:PORT}, which only {@link #httpClient()} reaches
     */
    public String orgUrl() {
        return endpoint.orgUrl();
    }

    /**
     * An OkHttp client that reaches this server at {@link #orgUrl()}: with {@link Builder#oktaHost(String)} it resolves
     * that host and its admin host to loopback (every other name fails to resolve) and trusts the server's throwaway
     * certificate; otherwise a plain client. Pass it to {@code OktaClient.Builder.okHttpClient}. Each call makes a new one.
     *
     * @return the client
     */
    public OkHttpClient httpClient() {
        return endpoint.httpClient();
    }

    /**
     * A client builder already pointed at this server with the org's SSWS API token, as {@link
     * #clientBuilder(OktaCredentials)} describes. Change any setting before {@code build()}.
     *
     * @return a builder of a client of this server
     */
    public OktaClient.Builder clientBuilder() {
        return clientBuilder(new ApiKeyCredentials(Secret.of(apiToken())));
    }

    /**
     * A client builder already pointed at this server: {@link #orgUrl()}, and {@link #httpClient()} when the server
     * has an {@link Builder#oktaHost(String) Okta host name}. When the server clock is a {@link VirtualClock}, that
     * clock is also the client's clock and sleeper, so retries and rate-limit waits take no real time. Everything else
     * is the client's default; change any setting before {@code build()}.
     *
     * @param credentials how the client authenticates, e.g. the {@code ServiceAppCredentials} of a {@link ServiceApp}
     *                    registered here (the fake keeps only the app's public key)
     * @return a builder of a client of this server
     */
    public OktaClient.Builder clientBuilder(OktaCredentials credentials) {
        OktaClient.Builder b = OktaClient.builder(OrgUrl.parse(orgUrl()), credentials);
        if (clock instanceof VirtualClock virtual) {
            b.time(virtual, virtual);
        }
        if (endpoint.hasOktaHost()) {
            b.okHttpClient(httpClient());
        }
        return b;
    }

    /** @return the admin console host of {@link Builder#oktaHost(String)}, e.g. {@code acme-admin.okta.com}, or null */
    public String adminHost() {
        return endpoint.adminHost();
    }

    /** The origin paging links of {@code path} are written on (see {@link #linkOrigin(String)}). */
    String linkBase(String path) {
        return endpoint.linkBase(path, linkOrigin());
    }

    /** @return the org served */
    public FakeOrg org() {
        return org;
    }

    /** @return the clock that dates responses and drives rate-limit windows */
    public Clock clock() {
        return clock;
    }

    /** @return the SSWS token the server accepts (the org's) */
    public String apiToken() {
        return org.apiToken();
    }

    /** @return how many requests the server received (including faulted ones) */
    public int requestCount() {
        return requests.size();
    }

    /** @return the received requests (redacted), oldest first */
    public List<RecordedOktaRequest> requests() {
        return requests.snapshot();
    }

    /** @return the received requests (redacted), oldest first, and forgets them */
    public List<RecordedOktaRequest> takeRequests() {
        return requests.drain();
    }

    void record(RecordedOktaRequest request) {
        requests.add(request);
    }

    /** Shuts the server down; open connections are closed. */
    @Override
    public void close() {
        closing = true;
        endpoint.close();
    }

    boolean closing() {
        return closing;
    }

    @Override
    public String toString() {
        return "FakeOktaServer[" + orgUrl() + ", " + org + "]";
    }

    /** Configures a {@link FakeOktaServer} before it starts; each setting mirrors the server's runtime setter. */
    public static final class Builder {
        private final FakeOrg org;
        private final List<Consumer<FakeOktaServer>> settings = new ArrayList<>();
        private Clock clock;
        private String oktaHost;

        private Builder(FakeOrg org) {
            this.org = Objects.requireNonNull(org, "org");
        }

        /**
         * @param clock the server clock (default: the org's clock)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Serves the org under an Okta host name instead of {@code 127.0.0.1}: HTTPS with a throwaway certificate for
         * {@code host} and its admin host, {@link #orgUrl()} = {@code https://<host>:PORT}, reached only through
         * {@link #httpClient()} (which resolves those names to loopback). For tests of what depends on the name, such as
         * links on the org's admin host ({@code acme-admin.okta.com} for {@code acme.okta.com}).
         *
         * @param host e.g. {@code acme.okta.com}
         * @return this builder
         */
        public Builder oktaHost(String host) {
            this.oktaHost = Objects.requireNonNull(host, "host").toLowerCase(Locale.ROOT);
            return this;
        }

        /**
         * @param bucket a bucket key, e.g. {@code /api/v1/users}
         * @param limit  its budget per 60 s window
         * @return this builder
         * @see FakeOktaServer#rateLimit(String, int)
         */
        public Builder rateLimit(String bucket, int limit) {
            return configure(s -> s.rateLimit(bucket, limit));
        }

        /**
         * @param scheme        an Authorization scheme (case-insensitive)
         * @param authenticator its check, or null to refuse the scheme (e.g. {@code SSWS})
         * @return this builder
         * @see FakeOktaServer#authenticator(String, RequestAuthenticator)
         */
        public Builder authenticator(String scheme, RequestAuthenticator authenticator) {
            return configure(s -> s.authenticator(scheme, authenticator));
        }

        /**
         * @param app an OAuth service app to register
         * @return this builder
         * @see FakeOktaServer#registerServiceApp(ServiceApp)
         */
        public Builder serviceApp(ServiceApp app) {
            return configure(s -> s.registerServiceApp(app));
        }

        /**
         * Applies any runtime setting before the server starts, e.g.
         * {@code configure(s -> s.linkStyle(LinkStyle.COMMA_JOINED))}.
         *
         * @param setting calls setters of the server
         * @return this builder
         */
        public Builder configure(Consumer<FakeOktaServer> setting) {
            settings.add(Objects.requireNonNull(setting, "setting"));
            return this;
        }

        /** @return the started server */
        public FakeOktaServer start() {
            LoopbackEndpoint endpoint = new LoopbackEndpoint(oktaHost);
            FakeOktaServer server = new FakeOktaServer(this, endpoint);
            endpoint.start(new OktaDispatcher(server, Routes.defaults()));
            return server;
        }
    }
}
