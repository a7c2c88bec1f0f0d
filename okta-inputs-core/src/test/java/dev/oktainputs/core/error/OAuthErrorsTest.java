package dev.oktainputs.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OAuthErrorsTest {

    private static final OAuthErrors.TokenRequest REQUEST = new OAuthErrors.TokenRequest("https://acme.okta.com", "0oa1",
            "kid-1", List.of("okta.groups.read", "okta.users.read"), false, false);

    private static OktaException classify(int status, String body) {
        return OAuthErrors.fromTokenResponse(status, body.getBytes(StandardCharsets.UTF_8), "req-1", 3, REQUEST);
    }

    @Test
    void tokenEndpointStatusesAndErrorsMapToTheHierarchy() {
        assertThat(classify(503, "<html>down</html>")).isInstanceOf(OktaServerException.class).hasMessageContaining("after 3 attempts")
                .satisfies(e -> assertThat(e.isRetriable()).isTrue());
        assertThat(classify(429, "{\"errorCode\":\"E0000047\"}")).isInstanceOf(OktaRateLimitException.class);
        assertThat(classify(400, "{\"error\":\"unauthorized_client\",\"error_description\":\"The client is not authorized to use"
                + " the provided grant type.\"}")).isInstanceOf(OktaAuthenticationException.class)
                .hasMessageContaining("API Services app");
        assertThat(classify(400, "{\"error\":\"invalid_request\",\"error_description\":\"x\"}"))
                .isInstanceOf(OktaBadRequestException.class).hasMessageContaining("[requestId=req-1]");
        assertThat(classify(401, "{\"error\":\"invalid_client\",\"error_description\":\"The client_assertion token is expired.\"}"))
                .isInstanceOf(OktaAuthenticationException.class).hasMessageContaining("this machine's clock");
        assertThat(classify(400, "{\"error\":\"invalid_dpop_proof\",\"error_description\":\"The DPoP proof JWT header is"
                + " missing.\"}")).hasMessageStartingWith("Okta rejected the DPoP proof");
    }

    @Test
    void invalidScopeNamesTheScopesOktaNamesOrElseAllRequested() {
        assertThat(OAuthErrors.missingScopes("The following scopes are not allowed for this request: [okta.users.read].",
                REQUEST.scopes())).containsExactly("okta.users.read");
        assertThat(OAuthErrors.missingScopes("The requested scope is invalid, unknown, or malformed.", REQUEST.scopes()))
                .containsExactly("okta.groups.read", "okta.users.read");
        assertThat(classify(400, "{\"error\":\"invalid_scope\",\"error_description\":\"nope\"}"))
                .isInstanceOf(OktaPermissionException.class)
                .hasMessageStartingWith("Okta did not grant the scopes okta.groups.read, okta.users.read to the service app '0oa1'");
    }
}
