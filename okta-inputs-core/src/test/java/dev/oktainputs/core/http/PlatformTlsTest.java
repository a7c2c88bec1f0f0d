package dev.oktainputs.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.auth.ApiKeyCredentials;
import java.util.List;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** What TLS set-up a client makes for itself: none for a plain-HTTP (loopback) org, the JVM's shared one otherwise. */
class PlatformTlsTest {

    private static OktaClient client(String org) {
        return OktaClient.builder(OrgUrl.parse(org), new ApiKeyCredentials(Secret.of("00" + "x".repeat(40)))).build();
    }

    @Test
    void clientsOfHttpsOrgsShareOneTrustStoreAndSocketFactory() {
        PlatformTls.warmUp(); // a second start, or one after a client made them, changes nothing
        try (OktaClient a = client("https://acme.okta.com"); OktaClient b = client("https://other.oktapreview.com")) {
            OkHttpClient ha = a.okHttp();
            OkHttpClient hb = b.okHttp();

            assertThat(ha.sslSocketFactory()).isSameAs(hb.sslSocketFactory()).isSameAs(PlatformTls.defaults().socketFactory());
            assertThat(ha.x509TrustManager()).isSameAs(PlatformTls.defaults().trustManager());
            assertThat(ha.x509TrustManager().getAcceptedIssuers()).isNotEmpty(); // the JVM's trust store, not an empty one
            assertThat(ha.connectionSpecs()).contains(ConnectionSpec.MODERN_TLS);
        }
    }

    @Test
    void aPlainHttpOrgGetsNoTlsAtAll() {
        try (OktaClient c = client("http://127.0.0.1:8089")) {
            assertThat(c.okHttp().connectionSpecs()).isEqualTo(List.of(ConnectionSpec.CLEARTEXT));
            assertThatThrownBy(() -> c.okHttp().sslSocketFactory()).isInstanceOf(IllegalStateException.class);
        }
    }
}
