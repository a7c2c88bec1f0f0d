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

    /** Against Jackson's tree, on random nested objects: the scalars at the paths, nulls, arrays and objects left out. */
    @Test
    void picksWhatTheTreeHoldsAtEachPath() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.Random random = new java.util.Random(7);
        String[] names = {"a", "b", "c", "login", "status"};
        for (int n = 0; n < 2000; n++) {
            com.fasterxml.jackson.databind.node.ObjectNode root = randomObject(mapper, random, names, 3);
            Set<String> paths = new java.util.HashSet<>();
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                StringBuilder path = new StringBuilder(names[random.nextInt(names.length)]);
                for (int d = random.nextInt(3); d > 0; d--) {
                    path.append('.').append(names[random.nextInt(names.length)]);
                }
                paths.add(path.toString());
            }
            java.util.Map<String, String> expected = new java.util.HashMap<>();
            for (String path : paths) {
                com.fasterxml.jackson.databind.JsonNode at = root.at("/" + path.replace('.', '/'));
                if (at.isValueNode() && !at.isNull()) {
                    expected.put(path, at.asText());
                }
            }
            assertThat(JsonFields.read(mapper.writeValueAsBytes(root), paths)).as(root + " " + paths).isEqualTo(expected);
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode randomObject(com.fasterxml.jackson.databind.ObjectMapper mapper,
                                                                             java.util.Random random, String[] names, int depth) {
        com.fasterxml.jackson.databind.node.ObjectNode o = mapper.createObjectNode();
        for (String name : names) {
            switch (random.nextInt(depth > 0 ? 6 : 4)) {
                case 0 -> { }
                case 1 -> o.put(name, "v" + random.nextInt(100));
                case 2 -> o.put(name, random.nextInt(100));
                case 3 -> o.putNull(name);
                case 4 -> o.putArray(name).add("x").addObject().put("login", "in-array");
                default -> o.set(name, randomObject(mapper, random, names, depth - 1));
            }
        }
        return o;
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
