package dev.oktainputs.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@link JsonTrees} builds and writes the trees {@code ObjectMapper} does: same node types, same bytes. */
class JsonTreesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"00u1\",\"status\":\"ACTIVE\",\"profile\":{\"login\":\"a@b.c\",\"employeeNumber\":12,\"mobilePhone\":null}}",
        "[1, 2147483648, 99999999999999999999999, 1.5, -0.0, 1e300, true, false, null, \"\\u00e9\\n\\\"\"]",
        "{\"version\":3,\"values\":{\"since\":\"2026-12-03T05:00:00.000Z\",\"complete\":true,\"count\":42}}",
        "{\"nested\":[[],{},[{\"a\":[]}]],\"emoji\":\"\\ud83d\\ude00\",\"escaped\":\"</script>\\t\"}",
        "\"just a string\"",
        "7"
    })
    void readsAndWritesAsObjectMapperDoes(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        JsonNode expected = MAPPER.readTree(bytes);

        JsonNode tree = JsonTrees.read(bytes);

        assertThat(tree).isEqualTo(expected); // deep and type-sensitive: an IntNode is not a LongNode
        assertThat(new String(JsonTrees.bytes(tree), StandardCharsets.UTF_8))
                .isEqualTo(new String(MAPPER.writeValueAsBytes(expected), StandardCharsets.UTF_8));
        assertThat(new String(JsonTrees.pretty(tree), StandardCharsets.UTF_8))
                .isEqualTo(new String(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(expected), StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyDocumentIsTheMissingNodeAndBrokenJsonFails() throws IOException {
        assertThat(JsonTrees.read("  \n".getBytes(StandardCharsets.UTF_8))).isSameAs(MissingNode.getInstance());
        assertThatThrownBy(() -> JsonTrees.read("{\"a\":".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JsonTrees.read("{\"a\" 1}".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class);
    }
}
