package dev.oktainputs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;
import okhttp3.FormBody;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake org authorization server and its access tokens on resources, spoken to as raw HTTP. */
class OAuthEndpointsTest {

    static final String CLIENT = "0oa1fakeserviceapp";
    static final TestKeyPair KEY = TestKeyPair.rsa(2048, "kid-1");
    static final TestKeyPair OTHER = TestKeyPair.rsa(2048, "kid-1");

    private final VirtualClock clock = VirtualClock.startingAt("2025-03-01T10:00:00Z");
    private final FakeOrg org = FakeOrg.builder().seed(3).users(5).clock(clock).build();
    private final FakeOktaServer server = FakeOktaServer.builder(org)
            .serviceApp(ServiceApp.builder(CLIENT).key("kid-1", KEY.publicKey()).grant("okta.users.read").build())
            .start();
    private final Http http = new Http(server);

    @AfterEach
    void close() {
        server.close();
    }

    private String tokenUrl() {
        return server.orgUrl() + "/oauth2/v1/token";
    }

    private String assertion(UnaryOperator<JWTClaimsSet.Builder> change, String kid, TestKeyPair key) throws Exception {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(CLIENT).subject(CLIENT).audience(tokenUrl())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString());
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), change.apply(claims).build());
        jwt.sign(new RSASSASigner(RSAKey.parse(key.jwk())));
        return jwt.serialize();
    }

    private String assertion() throws Exception {
        return assertion(c -> c, "kid-1", KEY);
    }

    private Http.Reply token(String assertion, String scope, String dpopProof) throws IOException {
        FormBody.Builder form = new FormBody.Builder().add("grant_type", "client_credentials")
                .add("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .add("client_assertion", assertion);
        if (scope != null) {
            form.add("scope", scope);
        }
        Request.Builder r = new Request.Builder().url(tokenUrl()).post(form.build());
        if (dpopProof != null) {
            r.header("DPoP", dpopProof);
        }
        try (Response response = http.client.newCall(r.build()).execute()) {
            return new Http.Reply(response.code(), response.headers(), response.body().string());
        }
    }

    private static String proof(ECKey key, String method, String htu, Instant iat, String nonce, String accessToken)
            throws Exception {
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).claim("htm", method)
                .claim("htu", htu).issueTime(Date.from(iat));
        if (nonce != null) {
            c.claim("nonce", nonce);
        }
        if (accessToken != null) {
            c.claim("ath", DpopProofCheck.ath(accessToken));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(key.toPublicJWK()).build(), c.build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static void assertOAuthError(Http.Reply reply, int status, String error, String description) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        JsonNode body = reply.json();
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("error_description").asText()).isEqualTo(description);
    }

    @Test
    void aValidAssertionGetsABearerTokenThatResourcesAcceptUntilItExpiresOnTheServerClock() throws Exception {
        Http.Reply reply = token(assertion(), "okta.users.read", null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().get("Cache-Control")).isEqualTo("no-store");
        JsonNode body = reply.json();
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asInt()).isEqualTo(3600);
        assertThat(body.get("scope").asText()).isEqualTo("okta.users.read");
        String accessToken = body.get("access_token").asText();
        assertThat(accessToken).matches("eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(server.issuedTokens()).singleElement().satisfies(t -> {
            assertThat(t.value()).isEqualTo(accessToken);
            assertThat(t.toString()).doesNotContain(accessToken);
            assertThat(t.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        });

        assertThat(http.get("/api/v1/users", "Bearer " + accessToken).ids()).isNotEmpty();
        clock.advance(Duration.ofMinutes(60));
        Http.Reply expired = http.get("/api/v1/users", "Bearer " + accessToken);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("errorCode").asText()).isEqualTo("E0000011");
        assertThat(expired.headers().get("WWW-Authenticate")).startsWith("Bearer authorization_uri=\"" + server.orgUrl())
                .contains("error=\"invalid_token\"", "error_description=\"The access token is expired.\"");
        assertThat(http.get("/api/v1/users", "Bearer not-a-token").status()).isEqualTo(401);
    }

    @Test
    void everyAssertionMistakeIsRefusedWithOktasError() throws Exception {
        Instant now = clock.instant();
        assertOAuthError(token(assertion(c -> c.issuer("0oaUnknown").subject("0oaUnknown"), "kid-1", KEY), "okta.users.read",
                null), 401, "invalid_client", "Invalid value for 'client_id' parameter.");
        assertOAuthError(token(assertion(c -> c, "kid-2", KEY), "okta.users.read", null), 401, "invalid_client",
                "The client_assertion JWT kid is invalid.");
        assertOAuthError(token(assertion(c -> c, null, KEY), "okta.users.read", null), 401, "invalid_client",
                "The client_assertion JWT kid is invalid.");
        assertOAuthError(token(assertion(c -> c, "kid-1", OTHER), "okta.users.read", null), 401, "invalid_client",
                "The client_assertion signature is invalid.");
        assertOAuthError(token(assertion(c -> c.subject("0oaSomeoneElse"), "kid-1", KEY), "okta.users.read", null), 401,
                "invalid_client", "The client_assertion token has an invalid 'sub' claim.");
        assertOAuthError(token(assertion(c -> c.audience(server.orgUrl() + "/oauth2/default/v1/token"), "kid-1", KEY),
                "okta.users.read", null), 401, "invalid_client",
                "The audience claim for client_assertion must be the endpoint invoking the client_assertion.");
        assertOAuthError(token(assertion(c -> c.expirationTime(Date.from(now.plus(Duration.ofMinutes(61)))), "kid-1", KEY),
                "okta.users.read", null), 401, "invalid_client",
                "The client_assertion token has an expiration too far into the future.");
        assertOAuthError(token(assertion(c -> c.expirationTime(Date.from(now.minusSeconds(1))), "kid-1", KEY),
                "okta.users.read", null), 401, "invalid_client", "The client_assertion token is expired.");
        assertOAuthError(token("not.a.jwt", "okta.users.read", null), 401, "invalid_client",
                "The client_assertion token is malformed.");
        String once = assertion();
        assertThat(token(once, "okta.users.read", null).status()).isEqualTo(200);
        assertOAuthError(token(once, "okta.users.read", null), 401, "invalid_client",
                "The client_assertion token has already been used (jti).");
        assertThat(server.issuedTokens()).hasSize(1);
    }

    @Test
    void scopesAreCheckedAgainstTheGrantedOnes() throws Exception {
        assertOAuthError(token(assertion(), "okta.users.read okta.groups.read okta.logs.read", null), 400, "invalid_scope",
                "The following scopes are not allowed for this request: okta.groups.read, okta.logs.read.");
        assertOAuthError(token(assertion(), null, null), 400, "invalid_scope",
                "The authorization server resource does not have any configured default scopes, 'scope' must be provided.");
        assertThat(server.issuedTokens()).isEmpty();
    }

    @Test
    void resourcesCheckTheTokensScopeAndTheAppsAdminRole() throws Exception {
        server.registerServiceApp(ServiceApp.builder(CLIENT).key("kid-1", KEY.publicKey())
                .grant("okta.users.read", "okta.groups.read").build());
        String groupsOnly = token(assertion(), "okta.groups.read", null).json().get("access_token").asText();
        Http.Reply forbidden = http.get("/api/v1/users", "Bearer " + groupsOnly);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().get("errorCode").asText()).isEqualTo("E0000006");
        assertThat(forbidden.headers().get("WWW-Authenticate")).contains("scope=\"okta.users.read\"",
                "error=\"insufficient_scope\"", "resource=\"/api/v1/users\"");

        server.registerServiceApp(ServiceApp.builder(CLIENT).key("kid-1", KEY.publicKey()).grant("okta.users.read")
                .adminRole(false).build());
        String users = token(assertion(), "okta.users.read", null).json().get("access_token").asText();
        Http.Reply noRole = http.get("/api/v1/users", "Bearer " + users);
        assertThat(noRole.status()).isEqualTo(403);
        assertThat(noRole.json().get("errorSummary").asText()).isEqualTo("You do not have permission to perform the requested action");
        assertThat(noRole.headers().get("WWW-Authenticate")).isNull();
    }

    @Test
    void anAppThatRequiresDpopWalksThroughTheProofAndNonceHandshake() throws Exception {
        server.registerServiceApp(ServiceApp.builder(CLIENT).key("kid-1", KEY.publicKey()).grant("okta.users.read")
                .requireDpop(true).build());
        ECKey dpopKey = new ECKeyGenerator(Curve.P_256).generate();
        Instant now = clock.instant();
        assertOAuthError(token(assertion(), "okta.users.read", null), 400, "invalid_dpop_proof",
                "The DPoP proof JWT header is missing.");
        Http.Reply needNonce = token(assertion(), "okta.users.read", proof(dpopKey, "POST", tokenUrl(), now, null, null));
        assertOAuthError(needNonce, 400, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof.");
        String nonce = needNonce.headers().get("DPoP-Nonce");
        assertThat(nonce).isNotBlank();
        assertOAuthError(token(assertion(), "okta.users.read", proof(dpopKey, "GET", tokenUrl(), now, nonce, null)), 400,
                "invalid_dpop_proof", "The DPoP proof 'htm' claim does not match the request method.");
        Http.Reply ok = token(assertion(), "okta.users.read", proof(dpopKey, "POST", tokenUrl(), now, nonce, null));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("token_type").asText()).isEqualTo("DPoP");
        String accessToken = ok.json().get("access_token").asText();
        assertThat(server.issuedTokens()).singleElement().satisfies(t -> assertThat(t.jkt()).isEqualTo(
                dpopKey.computeThumbprint().toString()));

        String users = server.orgUrl() + "/api/v1/users";
        assertThat(dpopGet(accessToken, null).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/users", "Bearer " + accessToken).headers().get("WWW-Authenticate"))
                .contains("DPoP-bound");
        assertThat(dpopGet(accessToken, proof(dpopKey, "GET", users, now, null, "another-token")).headers()
                .get("WWW-Authenticate")).contains("error=\"invalid_dpop_proof\"", "'ath'");
        assertThat(dpopGet(accessToken, proof(dpopKey, "GET", server.orgUrl() + "/api/v1/groups", now, null, accessToken))
                .headers().get("WWW-Authenticate")).contains("'htu'");
        assertThat(dpopGet(accessToken, proof(new ECKeyGenerator(Curve.P_256).generate(), "GET", users, now, null, accessToken))
                .headers().get("WWW-Authenticate")).contains("does not match the access token's key");
        String good = proof(dpopKey, "GET", users, now, null, accessToken);
        assertThat(dpopGet(accessToken, good).ids()).isNotEmpty();
        assertThat(dpopGet(accessToken, good).headers().get("WWW-Authenticate")).contains("'jti'");   // a replayed proof

        server.requireDpopNonceOnResources(true);
        Http.Reply challenge = dpopGet(accessToken, proof(dpopKey, "GET", users, now, null, accessToken));
        assertThat(challenge.status()).isEqualTo(401);
        assertThat(challenge.headers().get("WWW-Authenticate")).startsWith("DPoP ").contains("error=\"use_dpop_nonce\"");
        String resourceNonce = challenge.headers().get("DPoP-Nonce");
        assertThat(dpopGet(accessToken, proof(dpopKey, "GET", users, now, resourceNonce, accessToken)).status()).isEqualTo(200);
    }

    private Http.Reply dpopGet(String accessToken, String proof) throws IOException {
        Request.Builder r = new Request.Builder().url(server.orgUrl() + "/api/v1/users").header("Authorization", "DPoP " + accessToken);
        if (proof != null) {
            r.header("DPoP", proof);
        }
        try (Response response = http.client.newCall(r.build()).execute()) {
            return new Http.Reply(response.code(), response.headers(), response.body().string());
        }
    }

    @Test
    void recordedTokenRequestsHideTheAssertionAndTheProof() throws Exception {
        server.registerServiceApp(ServiceApp.builder(CLIENT).key("kid-1", KEY.publicKey()).grant("okta.users.read")
                .requireDpop(true).build());
        String assertion = assertion();
        String proof = proof(new ECKeyGenerator(Curve.P_256).generate(), "POST", tokenUrl(), clock.instant(), null, null);
        token(assertion, "okta.users.read", proof);
        RecordedOktaRequest recorded = server.requests().get(0);
        assertThat(recorded.body()).contains("client_assertion=[hidden]", "grant_type=client_credentials")
                .doesNotContain(assertion.substring(0, 30));
        assertThat(recorded.header("DPoP")).isEqualTo("[hidden]");
        assertThat(server.issuedTokens()).isEmpty();
        assertThat(http.get("/oauth2/v1/token").status()).isEqualTo(405);
    }

    @Test
    void testKeyPairsComeInEachFormat() throws Exception {
        assertThat(KEY.pkcs8Pem()).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(KEY.pkcs1Pem()).startsWith("-----BEGIN RSA PRIVATE KEY-----\n").endsWith("-----END RSA PRIVATE KEY-----\n");
        RSAKey jwk = RSAKey.parse(KEY.jwk());
        assertThat(jwk.isPrivate()).isTrue();
        assertThat(jwk.getKeyID()).isEqualTo("kid-1");
        assertThat(jwk.toRSAPublicKey()).isEqualTo(KEY.publicKey());
        assertThat(RSAKey.parse(KEY.publicJwk()).isPrivate()).isFalse();
        assertThat(KEY.toString()).isEqualTo("TestKeyPair[RSA, kid=kid-1]");
        assertThat(TestKeyPair.ec("e").pkcs8Pem()).startsWith("-----BEGIN PRIVATE KEY-----");
    }
}
