package dev.oktainputs.testkit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Checks resource calls made with the fake authorization server's access tokens, for the {@code Bearer} and
 * {@code DPoP} schemes: the token is known and not expired (server clock), the scheme matches the token type, a
 * DPoP-bound token comes with a valid proof of its key ({@code htm}, {@code htu}, {@code ath}, fresh {@code jti},
 * and the resource nonce when required), the token has the scope the path needs (else 403 with
 * {@code WWW-Authenticate ... error="insufficient_scope", scope="..."}) and the app has an admin role (else 403
 * E0000006).
 */
final class AccessTokenAuthenticator {

    private record ScopeRule(Pattern path, String scope) {
    }

    private final FakeAuthorizationServer authorizationServer;
    private final Clock clock;
    private final Supplier<String> orgUrl;
    private final List<ScopeRule> scopes = new CopyOnWriteArrayList<>(List.of(
            rule("/api/v1/users/[^/]+/roles", "okta.roles.read"),
            rule("/api/v1/iam", "okta.roles.read"),
            rule("/api/v1/users", "okta.users.read"),
            rule("/api/v1/groups", "okta.groups.read"),
            rule("/api/v1/apps", "okta.apps.read"),
            rule("/api/v1/logs", "okta.logs.read"),
            rule("/api/v1/api-tokens", "okta.apiTokens.read"),
            rule("/api/v1/trustedOrigins", "okta.trustedOrigins.read"),
            rule("/api/v1/zones", "okta.networkZones.read"),
            rule("/api/v1/authenticators", "okta.authenticators.read"),
            rule("/api/v1/policies", "okta.policies.read"),
            rule("/api/v1/idps", "okta.idps.read"),
            rule("/api/v1/authorizationServers", "okta.authorizationServers.read"),
            rule("/api/v1/devices", "okta.devices.read"),
            rule("/api/v1/meta/types/user", "okta.userTypes.read"),
            rule("/api/v1/meta/schemas/user", "okta.schemas.read")));
    private volatile boolean resourceNonceRequired;
    private volatile String resourceNonce = UUID.randomUUID().toString();

    /**
     * @param authorizationServer the issuer of the tokens to accept
     * @param clock               the server clock, for expiry and proof freshness
     * @param orgUrl              the server's base URL once started: the proofs' {@code htu} and the challenges' realm
     */
    AccessTokenAuthenticator(FakeAuthorizationServer authorizationServer, Clock clock, Supplier<String> orgUrl) {
        this.authorizationServer = authorizationServer;
        this.clock = clock;
        this.orgUrl = orgUrl;
    }

    private static ScopeRule rule(String prefixRegex, String scope) {
        return new ScopeRule(Pattern.compile("^" + prefixRegex + "(/.*)?$"), scope);
    }

    void requireScope(String pathPrefix, String scope) {
        scopes.add(0, rule(Pattern.quote(pathPrefix), scope));
    }

    void requireResourceNonce(boolean required) {
        this.resourceNonceRequired = required;
        this.resourceNonce = UUID.randomUUID().toString();
    }

    /** @return the scope a path needs, or null */
    String scopeFor(String path) {
        for (ScopeRule r : scopes) {
            if (r.path().matcher(path).matches()) {
                return r.scope();
            }
        }
        return null;
    }

    RequestAuthenticator scheme(String scheme) {
        return request -> authenticate(request, scheme);
    }

    private FakeResponse authenticate(RecordedOktaRequest request, String scheme) {
        Instant now = clock.instant();
        IssuedToken token = authorizationServer.token(request.authCredentials());
        if (token == null) {
            return unauthorized(scheme, "invalid_token", "The access token is invalid.");
        }
        if (!now.isBefore(token.expiresAt())) {
            return unauthorized(scheme, "invalid_token", "The access token is expired.");
        }
        if (token.dpop() != scheme.equalsIgnoreCase("DPoP")) {
            return unauthorized(scheme, "invalid_token", token.dpop() ? "The access token is DPoP-bound: send it with the DPoP"
                    + " scheme and a DPoP proof." : "The access token is not DPoP-bound: send it with the Bearer scheme.");
        }
        if (token.dpop()) {
            DpopProofCheck.Proof proof;
            try {
                proof = DpopProofCheck.verify(request.header("DPoP"), request.method(), orgUrl.get() + request.path(), now,
                        request.authCredentials(), authorizationServer.proofJtis);
            } catch (DpopProofCheck.Invalid e) {
                return unauthorized(scheme, "invalid_dpop_proof", e.getMessage());
            }
            if (!proof.jkt().equals(token.jkt())) {
                return unauthorized(scheme, "invalid_dpop_proof", "The DPoP proof key does not match the access token's key.");
            }
            if (resourceNonceRequired && !resourceNonce.equals(proof.nonce())) {
                return unauthorized(scheme, "use_dpop_nonce", "Resource server requires nonce in DPoP proof.")
                        .withHeader("DPoP-Nonce", resourceNonce);
            }
        }
        String needed = scopeFor(request.path());
        if (needed != null && !token.scopes().contains(needed)) {
            return FakeResponse.oktaError(403, "E0000006", "You do not have permission to perform the requested action")
                    .withHeader("WWW-Authenticate", challenge(scheme) + ", scope=\"" + needed + "\", error=\"insufficient_scope\","
                            + " error_description=\"The access token provided does not contain the required scopes.\","
                            + " resource=\"" + request.path() + "\"");
        }
        ServiceApp app = authorizationServer.app(token.clientId());
        if (app == null || !app.adminRole()) {
            return FakeResponse.oktaError(403, "E0000006", "You do not have permission to perform the requested action");
        }
        return null;
    }

    private FakeResponse unauthorized(String scheme, String error, String description) {
        return FakeResponse.oktaError(401, "E0000011", "Invalid token provided")
                .withHeader("WWW-Authenticate", challenge(scheme) + ", error=\"" + error + "\", error_description=\""
                        + description + "\"");
    }

    private String challenge(String scheme) {
        String org = orgUrl.get();
        return (scheme.equalsIgnoreCase("DPoP") ? "DPoP" : "Bearer") + " authorization_uri=\"" + org + "/oauth2/v1/authorize\","
                + " realm=\"" + org + "\"";
    }
}
