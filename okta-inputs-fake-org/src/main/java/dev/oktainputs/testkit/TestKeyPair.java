package dev.oktainputs.testkit;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * A key pair for tests of OAuth service apps, with the private key in each format people configure: PEM PKCS#8
 * ({@code BEGIN PRIVATE KEY}), PEM PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and JWK JSON (as Okta's console shows
 * it, with {@code kid}). Register {@link #publicKey()} with a {@link ServiceApp}. Only for tests: nothing here
 * protects the private key. {@link #toString()} shows the type and key id only.
 */
public final class TestKeyPair {

    private final KeyPair pair;
    private final String keyId;

    private TestKeyPair(KeyPair pair, String keyId) {
        this.pair = pair;
        this.keyId = keyId;
    }

    /**
     * @param bits  the modulus size; below 2048 only to test that such keys are refused
     * @param keyId the key id
     * @return a new RSA key pair
     */
    public static TestKeyPair rsa(int bits, String keyId) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return new TestKeyPair(g.generateKeyPair(), keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param keyId the key id
     * @return a new P-256 EC key pair (to test that non-RSA keys are refused)
     */
    public static TestKeyPair ec(String keyId) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return new TestKeyPair(g.generateKeyPair(), keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the key id */
    public String keyId() {
        return keyId;
    }

    /** @return the public key, to register with a {@link ServiceApp} */
    public PublicKey publicKey() {
        return pair.getPublic();
    }

    /** @return the private key as PEM PKCS#8, {@code -----BEGIN PRIVATE KEY-----} */
    public String pkcs8Pem() {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    /** @return the RSA private key as PEM PKCS#1, {@code -----BEGIN RSA PRIVATE KEY-----} */
    public String pkcs1Pem() {
        if (!(pair.getPublic() instanceof RSAPublicKey)) {
            throw new IllegalStateException("PKCS#1 is for RSA keys");
        }
        try {
            byte[] pkcs1 = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
            return pem("RSA PRIVATE KEY", pkcs1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the private key as JWK JSON with {@code kid}, {@code use: sig} and {@code alg}, like Okta's console */
    public String jwk() {
        if (pair.getPublic() instanceof RSAPublicKey) {
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate()).keyID(keyId)
                    .keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE).algorithm(com.nimbusds.jose.JWSAlgorithm.RS256)
                    .build().toJSONString();
        }
        return new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).privateKey(pair.getPrivate()).keyID(keyId)
                .build().toJSONString();
    }

    /** @return the public key as JWK JSON with {@code kid} */
    public String publicJwk() {
        if (pair.getPublic() instanceof RSAPublicKey) {
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(keyId).build().toJSONString();
        }
        return new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).keyID(keyId).build().toJSONString();
    }

    private static String pem(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter w = new PemWriter(out)) {
            w.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "TestKeyPair[" + pair.getPublic().getAlgorithm() + ", kid=" + keyId + "]";
    }
}
