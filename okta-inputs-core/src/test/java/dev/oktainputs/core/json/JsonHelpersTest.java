package dev.oktainputs.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonHelpersTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void picksNestedScalarsAndSkipsArraysAndNulls() {
        byte[] user = utf8("{\"id\":\"00u1\",\"status\":\"ACTIVE\",\"skills\":[\"status\"],\"profile\":{\"login\":\"zoë@x.com\","
                + "\"mobilePhone\":null,\"nested\":{\"login\":\"no\"}},\"credentials\":{\"login\":\"no\"}}");
        assertThat(JsonFields.read(user, Set.of("status", "profile.login", "profile.mobilePhone", "profile.nested.login")))
                .containsOnlyKeys("status", "profile.login", "profile.nested.login")
                .containsEntry("profile.login", "zoë@x.com");
        assertThat(JsonFields.read(user, "missing")).isNull();
        assertThatThrownBy(() -> JsonFields.read(utf8("[1]"), "id")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void envelopesEscapeTextAndEmbedRawJsonByteForByte() {
        String raw = "{\"id\":\"00u1\",  \"profile\":{\"x\":1.50}}";
        byte[] json = JsonEnvelope.create().string("appId", "0oa\"1").string("note", null).raw("appUser", utf8(raw)).toBytes();
        assertThat(new String(json, StandardCharsets.UTF_8))
                .isEqualTo("{\"appId\":\"0oa\\\"1\",\"note\":null,\"appUser\":" + raw + "}");
        assertThat(new String(JsonEnvelope.create().toBytes(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }
}
