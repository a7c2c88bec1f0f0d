package dev.oktainputs.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BouncyCastle is optional in core: core's classes loaded from this module's test class path without any
 * org.bouncycastle jar (a class loader of their own) read PKCS#8 keys, and refuse a PKCS#1 key naming the artifact.
 */
class WithoutBouncyCastleTest {

    private static final KeyPair PAIR = generate();

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** PKCS#1 is the RSAPrivateKey inside PKCS#8's PrivateKeyInfo: its last element, an OCTET STRING (tag 4). */
    private static byte[] pkcs1() {
        byte[] pkcs8 = PAIR.getPrivate().getEncoded();
        int i = pkcs8.length;
        for (int p = 0; p < pkcs8.length - 4; p++) {
            if (pkcs8[p] == 0x04 && pkcs8[p + 1] == (byte) 0x82) {        // OCTET STRING, two length bytes
                int len = ((pkcs8[p + 2] & 0xff) << 8) | (pkcs8[p + 3] & 0xff);
                if (p + 4 + len == pkcs8.length) {
                    i = p + 4;
                    break;
                }
            }
        }
        return java.util.Arrays.copyOfRange(pkcs8, i, pkcs8.length);
    }

    private static ClassLoader withoutBouncyCastle() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty() && !entry.contains("bouncycastle") && !Path.of(entry).getFileName().toString().startsWith("bc")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static Object parse(ClassLoader loader, String key) throws Throwable {
        Class<?> secret = loader.loadClass("dev.oktainputs.core.Secret");
        Class<?> keys = loader.loadClass("dev.oktainputs.core.auth.ServiceAppKey");
        Method parse = keys.getDeclaredMethod("parse", secret, String.class);
        parse.setAccessible(true);
        try {
            return parse.invoke(null, secret.getMethod("of", String.class).invoke(null, key), "kid-1");
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void theClassLoaderReallyHasNoBouncyCastle() throws Exception {
        ClassLoader loader = withoutBouncyCastle();
        assertThat(Class.forName("org.bouncycastle.openssl.PEMParser")).isNotNull();   // this module's tests have it
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loader.loadClass("org.bouncycastle.openssl.PEMParser"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(loader.loadClass("dev.oktainputs.core.auth.ServiceAppKey").getClassLoader()).isSameAs(loader);
    }

    @Test
    void pkcs8AndJwkKeysAreReadWithoutBouncyCastle() throws Throwable {
        Object key = parse(withoutBouncyCastle(), pem("PRIVATE KEY", PAIR.getPrivate().getEncoded()));
        assertThat(key.getClass().getName()).isEqualTo("com.nimbusds.jose.jwk.RSAKey");
        assertThat(key.getClass().getMethod("getKeyID").invoke(key)).isEqualTo("kid-1");
    }

    @Test
    void aPkcs1KeyWithoutBouncyCastleIsRefusedNamingTheArtifactToAdd() {
        String pkcs1 = pem("RSA PRIVATE KEY", pkcs1());
        Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> parse(withoutBouncyCastle(), pkcs1));
        assertThat(e.getClass().getName()).isEqualTo("dev.oktainputs.core.error.OktaConfigurationException");
        assertThat(e.getMessage()).contains("private_key: is a PKCS#1 PEM key")
                .contains("org.bouncycastle:bcpkix-jdk18on")
                .contains("openssl pkcs8 -topk8 -nocrypt")
                .doesNotContain(pkcs1.split("\n")[1]);
    }

    @Test
    void withBouncyCastleTheSamePkcs1KeyIsRead() throws Throwable {
        Object key = parse(WithoutBouncyCastleTest.class.getClassLoader(), pem("RSA PRIVATE KEY", pkcs1()));
        assertThat(key).isInstanceOf(com.nimbusds.jose.jwk.RSAKey.class);
        assertThat(((com.nimbusds.jose.jwk.RSAKey) key).toRSAPublicKey()).isEqualTo(PAIR.getPublic());
    }
}
