package dev.oktainputs.core.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import okhttp3.HttpUrl;

/**
 * Makes DPoP proofs (RFC 9449) with an ephemeral P-256 key generated for one client and kept only in memory,
 * separate from the client-assertion key. Each proof is a fresh ES256 JWT: header {@code typ: dpop+jwt} and the
 * public {@code jwk}; claims {@code jti}, {@code htm}, {@code htu}, {@code iat}, and {@code nonce} /
 * {@code ath} when given.
 */
final class DpopProofs {

    private static final JOSEObjectType TYPE = new JOSEObjectType("dpop+jwt");

    private final ECKey key;
    private final ECDSASigner signer;

    DpopProofs() {
        try {
            this.key = new ECKeyGenerator(Curve.P_256).generate();
            this.signer = new ECDSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a P-256 key for DPoP proofs", e);
        }
    }

    /**
     * @param method      the HTTP method of the request the proof goes with
     * @param url         its URL
     * @param now         the time
     * @param nonce       the server's latest {@code DPoP-Nonce}, or null
     * @param accessToken the access token sent along (resource calls), or null (token requests)
     * @return the serialised proof, for the {@code DPoP} header
     */
    String proof(String method, HttpUrl url, Instant now, String nonce, String accessToken) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .jwtID(UUID.randomUUID().toString())
                .claim("htm", method)
                .claim("htu", htu(url))
                .issueTime(Date.from(now));
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        if (accessToken != null) {
            claims.claim("ath", ath(accessToken));
        }
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(TYPE).jwk(key.toPublicJWK()).build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a DPoP proof", e);
        }
        return jwt.serialize();
    }

    /** {@code htu}: scheme, host, port when not the default, and the decoded path; no query, no fragment. */
    static String htu(HttpUrl url) {
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        String port = url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port();
        return url.scheme() + "://" + host + port + "/" + String.join("/", url.pathSegments());
    }

    /** {@code ath}: base64url of the SHA-256 of the access token's ASCII bytes. */
    static String ath(String accessToken) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64URL.encode(hash).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "DpopProofs[P-256, ephemeral]";
    }
}
