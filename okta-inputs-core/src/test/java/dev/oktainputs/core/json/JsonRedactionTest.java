package dev.oktainputs.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRedactionTest {

    private static final List<String> SECRET = List.of("protocol.credentials.client.client_secret");

    @Test
    void replacesTheValueAtThePathAndKeepsTheRest() {
        byte[] in = "{\"id\":\"0oa1\",\"protocol\":{\"credentials\":{\"client\":{\"client_id\":\"abc\",\"client_secret\":\"s3cr3t\"}}}}"
                .getBytes(StandardCharsets.UTF_8);
        String out = new String(JsonRedaction.redact(in, SECRET), StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("s3cr3t").contains("\"client_secret\":\"[redacted]\"").contains("\"client_id\":\"abc\"")
                .contains("\"id\":\"0oa1\"");
    }

    @Test
    void anObjectWithoutTheValueKeepsItsBytes() {
        byte[] saml = "{\"id\":\"0oa2\",  \"protocol\":{\"type\":\"SAML2\",\"credentials\":{\"trust\":{\"kid\":\"k\"}}}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(JsonRedaction.redact(saml, SECRET)).isSameAs(saml);
        byte[] nullSecret = "{\"protocol\":{\"credentials\":{\"client\":{\"client_secret\":null}}}}".getBytes(StandardCharsets.UTF_8);
        assertThat(JsonRedaction.redact(nullSecret, SECRET)).isSameAs(nullSecret);
        assertThat(JsonRedaction.redact(saml, List.of())).isSameAs(saml);
    }
}
