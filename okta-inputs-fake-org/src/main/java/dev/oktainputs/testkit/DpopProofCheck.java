package dev.oktainputs.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

/**
 * Verifies a DPoP proof (RFC 9449) as an authorization or resource server does: {@code typ: dpop+jwt}, an
 * asymmetric {@code alg}, a public {@code jwk} that verifies the signature, {@code htm}, {@code htu}, a recent
 * {@code iat}, an unused {@code jti}, and for resource calls {@code ath}. The nonce is the caller's business.
 */
final class DpopProofCheck {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final Duration MAX_SKEW = Duration.ofMinutes(1);

    /** Why a proof was refused; the message is the {@code error_description}. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String description) {
            super(description, null, false, false);
        }
    }

    /** A verified proof: the key's thumbprint and the nonce it carries (or null). */
    record Proof(String jkt, String nonce) {
    }

    private DpopProofCheck() {
    }

    static Proof verify(String proof, String method, String htu, Instant now, String accessToken, Set<String> usedJtis)
            throws Invalid {
        if (proof == null || proof.isBlank()) {
            throw new Invalid("The DPoP proof JWT header is missing.");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(proof.strip());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Invalid("The DPoP proof JWT is malformed.");
        }
        if (jwt.getHeader().getType() == null || !"dpop+jwt".equals(jwt.getHeader().getType().getType())) {
            throw new Invalid("The DPoP proof JWT 'typ' header must be 'dpop+jwt'.");
        }
        JWK jwk = jwt.getHeader().getJWK();
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (jwk == null || jwk.isPrivate()) {
            throw new Invalid("The DPoP proof JWT 'jwk' header must hold a public key.");
        }
        try {
            JWSVerifier verifier;
            if (jwk instanceof RSAKey && JWSAlgorithm.Family.RSA.contains(alg)) {
                verifier = new RSASSAVerifier((RSAKey) jwk);
            } else if (jwk instanceof ECKey && JWSAlgorithm.Family.EC.contains(alg)) {
                verifier = new ECDSAVerifier((ECKey) jwk);
            } else {
                throw new Invalid("The DPoP proof JWT must be signed with an asymmetric algorithm matching its 'jwk'.");
            }
            if (!jwt.verify(verifier)) {
                throw new Invalid("The DPoP proof JWT signature is invalid.");
            }
        } catch (JOSEException e) {
            throw new Invalid("The DPoP proof JWT signature is invalid.");
        }
        if (!method.equals(string(claims, "htm"))) {
            throw new Invalid("The DPoP proof 'htm' claim does not match the request method.");
        }
        if (!htu.equals(string(claims, "htu"))) {
            throw new Invalid("The DPoP proof 'htu' claim does not match the request URI.");
        }
        Date iat = claims.getIssueTime();
        if (iat == null || iat.toInstant().isBefore(now.minus(MAX_AGE)) || iat.toInstant().isAfter(now.plus(MAX_SKEW))) {
            throw new Invalid("The DPoP proof 'iat' claim is missing or not recent.");
        }
        if (accessToken != null && !ath(accessToken).equals(string(claims, "ath"))) {
            throw new Invalid("The DPoP proof 'ath' claim does not match the access token.");
        }
        String jti = claims.getJWTID();
        if (jti == null || !usedJtis.add(jti)) {
            throw new Invalid("The DPoP proof 'jti' claim is missing or was already used.");
        }
        try {
            return new Proof(jwk.computeThumbprint().toString(), string(claims, "nonce"));
        } catch (JOSEException e) {
            throw new Invalid("The DPoP proof JWT 'jwk' header is invalid.");
        }
    }

    static String ath(String accessToken) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII)))
                    .toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String string(JWTClaimsSet claims, String name) {
        Object v = claims.getClaim(name);
        return v instanceof String ? (String) v : null;
    }
}
