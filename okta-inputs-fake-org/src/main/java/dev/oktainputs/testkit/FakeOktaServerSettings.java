package dev.oktainputs.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a {@link FakeOktaServer} behaves, as a test sets it: permissions, rate limits, faults, latency, paging links,
 * objects deleted mid-listing, and authentication (the org's SSWS token, other schemes, the OAuth authorization
 * server and its tokens). Every setting may be changed while the server runs; all methods are thread-safe.
 *
 * <p>This is one half of {@link FakeOktaServer}'s API, kept apart so each half stays readable: the only subclass is
 * the server, and tests call these methods on it (javadoc lists them there). {@link OktaDispatcher} and the routes
 * read the settings back through its package-private fields and accessors.
 */
abstract sealed class FakeOktaServerSettings permits FakeOktaServer {

    final FakeOrg org;
    final Clock clock;
    final RateLimiter rateLimiter = new RateLimiter();
    final FaultInjector faults = new FaultInjector();
    final AccessControl access = new AccessControl();
    final ListingDeletions listingDeletions;
    final FakeAuthorizationServer authorizationServer;
    private final AccessTokenAuthenticator accessTokens;
    private volatile LinkStyle linkStyle = LinkStyle.SEPARATE_LINES;
    private volatile String linkOrigin;
    private volatile Duration latency = Duration.ZERO;

    /**
     * @param org    the org served; its API token is accepted as {@code SSWS}
     * @param clock  the server clock
     * @param orgUrl the server's base URL once started (OAuth tokens and proofs name it)
     */
    FakeOktaServerSettings(FakeOrg org, Clock clock, Supplier<String> orgUrl) {
        this.org = org;
        this.clock = clock;
        this.listingDeletions = new ListingDeletions(org);
        this.authorizationServer = new FakeAuthorizationServer(clock, orgUrl);
        this.accessTokens = new AccessTokenAuthenticator(authorizationServer, clock, orgUrl);
        access.authenticator("SSWS", RequestAuthenticator.ssws(org::apiToken));
        access.authenticator("Bearer", accessTokens.scheme("Bearer"));
        access.authenticator("DPoP", accessTokens.scheme("DPoP"));
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
     * Deletes a user, group, app or resource set right after the first response that lists it is prepared (a 200 whose body holds
     * {@code "id":"<id>"}, to a request whose path does not name the id), before the client has read it: the client
     * sees the object in the listing, and its next request for it, such as {@code /api/v1/groups/{id}/users},
     * answers {@code 404 E0000007} as Okta does for an object deleted a moment ago. Models a parent deleted while a
     * fan-out runs. Fires once.
     *
     * @param id the id of a user, group, app or resource set of the org
     * @throws IllegalArgumentException when nothing in the org has that id
     */
    public void deleteRightAfterListing(String id) {
        listingDeletions.add(Objects.requireNonNull(id, "id"));
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
     * @return how many requests were answered 429 because their bucket's budget was spent (injected
     *         {@link Fault#rateLimited()} faults not counted)
     */
    public int rateLimitedCount() {
        return rateLimiter.deniedCount();
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
     * preparation takes longer than the latency is answered later. The response starts within about a tenth of a
     * millisecond of the latency (the server parks, then spins its last half millisecond), not the quarter millisecond
     * or more a plain sleep oversleeps on a busy machine.
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
     * The origin written in paging links ({@code link} headers and {@code _links.self} / {@code _links.next}) instead of
     * the server's own, e.g. {@code https://acme-admin.okta.com:PORT} or a foreign origin, to test how a client treats
     * such links. Null (default) = as Okta does: the server's origin, except that with
     * {@link FakeOktaServer.Builder#oktaHost(String)} the custom roles list ({@code /api/v1/iam/roles}) writes its links
     * on the admin host, as Okta's recorded responses do.
     *
     * @param origin e.g. {@code https://elsewhere.example:8443}, or null
     */
    public void linkOrigin(String origin) {
        this.linkOrigin = origin;
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

    LinkStyle linkStyle() {
        return linkStyle;
    }

    String linkOrigin() {
        return linkOrigin;
    }

    Duration latency() {
        return latency;
    }
}
