package dev.oktainputs.testkit;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.auth.ApiKeyCredentials;
import dev.oktainputs.core.auth.OktaCredentials;
import dev.oktainputs.core.http.OktaClient;
import java.net.UnknownHostException;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 */
public final class FakeOktaServer implements AutoCloseable {

    private final FakeOrg org;
    private final Clock clock;
    private final MockWebServer mockWebServer = new MockWebServer();
    private final RateLimiter rateLimiter = new RateLimiter();
    private final FaultInjector faults = new FaultInjector();
    private final AccessControl access = new AccessControl();
    private final RequestLog requests = new RequestLog();
    private final FakeAuthorizationServer authorizationServer = new FakeAuthorizationServer(this);
    private final AccessTokenAuthenticator accessTokens = new AccessTokenAuthenticator(this);
    private volatile LinkStyle linkStyle = LinkStyle.SEPARATE_LINES;
    private volatile Duration latency = Duration.ZERO;
    private volatile String orgUrl;
    private final Set<String> deleteWhenListed = ConcurrentHashMap.newKeySet();
    private volatile String linkOrigin;
    private final String oktaHost;
    private HeldCertificate certificate;

    private FakeOktaServer(Builder b) {
        this.org = b.org;
        this.clock = b.clock != null ? b.clock : b.org.clock();
        this.oktaHost = b.oktaHost;
        access.authenticator("SSWS", RequestAuthenticator.ssws(org::apiToken));
        access.authenticator("Bearer", accessTokens.scheme("Bearer"));
        access.authenticator("DPoP", accessTokens.scheme("DPoP"));
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

    private FakeOktaServer startServer() {
        OktaDispatcher dispatcher = new OktaDispatcher(this, Routes.defaults());
        dispatcher.attach(mockWebServer);
        mockWebServer.setDispatcher(dispatcher);
        mockWebServer.setServerSocketFactory(new NoDelayServerSocketFactory());
        if (oktaHost != null) {
            HeldCertificate.Builder cert = new HeldCertificate.Builder().addSubjectAlternativeName(oktaHost);
            if (adminHost() != null) {
                cert.addSubjectAlternativeName(adminHost());
            }
            certificate = cert.build();
            mockWebServer.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslSocketFactory());
        }
        try {
            mockWebServer.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the fake Okta server", e);
        }
        orgUrl = oktaHost == null ? "http://127.0.0.1:" + mockWebServer.getPort() : "https://" + oktaHost + ":" + mockWebServer.getPort();
        return this;
    }

    /**
     * @return the base URL (no trailing slash): {@code http://127.0.0.1:PORT}, or with {@link Builder#oktaHost(String)}
     *         {@code https://<that host>:PORT}, which only {@link #httpClient()} reaches
     */
    public String orgUrl() {
        return orgUrl;
    }

    /**
     * An OkHttp client that reaches this server at {@link #orgUrl()}: with {@link Builder#oktaHost(String)} it resolves
     * that host and its admin host to loopback (every other name fails to resolve) and trusts the server's throwaway
     * certificate; otherwise a plain client. Pass it to {@code OktaClient.Builder.okHttpClient}. Each call makes a new one.
     *
     * @return the client
     */
    public OkHttpClient httpClient() {
        OkHttpClient.Builder b = new OkHttpClient.Builder();
        if (oktaHost != null) {
            HandshakeCertificates trust = new HandshakeCertificates.Builder().addTrustedCertificate(certificate.certificate()).build();
            String admin = adminHost();
            b.sslSocketFactory(trust.sslSocketFactory(), trust.trustManager()).dns(name -> {
                if (name.equalsIgnoreCase(oktaHost) || name.equalsIgnoreCase(admin)) {
                    return List.of(InetAddress.getByName("127.0.0.1"));
                }
                throw new UnknownHostException(name + " (the fake Okta server's client resolves only " + oktaHost
                        + (admin == null ? "" : " and " + admin) + ")");
            });
        }
        return b.build();
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
        if (oktaHost != null) {
            b.okHttpClient(httpClient());
        }
        return b;
    }

    /** @return the admin console host of {@link Builder#oktaHost(String)}, e.g. {@code acme-admin.okta.com}, or null */
    public String adminHost() {
        return oktaHost == null ? null : OrgUrl.parse("https://" + oktaHost).adminHost();
    }

    /**
     * The origin written in paging links ({@code link} headers and {@code _links.self} / {@code _links.next}) instead of
     * the server's own, e.g. {@code https://acme-admin.okta.com:PORT} or a foreign origin, to test how a client treats
     * such links. Null (default) = as Okta does: the server's origin, except that with {@link Builder#oktaHost(String)}
     * the custom roles list ({@code /api/v1/iam/roles}) writes its links on the admin host, as Okta's recorded responses
     * do.
     *
     * @param origin e.g. {@code https://elsewhere.example:8443}, or null
     */
    public void linkOrigin(String origin) {
        this.linkOrigin = origin;
    }

    /** The origin paging links of {@code path} are written on (see {@link #linkOrigin(String)}). */
    String linkBase(String path) {
        String o = linkOrigin;
        if (o != null) {
            return o;
        }
        if (adminHost() != null && path.startsWith("/api/v1/iam/roles")) {
            return "https://" + adminHost() + ":" + mockWebServer.getPort();
        }
        return orgUrl;
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

    /**
     * Makes requests whose path starts with {@code pathPrefix} answer 403 E0000006 (after authentication).
     *
     * @param pathPrefix e.g. {@code /api/v1/users}
     */
    public void denyPermission(String pathPrefix) {
        access.deny(Objects.requireNonNull(pathPrefix, "pathPrefix"));
    }

    /**
     * Undoes {@link #denyPermission(String)} for that prefix.
     *
     * @param pathPrefix the prefix passed before
     */
    public void allowPermission(String pathPrefix) {
        access.allow(pathPrefix);
    }

    /**
     * Deletes a user, group or app right after the first response that lists it is prepared (a 200 whose body holds
     * {@code "id":"<id>"}, to a request whose path does not name the id), before the client has read it: the client
     * sees the object in the listing, and its next request for it, such as {@code /api/v1/groups/{id}/users},
     * answers {@code 404 E0000007} as Okta does for an object deleted a moment ago. Models a parent deleted while a
     * fan-out runs. Fires once.
     *
     * @param id the id of a user, group or app of the org
     * @throws IllegalArgumentException when nothing in the org has that id
     */
    public void deleteRightAfterListing(String id) {
        Objects.requireNonNull(id, "id");
        if (org.user(id).isEmpty() && org.directory().group(id).isEmpty() && org.directory().app(id).isEmpty()) {
            throw new IllegalArgumentException("no user, group or app has id " + id);
        }
        deleteWhenListed.add(id);
    }

    /** Called by the dispatcher with every response it is about to send. */
    void prepared(RecordedOktaRequest request, FakeResponse response) {
        if (deleteWhenListed.isEmpty() || response.status() != 200) {
            return;
        }
        String body = null;
        for (String id : deleteWhenListed) {
            if (request.path().contains(id)) {
                continue;
            }
            body = body != null ? body : response.body();
            if (body.contains("\"id\":\"" + id + "\"") && deleteWhenListed.remove(id)) {
                org.deleteObject(id);
            }
        }
    }

    /**
     * Sets the budget of one rate-limit bucket per 60 s window. The bucket of {@code /api/v1/users} and
     * {@code /api/v1/users/{id}} is {@code "/api/v1/users"}; other paths use their first three segments.
     *
     * @param bucket the bucket key
     * @param limit  requests per window
     */
    public void rateLimit(String bucket, int limit) {
        rateLimiter.setLimit(bucket, limit);
    }

    /**
     * @param limit the budget of buckets without their own (default 600 per window)
     */
    public void defaultRateLimit(int limit) {
        rateLimiter.setDefaultLimit(limit);
    }

    /**
     * Injects {@code fault} into the next request it matches ({@link Fault#onlyFor(String)}); queued faults apply
     * in order, before every other kind of fault.
     *
     * @param fault the fault
     */
    public void enqueueFault(Fault fault) {
        faults.enqueue(Objects.requireNonNull(fault, "fault"));
    }

    /**
     * Injects {@code fault} into every n-th request it matches (the n-th, 2n-th, ...).
     *
     * @param n     the period, at least 1
     * @param fault the fault
     */
    public void faultEvery(int n, Fault fault) {
        faults.every(n, Objects.requireNonNull(fault, "fault"));
    }

    /**
     * Injects random faults, reproducibly for a given seed and request order. Each request draws once: with
     * probability {@code p429} a 429, {@code p5xx} a 500/502/503/504, {@code pDrop} a dropped connection,
     * {@code pTruncate} a truncated body (one of {@link Fault#truncateBody()}, {@link Fault#truncateChunkedBody()} and
     * {@link Fault#truncateUndelimitedBody()}, drawn evenly). The probabilities must add up to at most 1.
     *
     * @param seed      the random seed
     * @param p429      probability of {@link Fault#rateLimited()}
     * @param p5xx      probability of {@link Fault#status(int)} 5xx
     * @param pDrop     probability of {@link Fault#dropConnection()}
     * @param pTruncate probability of a truncated body
     */
    public void randomFaults(long seed, double p429, double p5xx, double pDrop, double pTruncate) {
        faults.random(seed, p429, p5xx, pDrop, pTruncate);
    }

    /** Removes queued, periodic and random faults. */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * Okta's latency, for benchmarks: every response starts {@code latency} after its request arrived (default zero).
     * The server's own work (cutting and rendering the page) counts towards it rather than adding to it, so a client
     * paging sequentially pays the latency per request plus the transfer, as against Okta; only a request whose
     * preparation takes longer than the latency is answered later.
     *
     * @param latency the real delay from a request's arrival to its response's start
     */
    public void latency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("negative latency: " + latency);
        }
        this.latency = latency;
    }

    /**
     * @param style how paging links are sent (default {@link LinkStyle#SEPARATE_LINES})
     */
    public void linkStyle(LinkStyle style) {
        this.linkStyle = Objects.requireNonNull(style, "style");
    }

    /**
     * Registers (or, with null, removes) the authenticator for an Authorization scheme.
     *
     * @param scheme        e.g. {@code SSWS}, {@code Bearer}, {@code DPoP} (case-insensitive)
     * @param authenticator the check, or null to refuse the scheme
     */
    public void authenticator(String scheme, RequestAuthenticator authenticator) {
        access.authenticator(scheme, authenticator);
    }

    /**
     * Registers an OAuth service app with the org authorization server ({@code POST /oauth2/v1/token}); its access
     * tokens are then accepted on resources ({@code Bearer}, or {@code DPoP} with a proof) within their scopes.
     *
     * @param app the app; registering the same client id again replaces it
     */
    public void registerServiceApp(ServiceApp app) {
        authorizationServer.register(Objects.requireNonNull(app, "app"));
    }

    /** @param lifetime how long access tokens issued from now on live, on the server clock (default 1 hour) */
    public void accessTokenLifetime(Duration lifetime) {
        authorizationServer.lifetime(Objects.requireNonNull(lifetime, "lifetime"));
    }

    /** Revokes every access token issued so far: resource calls with them get 401 {@code invalid_token}. */
    public void revokeAccessTokens() {
        authorizationServer.revokeAll();
    }

    /** Changes the token endpoint's DPoP nonce: the next proof with the old one gets {@code use_dpop_nonce}. */
    public void rotateDpopNonce() {
        authorizationServer.rotateNonce();
    }

    /**
     * @param required true to make resource calls with DPoP-bound tokens carry the resource server's nonce (401
     *                 {@code use_dpop_nonce} with a {@code DPoP-Nonce} header otherwise); default false
     */
    public void requireDpopNonceOnResources(boolean required) {
        accessTokens.requireResourceNonce(required);
    }

    /**
     * Declares the OAuth scope that requests under {@code pathPrefix} need (checked before the built-in table:
     * users, groups, apps, logs, roles, api-tokens, devices).
     *
     * @param pathPrefix e.g. {@code /api/v1/authorizationServers}
     * @param scope      e.g. {@code okta.authorizationServers.read}
     */
    public void requireScope(String pathPrefix, String scope) {
        accessTokens.requireScope(pathPrefix, scope);
    }

    /** @return the access tokens issued so far, oldest first */
    public List<IssuedToken> issuedTokens() {
        return authorizationServer.issued();
    }

    /**
     * @return how many requests were answered 429 because their bucket's budget was spent (injected
     *         {@link Fault#rateLimited()} faults not counted)
     */
    public int rateLimitedCount() {
        return rateLimiter.deniedCount();
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

    LinkStyle linkStyle() {
        return linkStyle;
    }

    Duration latency() {
        return latency;
    }

    RateLimiter rateLimiter() {
        return rateLimiter;
    }

    FaultInjector faults() {
        return faults;
    }

    AccessControl access() {
        return access;
    }

    FakeAuthorizationServer authorizationServer() {
        return authorizationServer;
    }

    /** Shuts the server down; open connections are closed. */
    @Override
    public void close() {
        mockWebServer.close();
    }

    @Override
    public String toString() {
        return "FakeOktaServer[" + orgUrl + ", " + org + "]";
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
            this.oktaHost = Objects.requireNonNull(host, "host").toLowerCase(java.util.Locale.ROOT);
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
            return new FakeOktaServer(this).startServer();
        }
    }
}
