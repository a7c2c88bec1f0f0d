package dev.oktainputs.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The org authorization server of a {@link FakeOktaServer}: {@code POST /oauth2/v1/token} for registered
 * {@link ServiceApp}s ({@code client_credentials} with {@code private_key_jwt}), checking the client assertion
 * (signature with the registered key, {@code kid}, {@code iss}, {@code sub}, {@code aud}, {@code exp} at most one
 * hour ahead, {@code jti} not reused), the requested scopes against the granted ones, and the DPoP proof and
 * nonce when the app requires DPoP (or a proof is sent). Errors are RFC 6749 bodies with Okta's descriptions.
 * Issued tokens expire on the server clock and are checked by {@link AccessTokenAuthenticator}.
 */
final class FakeAuthorizationServer {

    static final String TOKEN_PATH = "/oauth2/v1/token";
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final Clock clock;
    private final Supplier<String> orgUrl;
    private final Map<String, ServiceApp> apps = new ConcurrentHashMap<>();
    private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();
    private final List<IssuedToken> issued = new CopyOnWriteArrayList<>();
    private final Set<String> assertionJtis = ConcurrentHashMap.newKeySet();
    final Set<String> proofJtis = ConcurrentHashMap.newKeySet();
    private volatile String tokenNonce = UUID.randomUUID().toString();
    private volatile Duration lifetime = Duration.ofHours(1);

    /**
     * @param clock  the server clock: issue times, expiry, assertion and proof freshness
     * @param orgUrl the server's base URL once started: the token endpoint's audience and the tokens' issuer
     */
    FakeAuthorizationServer(Clock clock, Supplier<String> orgUrl) {
        this.clock = clock;
        this.orgUrl = orgUrl;
    }

    void register(ServiceApp app) {
        apps.put(app.clientId(), app);
    }

    ServiceApp app(String clientId) {
        return apps.get(clientId);
    }

    IssuedToken token(String value) {
        return value == null ? null : tokens.get(value);
    }

    List<IssuedToken> issued() {
        return List.copyOf(issued);
    }

    void lifetime(Duration d) {
        this.lifetime = d;
    }

    void revokeAll() {
        tokens.clear();
    }

    void rotateNonce() {
        tokenNonce = UUID.randomUUID().toString();
    }

    static void register(Routes routes) {
        routes.add(new Route("POST", TOKEN_PATH, TOKEN_PATH, false, call -> call.server().authorizationServer.token(call)));
    }

    /** The token endpoint. */
    FakeResponse token(Route.Call call) {
        RecordedOktaRequest request = call.request();
        Instant now = clock.instant();
        Map<String, String> form = form(request.body());
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return error(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization"
                    + " server. Configured grant types: [client_credentials].");
        }
        if (!ASSERTION_TYPE.equals(form.get("client_assertion_type"))) {
            return error(401, "invalid_client", "The client_assertion_type is invalid.");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(form.getOrDefault("client_assertion", ""));
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return error(401, "invalid_client", "The client_assertion token is malformed.");
        }
        String iss = claims.getIssuer();
        ServiceApp app = iss == null ? null : apps.get(iss);
        if (app == null || form.containsKey("client_id") && !form.get("client_id").equals(iss)) {
            return error(401, "invalid_client", "Invalid value for 'client_id' parameter.");
        }
        if (!iss.equals(claims.getSubject())) {
            return error(401, "invalid_client", "The client_assertion token has an invalid 'sub' claim.");
        }
        if (!app.keyId().equals(jwt.getHeader().getKeyID())) {
            return error(401, "invalid_client", "The client_assertion JWT kid is invalid.");
        }
        if (!verifies(jwt, app)) {
            return error(401, "invalid_client", "The client_assertion signature is invalid.");
        }
        if (!List.of(orgUrl.get() + TOKEN_PATH).equals(claims.getAudience())) {
            return error(401, "invalid_client", "The audience claim for client_assertion must be the endpoint invoking the"
                    + " client_assertion.");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || !exp.toInstant().isAfter(now)) {
            return error(401, "invalid_client", "The client_assertion token is expired.");
        }
        if (exp.toInstant().isAfter(now.plus(Duration.ofHours(1)))) {
            return error(401, "invalid_client", "The client_assertion token has an expiration too far into the future.");
        }
        String dpopHeader = request.header("DPoP");
        DpopProofCheck.Proof proof = null;
        if (dpopHeader != null || app.dpopRequired()) {
            try {
                proof = DpopProofCheck.verify(dpopHeader, "POST", orgUrl.get() + TOKEN_PATH, now, null, proofJtis);
            } catch (DpopProofCheck.Invalid e) {
                return error(400, "invalid_dpop_proof", e.getMessage());
            }
            if (!tokenNonce.equals(proof.nonce())) {
                return error(400, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof.")
                        .withHeader("DPoP-Nonce", tokenNonce);
            }
        }
        String jti = claims.getJWTID();
        if (jti != null && !assertionJtis.add(jti)) {
            return error(401, "invalid_client", "The client_assertion token has already been used (jti).");
        }
        Set<String> requested = new LinkedHashSet<>(Arrays.asList(form.getOrDefault("scope", "").trim().split("\\s+")));
        requested.remove("");
        if (requested.isEmpty()) {
            return error(400, "invalid_scope", "The authorization server resource does not have any configured default scopes,"
                    + " 'scope' must be provided.");
        }
        List<String> notGranted = new ArrayList<>();
        requested.stream().filter(s -> !app.grantedScopes().contains(s)).forEach(notGranted::add);
        if (!notGranted.isEmpty()) {
            return error(400, "invalid_scope", "The following scopes are not allowed for this request: "
                    + String.join(", ", notGranted) + ".");
        }
        IssuedToken token = issue(app, new TreeSet<>(requested), proof, now);
        String body = "{\"token_type\":\"" + (token.dpop() ? "DPoP" : "Bearer") + "\",\"expires_in\":" + lifetime.toSeconds()
                + ",\"access_token\":\"" + token.value() + "\",\"scope\":\"" + String.join(" ", token.scopes()) + "\"}";
        return FakeResponse.json(200, body).withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
    }

    private IssuedToken issue(ServiceApp app, Set<String> scopes, DpopProofCheck.Proof proof, Instant now) {
        Instant expires = now.plus(lifetime);
        String payload = "{\"ver\":1,\"jti\":\"AT." + UUID.randomUUID() + "\",\"iss\":\"" + orgUrl.get() + "\",\"cid\":\""
                + app.clientId() + "\",\"iat\":" + now.getEpochSecond() + ",\"exp\":" + expires.getEpochSecond() + "}";
        String value = Base64URL.encode("{\"kid\":\"fake-okta\",\"alg\":\"RS256\"}") + "." + Base64URL.encode(payload) + "."
                + Base64URL.encode(UUID.randomUUID() + "." + UUID.randomUUID());
        IssuedToken token = new IssuedToken(value, app.clientId(), Set.copyOf(scopes), proof != null,
                proof == null ? null : proof.jkt(), now, expires);
        tokens.put(value, token);
        issued.add(token);
        return token;
    }

    private static boolean verifies(SignedJWT jwt, ServiceApp app) {
        if (!(app.publicKey() instanceof RSAPublicKey) || !JWSAlgorithm.Family.RSA.contains(jwt.getHeader().getAlgorithm())) {
            return false;
        }
        try {
            return jwt.verify(new RSASSAVerifier((RSAPublicKey) app.publicKey()));
        } catch (JOSEException e) {
            return false;
        }
    }

    private static FakeResponse error(int status, String error, String description) {
        return FakeResponse.oauthError(status, error, description);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
