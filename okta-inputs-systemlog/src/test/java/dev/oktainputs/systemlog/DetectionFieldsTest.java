package dev.oktainputs.systemlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The labeler's one-pass field reader reads what a tree of the event would give for the four fields the rules use. */
class DetectionFieldsTest {

    private static final ObjectMapper TREE = new ObjectMapper();

    @Test
    void readsTheSameFieldsAsATreeOfTheEvent() throws Exception {
        List<String> events = List.of(
                "{\"uuid\":\"u1\",\"eventType\":\"user.session.start\",\"severity\":\"INFO\",\"outcome\":{\"result\":\"FAILURE\","
                        + "\"reason\":\"x\"},\"client\":{\"zone\":null,\"ipAddress\":\"203.0.113.5\",\"geo\":{\"ipAddress\":\"no\"}}}",
                // nested objects of the same names elsewhere do not count; arrays and nulls are skipped
                "{\"target\":[{\"eventType\":\"no\",\"outcome\":{\"result\":\"no\"}}],\"debugContext\":{\"client\":{\"ipAddress\":\"no\"}},"
                        + "\"eventType\":\"a.b\",\"severity\":null,\"outcome\":null,\"client\":{\"ipAddress\":null}}",
                // non-scalar values read as null; numbers and booleans as their text
                "{\"eventType\":{\"x\":1},\"severity\":[\"WARN\"],\"outcome\":{\"result\":{\"r\":1}},\"client\":{\"ipAddress\":7}}",
                "{\"eventType\":true,\"outcome\":\"FAILURE\",\"client\":[1,2]}",
                // of a repeated field the last counts, also when the last has no value
                "{\"eventType\":\"first\",\"eventType\":\"second\",\"outcome\":{\"result\":\"A\"},\"outcome\":{\"reason\":\"B\"}}",
                "{}",
                "{\"eventType\":\"with \\\"escapes\\\" \\u00e9\",\"client\":{\"ipAddress\":\"2001:db8::1\"}}");
        for (String e : events) {
            JsonNode tree = TREE.readTree(e);
            DetectionLabeler.Fields f = DetectionLabeler.Fields.read(e.getBytes(StandardCharsets.UTF_8));
            assertThat(Arrays.asList(f.eventType, f.severity, f.outcome, f.ip)).as(e).isEqualTo(Arrays.asList(
                    text(tree.get("eventType")), text(tree.get("severity")), text(tree.path("outcome").get("result")),
                    text(tree.path("client").get("ipAddress"))));
        }
        assertThat(DetectionLabeler.Fields.read("{\"eventType\":\"a\",\"outcome\":{\"result\":\"A\"}}".getBytes(StandardCharsets.UTF_8)).outcome)
                .isEqualTo("A");
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }
}
