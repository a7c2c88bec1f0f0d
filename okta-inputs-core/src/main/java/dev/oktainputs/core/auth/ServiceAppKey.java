package dev.oktainputs.core.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.error.OktaConfigurationException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import java.util.List;

/**
 * Reads a service app's private key as people have it: PEM PKCS#8 ({@code BEGIN PRIVATE KEY}), PEM PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}) or the JWK JSON that Okta's console shows (a single key or a JWKS). The key
 * must be an RSA private key of at least 2048 bits. PKCS#8 is read by the JDK, JWK by nimbus-jose-jwt, PKCS#1 by
 * nimbus-jose-jwt through BouncyCastle, an optional dependency: without it on the class path a PKCS#1 key is refused
 * with a message naming the artifact to add.
 *
 * <p>Messages never quote the key, and parser exceptions are dropped rather than chained: their messages may
 * contain parts of the input.
 */
final class ServiceAppKey {

    static final int MIN_BITS = 2048;
    private static final String FIELD = "private_key";
    private static final String EXPECTED = "Fix: paste the RSA private key of the key pair whose public key is on the service "
            + "app's General tab (PUBLIC KEYS), as PEM (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY----- with "
            + "its END line) or as the private JWK JSON that Okta's 'Generate new key' shows.";

    /** The BouncyCastle artifact that reads PKCS#1 keys; named in the error when it is missing. */
    static final String BOUNCY_CASTLE = "org.bouncycastle:bcpkix-jdk18on";

    /** Whether BouncyCastle's PEM parser (which nimbus-jose-jwt reads PKCS#1 with) is on the class path. */
    static boolean bouncyCastlePresent() {
        return classPresent("org.bouncycastle.openssl.PEMParser") && classPresent("org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter");
    }

    private ServiceAppKey() {
    }

    /**
     * @param raw   the configured key
     * @param keyId the configured key id, or null to take the JWK's {@code kid}
     * @return the private RSA key with its key id set
     * @throws OktaConfigurationException naming {@code private_key} or {@code key_id}
     */
    static RSAKey parse(Secret raw, String keyId) {
        String text = raw.reveal().strip();
        if (!text.contains("\n") && text.contains("\\n")) {
            text = text.replace("\\n", "\n"); // a PEM pasted through a JSON string or an env file
        }
        RSAKey key = text.startsWith("{") ? fromJwk(text) : fromPem(text);
        if (key.size() < MIN_BITS) {
            throw problem("the RSA key has " + key.size() + " bits; Okta and okta-inputs need at least " + MIN_BITS
                    + ". Fix: generate a new key pair of 2048 bits or more (e.g. 'Generate new key' on the app's General"
                    + " tab) and register its public key.");
        }
        if (!signsAndVerifies(key)) {
            throw problem("is an RSA private key whose parts do not belong together (its public modulus or exponent does"
                    + " not match the private exponent; was the key edited or mixed with another?). " + EXPECTED);
        }
        String kid = keyId == null || keyId.isBlank() ? key.getKeyID() : keyId.strip();
        if (kid == null || kid.isBlank()) {
            throw new OktaConfigurationException("key_id", "missing. Fix: set it to the Key ID (kid) shown next to the "
                    + "public key under PUBLIC KEYS on the service app's General tab in Okta.");
        }
        return new RSAKey.Builder(key).keyID(kid).build();
    }

    /**
     * When both a key id is configured and the key is a JWK with its own {@code kid}, and the two differ: a warning
     * (the configured one is used). Key ids are public; nothing of the key is in the text.
     *
     * @param raw   the configured key
     * @param keyId the configured key id, or null
     * @return the warning, or null (also when the key does not parse: {@link #parse} reports that)
     */
    static String kidMismatch(Secret raw, String keyId) {
        if (keyId == null || keyId.isBlank()) {
            return null;
        }
        String text = raw.reveal().strip();
        if (!text.startsWith("{")) {
            return null;
        }
        String own;
        try {
            own = fromJwk(text).getKeyID();
        } catch (OktaConfigurationException e) {
            return null;
        }
        if (own == null || own.isBlank() || own.equals(keyId.strip())) {
            return null;
        }
        return "key_id: '" + keyId.strip() + "' differs from the kid '" + own + "' of the JWK private key; the configured"
                + " one is used. Fix: leave it out to use the JWK's kid, or make them agree (the Key ID shown next to"
                + " the public key on the service app's General tab in Okta)";
    }

    /** A JWK's parts are separate members that can be mixed up: prove the key can sign what its public part verifies. */
    private static boolean signsAndVerifies(RSAKey key) {
        try {
            JWSObject probe = new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload("okta-inputs key check"));
            probe.sign(new RSASSASigner(key));
            return probe.verify(new RSASSAVerifier(key.toRSAPublicKey()));
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }

    private static RSAKey fromJwk(String text) {
        JWK jwk;
        try {
            JWK parsed = null;
            if (text.contains("\"keys\"")) {
                List<JWK> keys = JWKSet.parse(text).getKeys();
                if (keys.size() != 1) {
                    throw problem("is a JWK set with " + keys.size() + " keys; give exactly one private key. " + EXPECTED);
                }
                parsed = keys.get(0);
            }
            jwk = parsed != null ? parsed : JWK.parse(text);
        } catch (ParseException | RuntimeException e) {
            if (e instanceof OktaConfigurationException) {
                throw (OktaConfigurationException) e;
            }
            throw problem("looks like JSON but is not a valid JWK (" + describe(text) + "). " + EXPECTED);
        }
        if (!(jwk instanceof RSAKey)) {
            throw notRsa(jwk.getKeyType().getValue());
        }
        if (!jwk.isPrivate()) {
            throw problem("is a public JWK (it has no \"d\" member). " + EXPECTED);
        }
        return (RSAKey) jwk;
    }

    private static RSAKey fromPem(String text) {
        List<PemBlock> blocks;
        try {
            blocks = PemBlock.read(text);
        } catch (IllegalArgumentException e) {
            throw problem("is not valid PEM (" + describe(text) + "; the base64 between the BEGIN and END lines does not"
                    + " decode). " + EXPECTED);
        }
        if (blocks.isEmpty()) {
            throw problem("is neither PEM nor JWK JSON (" + describe(text) + "). " + EXPECTED);
        }
        PemBlock key = blocks.get(0);
        for (PemBlock b : blocks) {
            if (b.type().endsWith("PRIVATE KEY")) {
                key = b;
            }
        }
        switch (key.type()) {
            case "ENCRYPTED PRIVATE KEY":
                throw problem("is an encrypted (password-protected) PEM key, which cannot be read without its password. "
                        + "Fix: store it unencrypted as a secret, e.g. openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-plain.pem");
            case "EC PRIVATE KEY":
                throw notRsa("EC");
            case "OPENSSH PRIVATE KEY":
                throw problem("is in OpenSSH format. " + EXPECTED + " (Convert an OpenSSH RSA key with ssh-keygen -p -m PKCS8 -f <file>.)");
            case "PRIVATE KEY":
                return fromPkcs8(key.content());
            case "RSA PRIVATE KEY":
                return fromPkcs1(text);
            default:
                throw problem("holds a PEM '" + key.type() + "', not a private key. " + EXPECTED);
        }
    }

    /** PKCS#8 with the JDK alone. */
    private static RSAKey fromPkcs8(byte[] der) {
        RSAPrivateCrtKey crt;
        try {
            if (!(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey c)) {
                throw problem("is a PKCS#8 RSA private key without its CRT parameters (public exponent, primes). " + EXPECTED);
            }
            crt = c;
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof OktaConfigurationException) {
                throw (OktaConfigurationException) e;
            }
            String algorithm = pkcs8Algorithm(der);
            if (algorithm != null) {
                throw notRsa(algorithm);
            }
            throw problem("is not a valid PEM PKCS#8 RSA private key (the base64 between the BEGIN and END lines does not"
                    + " decode to one; was it cut or changed?). " + EXPECTED);
        }
        try {
            RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new RSAKey.Builder(pub).privateKey(crt).build();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw problem("is not a valid PEM PKCS#8 RSA private key. " + EXPECTED);
        }
    }

    /** PKCS#1 through nimbus-jose-jwt and BouncyCastle, when BouncyCastle is there. */
    private static RSAKey fromPkcs1(String text) {
        if (!bouncyCastlePresent()) {
            throw problem("is a PKCS#1 PEM key (-----BEGIN RSA PRIVATE KEY-----), which needs BouncyCastle, and it is not"
                    + " on the class path. Fix: add the dependency " + BOUNCY_CASTLE + " (the version okta-inputs-core was"
                    + " built with, or newer), or convert the key to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in key.pem"
                    + " -out key-pkcs8.pem");
        }
        JWK jwk;
        try {
            jwk = JWK.parseFromPEMEncodedObjects(text);
        } catch (JOSEException | RuntimeException e) {
            throw problem("is not a valid PEM PKCS#1 RSA private key (the base64 between the BEGIN and END lines does not"
                    + " decode to one; was it cut or changed?). " + EXPECTED);
        }
        if (!(jwk instanceof RSAKey)) {
            throw notRsa(jwk.getKeyType().getValue());
        }
        if (!jwk.isPrivate()) {
            throw problem("holds no private key. " + EXPECTED);
        }
        return (RSAKey) jwk;
    }

    /** The algorithm of a well-formed PKCS#8 key that is not RSA, e.g. {@code EC}; null otherwise. */
    private static String pkcs8Algorithm(byte[] der) {
        for (String algorithm : List.of("EC", "EdDSA", "XDH", "DSA", "RSASSA-PSS")) {
            try {
                KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                return algorithm;
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this one
            }
        }
        return null;
    }

    private static boolean classPresent(String name) {
        try {
            Class.forName(name, false, ServiceAppKey.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** A safe description of what was given: its length and first line's shape, never its content. */
    private static String describe(String text) {
        return text.length() + " characters";
    }

    private static OktaConfigurationException notRsa(String kind) {
        return problem("is an " + kind + " key; service app client assertions are signed with RS256 and need an RSA private"
                + " key of 2048 bits or more. Fix: generate an RSA key pair (e.g. 'Generate new key' on the app's General tab),"
                + " register its public key and use its private key here.");
    }

    private static OktaConfigurationException problem(String text) {
        return new OktaConfigurationException(FIELD, text);
    }
}
