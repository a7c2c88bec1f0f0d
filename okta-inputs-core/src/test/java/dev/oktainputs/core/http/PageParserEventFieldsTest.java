package dev.oktainputs.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The System Log fields detection rules look at, read by the page parser in its one pass: what a tree of each element
 * gives for them, and null for an element that has none of them.
 */
class PageParserEventFieldsTest {

    private static final ObjectMapper TREE = new ObjectMapper();

    @Test
    void readsTheSameFieldsAsATreeOfEachElement() throws Exception {
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
                "{\"eventType\":\"first\",\"eventType\":\"second\",\"outcome\":{\"result\":\"A\"},\"outcome\":{\"reason\":\"B\"},"
                        + "\"client\":{\"ipAddress\":\"1.2.3.4\",\"ipAddress\":\"5.6.7.8\"}}",
                "{\"eventType\":\"with \\\"escapes\\\" \\u00e9\",\"client\":{\"ipAddress\":\"2001:db8::1\"},\"outcome\":{\"result\":\"A\"}}");
        PageParser.Parsed parsed = PageParser.parse(("[" + String.join(",", events) + ",{\"id\":\"00u1\",\"profile\":{}}]")
                .getBytes(StandardCharsets.UTF_8), null);

        assertThat(parsed.items()).hasSize(events.size() + 1);
        for (int i = 0; i < events.size(); i++) {
            JsonNode tree = TREE.readTree(events.get(i));
            PageItem.EventFields f = parsed.items().get(i).event();
            assertThat(Arrays.asList(f.eventType(), f.severity(), f.outcome(), f.ipAddress())).as(events.get(i))
                    .isEqualTo(Arrays.asList(text(tree.get("eventType")), text(tree.get("severity")),
                            text(tree.path("outcome").get("result")), text(tree.path("client").get("ipAddress"))));
            assertThat(new String(parsed.items().get(i).json(), StandardCharsets.UTF_8)).isEqualTo(events.get(i));
        }
        assertThat(parsed.items().get(events.size()).event()).as("a user has none of them").isNull();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }
}
