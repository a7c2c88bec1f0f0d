package dev.oktainputs.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Picks a few scalar fields out of one raw JSON object with Jackson's streaming parser, without building a
 * tree: e.g. {@code status} and {@code profile.login} of a user, {@code profile.name} of a group. Paths are
 * dotted names of nested objects; arrays are skipped. Inputs use it on {@link dev.oktainputs.core.http.PageItem}
 * bytes when they need more than the fields the page parser picks up.
 */
public final class JsonFields {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonFields() {
    }

    /**
     * @param json  one JSON object, raw UTF-8
     * @param paths dotted paths, e.g. {@code id}, {@code profile.login}
     * @return path to value as text for every path that holds a scalar (JSON null is left out)
     * @throws IllegalArgumentException when the bytes are not a JSON object
     */
    public static Map<String, String> read(byte[] json, Set<String> paths) {
        Map<String, String> found = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            readObject(p, "", paths, found);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        return found;
    }

    /**
     * @param json one JSON object
     * @param path a dotted path
     * @return the scalar at the path as text, or null
     */
    public static String read(byte[] json, String path) {
        return read(json, Set.of(path)).get(path);
    }

    private static void readObject(JsonParser p, String base, Set<String> paths, Map<String, String> found) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String path = base + p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                if (wantsBelow(paths, path)) {
                    readObject(p, path + ".", paths, found);
                } else {
                    p.skipChildren();
                }
            } else if (t == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else if (t != JsonToken.VALUE_NULL && paths.contains(path)) {
                found.put(path, p.getValueAsString());
            }
        }
    }

    private static boolean wantsBelow(Set<String> paths, String path) {
        String dotted = path + ".";
        for (String wanted : paths) {
            if (wanted.startsWith(dotted)) {
                return true;
            }
        }
        return false;
    }
}
