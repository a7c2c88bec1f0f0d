package dev.oktainputs.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Replaces secrets inside an Okta object before it becomes a record: records carry Okta's JSON verbatim, except a value
 * that is a credential of something else (an identity provider's OAuth {@code client_secret}), which is replaced by
 * {@value #REDACTED}. Only objects that hold such a value are re-serialised; the others keep their bytes.
 */
public final class JsonRedaction {

    /** What a redacted value reads. */
    public static final String REDACTED = "[redacted]";

    private JsonRedaction() {
    }

    /**
     * @param json  one JSON object, as Okta sent it
     * @param paths dotted paths of the values to redact, e.g. {@code protocol.credentials.client.client_secret}
     * @return {@code json} itself when none of the paths holds a value, else the object with each such value replaced
     */
    public static byte[] redact(byte[] json, List<String> paths) {
        if (paths.isEmpty()) {
            return json;
        }
        try {
            JsonNode root = JsonTrees.read(json);
            boolean changed = false;
            for (String path : paths) {
                changed |= redact(root, path.split("\\."));
            }
            return changed ? JsonTrees.bytes(root) : json;
        } catch (IOException e) {
            throw new UncheckedIOException("an object Okta sent is not JSON", e);
        }
    }

    private static boolean redact(JsonNode root, String[] path) {
        JsonNode node = root;
        for (int i = 0; i < path.length - 1; i++) {
            node = node == null ? null : node.get(path[i]);
        }
        if (node instanceof ObjectNode parent) {
            JsonNode value = parent.get(path[path.length - 1]);
            if (value != null && !value.isNull() && !REDACTED.equals(value.asText(null))) {
                parent.set(path[path.length - 1], TextNode.valueOf(REDACTED));
                return true;
            }
        }
        return false;
    }
}
