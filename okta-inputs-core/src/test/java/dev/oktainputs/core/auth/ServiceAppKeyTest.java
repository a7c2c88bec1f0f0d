package dev.oktainputs.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.error.OktaConfigurationException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class ServiceAppKeyTest {

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

    private static String pkcs8() {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(PAIR.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    @Test
    void readsPkcs8AndTheJwksOwnKidAndAPemWithEscapedNewlines() {
        RSAKey key = ServiceAppKey.parse(Secret.of(pkcs8()), "kid-a");
        assertThat(key.getKeyID()).isEqualTo("kid-a");
        assertThat(key.isPrivate()).isTrue();
        assertThat(key.getModulus().decodeToBigInteger()).isEqualTo(((RSAPublicKey) PAIR.getPublic()).getModulus());

        String escaped = pkcs8().replace("\n", "\\n");   // as found in .env files and JSON strings
        assertThat(ServiceAppKey.parse(Secret.of(escaped), "kid-b").getKeyID()).isEqualTo("kid-b");

        String jwk = new RSAKey.Builder((RSAPublicKey) PAIR.getPublic()).privateKey(PAIR.getPrivate()).keyID("from-jwk").build()
                .toJSONString();
        assertThat(ServiceAppKey.parse(Secret.of(jwk), null).getKeyID()).isEqualTo("from-jwk");
        assertThat(ServiceAppKey.parse(Secret.of(jwk), "given").getKeyID()).isEqualTo("given");
        assertThat(ServiceAppKey.parse(Secret.of("{\"keys\":[" + jwk + "]}"), null).getKeyID()).isEqualTo("from-jwk");
    }

    @Test
    void refusesWhatIsNotAnRsaPrivateKeyNamingTheField() {
        assertThatThrownBy(() -> ServiceAppKey.parse(Secret.of(pkcs8()), null)).isInstanceOf(OktaConfigurationException.class)
                .hasMessageStartingWith("Invalid configuration: key_id: missing.");
        assertThatThrownBy(() -> ServiceAppKey.parse(Secret.of("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"
                + "-----END ENCRYPTED PRIVATE KEY-----"), "k")).hasMessageContaining("private_key: is an encrypted");
        assertThatThrownBy(() -> ServiceAppKey.parse(Secret.of("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"),
                "k")).hasMessageContaining("private_key: holds a PEM 'CERTIFICATE', not a private key.");
        assertThatThrownBy(() -> ServiceAppKey.parse(Secret.of("just some text"), "k"))
                .hasMessageContaining("private_key: is neither PEM nor JWK JSON (14 characters).");
        assertThatThrownBy(() -> ServiceAppKey.parse(Secret.of("{\"keys\":[]}"), "k"))
                .hasMessageContaining("private_key: is a JWK set with 0 keys");
    }

    @Test
    void dpopHtuIsSchemeHostPortAndDecodedPathWithoutTheQuery() {
        assertThat(DpopProofs.htu(HttpUrl.get("https://acme.okta.com/api/v1/users?limit=200&after=x#frag")))
                .isEqualTo("https://acme.okta.com/api/v1/users");
        assertThat(DpopProofs.htu(HttpUrl.get("http://127.0.0.1:8080/api/v1/groups/00g1%20x/users")))
                .isEqualTo("http://127.0.0.1:8080/api/v1/groups/00g1 x/users");
        assertThat(DpopProofs.htu(HttpUrl.get("https://acme.okta.com:443/oauth2/v1/token")))
                .isEqualTo("https://acme.okta.com/oauth2/v1/token");
        assertThat(DpopProofs.ath("token")).isEqualTo("PEaenWxYddN6Q_NT1PiOYfz4EsZu7jRXRlpAsNpBU-A");
    }

    @Test
    void dpopModeAcceptsTheThreeValuesAndYamlBooleans() {
        assertThat(DpopMode.parse(null)).isEqualTo(DpopMode.AUTO);
        assertThat(DpopMode.parse(" Auto ")).isEqualTo(DpopMode.AUTO);
        assertThat(DpopMode.parse("on")).isEqualTo(DpopMode.ON);
        assertThat(DpopMode.parse("false")).isEqualTo(DpopMode.OFF);
        assertThat(DpopMode.OFF.value()).isEqualTo("off");
        assertThatThrownBy(() -> DpopMode.parse("required")).isInstanceOf(OktaConfigurationException.class)
                .hasMessage("Invalid configuration: dpop: 'required' is not a DPoP mode. Fix: set it to auto (the default: use"
                        + " DPoP when the service app requires it), on, or off.");
    }

    @Test
    void aKeyIdThatDiffersFromTheJwksKidIsAWarningWithoutTheKey() {
        String jwk = new RSAKey.Builder((RSAPublicKey) PAIR.getPublic()).privateKey(PAIR.getPrivate()).keyID("from-jwk").build()
                .toJSONString();
        ConnectionSettings.Builder b = ConnectionSettings.builder().orgUrl("https://acme.okta.com").clientId("0oa1")
                .privateKey(Secret.of(jwk));
        assertThat(b.build().warnings()).isEmpty();                       // no key_id: the JWK's kid
        assertThat(b.keyId("from-jwk").build().warnings()).isEmpty();     // the same
        ConnectionSettings differs = b.keyId("given").build();
        assertThat(differs.problems()).isEmpty();
        assertThat(differs.warnings()).singleElement().satisfies(w -> assertThat(w)
                .startsWith("key_id: 'given' differs from the kid 'from-jwk' of the JWK private key; the configured one is used. Fix:")
                .doesNotContain(((com.nimbusds.jose.jwk.RSAKey) RSAKey.parse(jwk)).getPrivateExponent().toString()));
        assertThat(ConnectionSettings.builder().orgUrl("https://acme.okta.com").clientId("0oa1").keyId("given")
                .privateKey(Secret.of(pkcs8())).build().warnings()).isEmpty(); // a PEM has no kid of its own
    }
}
