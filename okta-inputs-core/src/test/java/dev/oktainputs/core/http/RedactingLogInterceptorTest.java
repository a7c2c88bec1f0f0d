package dev.oktainputs.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RedactingLogInterceptorTest {

    @Test
    void credentialHeadersAreRedactedWhateverTheirCase() {
        Headers h = new Headers.Builder()
                .add("authorization", "SSWS 00secretToken")
                .add("DPoP", "eyJhbGciOi.proof")
                .add("Cookie", "sid=abc")
                .add("Accept", "application/json")
                .build();
        String line = RedactingLogInterceptor.redact(h);
        assertThat(line).contains("authorization: [hidden]", "DPoP: [hidden]", "Cookie: [hidden]", "Accept: application/json")
                .doesNotContain("00secretToken").doesNotContain("eyJhbGciOi").doesNotContain("sid=abc");
    }
}
