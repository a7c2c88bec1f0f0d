package dev.oktainputs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.core.error.OktaConfigurationException;
import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OrgUrlTest {

    @ParameterizedTest
    @CsvSource({
            "https://acme-admin.okta.com/admin/dashboard, https://acme.okta.com",
            "acme.okta.com, https://acme.okta.com",
            "  https://ACME.Okta.com/  , https://acme.okta.com",
            "https://acme-admin.oktapreview.com/admin/apps?x=1#f, https://acme.oktapreview.com",
            "https://my-co-admin.okta-emea.com, https://my-co.okta-emea.com",
            "https://agency-admin.okta-gov.com/admin, https://agency.okta-gov.com",
            "https://unit-admin.okta.mil, https://unit.okta.mil",
            "https://login.example.com/oauth2/default, https://login.example.com",
            "https://sso-admin.example.com, https://sso-admin.example.com",
            "https://acme.okta.com:8443/x, https://acme.okta.com:8443",
            "http://127.0.0.1:8080/api, http://127.0.0.1:8080",
            "http://localhost:9000, http://localhost:9000",
            "http://[::1]:9000, http://[::1]:9000",
    })
    void normalisesWhatUsersPaste(String raw, String expected) {
        assertThat(OrgUrl.parse(raw).toString()).isEqualTo(expected);
    }

    @Test
    void requiresHttpsExceptOnLoopback() {
        assertThatThrownBy(() -> OrgUrl.parse("http://acme.okta.com"))
                .isInstanceOf(OktaConfigurationException.class)
                .hasMessageContaining("org_url").hasMessageContaining("https://acme.okta.com");
        assertThatThrownBy(() -> OrgUrl.parse("http://10.0.0.1:8080")).hasMessageContaining("must use https");
    }

    @Test
    void rejectsGarbageAndUserInfoWithTheFieldName() {
        assertThatThrownBy(() -> OrgUrl.parse("")).hasMessageContaining("org_url").hasMessageContaining("missing");
        assertThatThrownBy(() -> OrgUrl.parse("https://")).hasMessageContaining("org_url");
        assertThatThrownBy(() -> OrgUrl.parse("https://user:pw@acme.okta.com")).hasMessageContaining("user info")
                .hasMessageNotContaining("pw@");
    }

    @Test
    void sameOriginMeansSchemeHostAndPort() {
        OrgUrl org = OrgUrl.parse("https://acme.okta.com");
        assertThat(org.isSameOrigin(HttpUrl.get("https://acme.okta.com/api/v1/users?after=x"))).isTrue();
        assertThat(org.isSameOrigin(HttpUrl.get("https://evil.example.com/api/v1/users"))).isFalse();
        assertThat(org.isSameOrigin(HttpUrl.get("http://acme.okta.com/api/v1/users"))).isFalse();
        assertThat(org.isSameOrigin(HttpUrl.get("https://acme.okta.com:444/api/v1/users"))).isFalse();
        assertThat(org.relativize(HttpUrl.get("https://acme.okta.com/api/v1/users?after=a%20b&limit=2")))
                .isEqualTo("/api/v1/users?after=a%20b&limit=2");
        assertThat(org.resolve("/api/v1/users?limit=2").toString()).isEqualTo("https://acme.okta.com/api/v1/users?limit=2");
    }

    @Test
    void secretsNeverPrint() {
        Secret s = Secret.of("00abcdefSECRET");
        assertThat(s.toString()).isEqualTo("[hidden]");
        assertThat(String.valueOf(new dev.oktainputs.core.auth.ApiKeyCredentials(s))).doesNotContain("SECRET");
        assertThat(s.reveal()).isEqualTo("00abcdefSECRET");
    }

    @ParameterizedTest
    @CsvSource({
            // link Okta gave, what is requested instead ('-' = refused)
            "https://acme.okta.com/api/v1/iam/roles?after=x, https://acme.okta.com/api/v1/iam/roles?after=x",
            "https://acme-admin.okta.com/api/v1/iam/roles?after=x, https://acme.okta.com/api/v1/iam/roles?after=x",
            "https://ACME-ADMIN.okta.com:443/api/v1/iam/roles, https://acme.okta.com/api/v1/iam/roles",
            "http://acme-admin.okta.com/api/v1/iam/roles, -",
            "https://acme-admin.okta.com:8443/api/v1/iam/roles, -",
            "https://acme-admin.oktapreview.com/api/v1/iam/roles, -",
            "https://evil-admin.okta.com/api/v1/iam/roles, -",
            "https://acme-admin.okta.com.evil.example/api/v1/iam/roles, -",
            "https://admin.okta.com/api/v1/iam/roles, -",
    })
    void followsLinksOnTheOrgAndItsAdminHostOnly(String link, String expected) {
        HttpUrl onOrg = OrgUrl.parse("https://acme.okta.com").onOrg(HttpUrl.get(link));
        assertThat(onOrg == null ? "-" : onOrg.toString()).isEqualTo(expected);
    }

    @Test
    void anAdminLinkIsRequestedOnTheConfiguredPort() {
        OrgUrl org = OrgUrl.parse("https://acme.okta.com:18444");
        assertThat(org.adminHost()).isEqualTo("acme-admin.okta.com");
        assertThat(org.onOrg(HttpUrl.get("https://acme-admin.okta.com/api/v1/iam/roles?after=x")))
                .hasToString("https://acme.okta.com:18444/api/v1/iam/roles?after=x");
        assertThat(org.onOrg(HttpUrl.get("https://acme-admin.okta.com:18444/api/v1/iam/roles")))
                .hasToString("https://acme.okta.com:18444/api/v1/iam/roles");
        assertThat(org.onOrg(HttpUrl.get("https://acme-admin.okta.com:9999/api/v1/iam/roles"))).isNull();
        assertThat(org.origin()).isEqualTo("https://acme.okta.com:18444");
        assertThat(OrgUrl.parse("https://acme.okta.com").origin()).isEqualTo("https://acme.okta.com:443");
    }

    @Test
    void customDomainsAndLoopbackHaveNoAdminHost() {
        assertThat(OrgUrl.parse("https://login.example.com").adminHost()).isNull();
        assertThat(OrgUrl.parse("http://127.0.0.1:8080").adminHost()).isNull();
        assertThat(OrgUrl.parse("https://login.example.com").onOrg(HttpUrl.get("https://login-admin.example.com/x"))).isNull();
    }
}
