package dev.oktainputs.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.error.OAuthErrors;
import dev.oktainputs.core.error.OktaErrorDetails;
import dev.oktainputs.core.error.OktaProtocolException;
import dev.oktainputs.core.error.OktaTransportException;
import dev.oktainputs.core.json.JsonTrees;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets one access token from the org authorization server: {@code POST {org}/oauth2/v1/token} with
 * {@code grant_type=client_credentials}, the scopes, and a client assertion (RS256, header {@code kid}, claims
 * {@code iss} = {@code sub} = client id, {@code aud} = exactly the token URL, {@code iat}, {@code exp} 5 minutes
 * ahead, a fresh {@code jti}); plus a DPoP proof when the mode or the app asks for one, with the nonce handshake.
 * Each attempt (including retries of the channel) is signed afresh.
 */
final class TokenRequester {

    /** How long a client assertion is valid; Okta accepts at most one hour. */
    static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(5);
    /** How long before expiry a token is replaced (at most a quarter of its lifetime). */
    static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private static final Logger LOG = LoggerFactory.getLogger(TokenRequester.class);

    private final String clientId;
    private final RSAKey key;
    private final RSASSASigner signer;
    /** The scopes asked for: the configured ones less any Okta refused to grant ({@link #dropRefused}). */
    private volatile List<String> scopes;
    private final DpopMode mode;
    private final DpopProofs dpop;
    /** Learnt in AUTO mode from Okta's invalid_dpop_proof; kept for the client's lifetime. */
    private volatile boolean dpopRequired;
    private volatile String tokenNonce;

    TokenRequester(String clientId, RSAKey key, List<String> scopes, DpopMode mode, DpopProofs dpop) {
        this.clientId = clientId;
        this.key = key;
        this.scopes = scopes;
        this.mode = mode;
        this.dpop = dpop;
        try {
            this.signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the service app's key", e);
        }
    }

    /** @return true when token requests carry a DPoP proof */
    boolean usesDpop() {
        return mode == DpopMode.ON || mode == DpopMode.AUTO && dpopRequired;
    }

    AccessToken fetch(TokenChannel channel) throws InterruptedIOException {
        HttpUrl url = channel.org().resolve("/oauth2/v1/token");
        int nonceRetries = 0;
        int unreadable = 0;
        for (int round = 0; round < 8; round++) {
            boolean proof = usesDpop();
            TokenChannel.Reply reply = post(channel, url, proof);
            String nonce = reply.headers().get("DPoP-Nonce");
            if (nonce != null && !nonce.isBlank()) {
                tokenNonce = nonce.strip();
            }
            JsonNode json = json(reply.body());
            if (json == null && (reply.status() == 200 || reply.status() == 400 || reply.status() == 401) && unreadable++ < 2) {
                // A body without Content-Length cut short by a dropped connection reads as a short body, not an I/O
                // error: ask again (with a fresh assertion) rather than fail the run on half an answer.
                LOG.info("Okta's token endpoint answered {} with a body that is not complete JSON ({} bytes); requesting again",
                        reply.status(), reply.body() == null ? 0 : reply.body().length);
                continue;
            }
            if (reply.status() == 200) {
                return token(json, channel.clock().instant(), proof, reply);
            }
            String error = json == null ? null : json.path("error").asText(null);
            if ("use_dpop_nonce".equals(error) && proof && nonce != null && nonceRetries++ < 2) {
                continue; // the nonce handshake: same request, with Okta's nonce
            }
            if ("invalid_scope".equals(error) && dropRefused(json.path("error_description").asText(null), reply)) {
                continue; // a token for the scopes that are granted: only the inputs that need the others fail
            }
            if ("invalid_dpop_proof".equals(error) && !proof && mode == DpopMode.AUTO) {
                dpopRequired = true;
                LOG.info("Service app {} requires DPoP; token requests now carry DPoP proofs", clientId);
                continue;
            }
            throw OAuthErrors.fromTokenResponse(reply.status(), reply.body(), reply.headers().get("X-Okta-Request-Id"),
                    reply.attempts(), request(channel, proof));
        }
        throw new OktaProtocolException("Okta's token endpoint kept asking service app '" + clientId + "' for another DPoP"
                + " handshake step; giving up. Fix: retry later; if it persists, report it.", OktaErrorDetails.NONE, null);
    }

    /**
     * When Okta refuses some of the requested scopes (and names them) but not all, asks again for the rest and says once
     * which scopes are missing: the inputs that need them then meet a 403 on their own requests and fail alone (or, where
     * they can, fall back), instead of every input of the org failing on the token.
     *
     * @return true when there are scopes left to ask for
     */
    private boolean dropRefused(String description, TokenChannel.Reply reply) {
        List<String> asked = scopes;
        java.util.Set<String> refused = OAuthErrors.namedScopes(description, asked);
        if (refused.isEmpty() || refused.containsAll(asked)) {
            return false;
        }
        scopes = asked.stream().filter(scope -> !refused.contains(scope)).toList();
        LOG.warn("Okta did not grant the scope{} {} to service app '{}' (requestId {}); asking for {} only: the inputs that"
                        + " need {} will fail with a 403, the others run. Fix: in Okta open the app's 'Okta API Scopes' tab and"
                        + " Grant {}, or disable those inputs.", refused.size() == 1 ? "" : "s", String.join(", ", refused),
                clientId, reply.headers().get("X-Okta-Request-Id"), String.join(", ", scopes),
                refused.size() == 1 ? "it" : "them", String.join(", ", refused));
        return true;
    }

    private TokenChannel.Reply post(TokenChannel channel, HttpUrl url, boolean proof) throws InterruptedIOException {
        Request outline = new Request.Builder().url(url).post(RequestBody.create(new byte[0])).build();
        try {
            return channel.send(outline, r -> {
                Instant now = channel.clock().instant();
                Request.Builder b = r.newBuilder().header("Accept", "application/json").post(form(url, now));
                if (proof) {
                    b.header("DPoP", dpop.proof("POST", url, now, tokenNonce, null));
                }
                return b.build();
            });
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw new OktaTransportException("Could not reach Okta's token endpoint " + url.scheme() + "://" + url.host()
                    + (url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port()) + url.encodedPath()
                    + " to get an access token for service app '" + clientId + "', even after retries: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
                    + ". Fix: check org_url and the network path to it (DNS, proxy, firewall); the next run retries.",
                    OktaErrorDetails.NONE, e);
        }
    }

    private RequestBody form(HttpUrl url, Instant now) {
        return new FormBody.Builder()
                .add("grant_type", "client_credentials")
                .add("scope", String.join(" ", scopes))
                .add("client_assertion_type", ASSERTION_TYPE)
                .add("client_assertion", assertion(url, now))
                .build();
    }

    private String assertion(HttpUrl url, Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientId)
                .subject(clientId)
                .audience(url.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
                .build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the client assertion", e);
        }
        return jwt.serialize();
    }

    private AccessToken token(JsonNode json, Instant now, boolean proof, TokenChannel.Reply reply) {
        String value = json == null ? null : json.path("access_token").asText(null);
        String type = json == null ? "" : json.path("token_type").asText("").toLowerCase(Locale.ROOT);
        if (value == null || value.isBlank() || !(type.equals("bearer") || type.equals("dpop") && proof)) {
            throw new OktaProtocolException("Okta's token endpoint answered 200 without a usable access token (token_type '"
                    + type + "'" + (proof ? "" : " without a DPoP proof sent") + "). Fix: report it with the requestId.",
                    new OktaErrorDetails(200, null, null, null, reply.headers().get("X-Okta-Request-Id")), null);
        }
        long seconds = json.path("expires_in").asLong(300);
        Duration lifetime = Duration.ofSeconds(Math.max(1, seconds));
        Duration margin = lifetime.dividedBy(4).compareTo(REFRESH_MARGIN) < 0 ? lifetime.dividedBy(4) : REFRESH_MARGIN;
        LOG.debug("Service app {} got a {} access token for [{}], valid {} s", clientId, type.equals("dpop") ? "DPoP" : "Bearer",
                json.path("scope").asText(String.join(" ", scopes)), seconds);
        return new AccessToken(Secret.of(value), type.equals("dpop"), now.plus(lifetime).minus(margin), now.plus(lifetime));
    }

    private OAuthErrors.TokenRequest request(TokenChannel channel, boolean proof) {
        return new OAuthErrors.TokenRequest(channel.org().toString(), clientId, key.getKeyID(), scopes, mode == DpopMode.OFF, proof);
    }

    private static JsonNode json(byte[] body) {
        try {
            return body == null || body.length == 0 ? null : JsonTrees.read(body);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
