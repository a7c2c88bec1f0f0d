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
        Node plan = plan(paths);
        Map<String, String> found = new HashMap<>(8);
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            readObject(p, plan, found);
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

    private static Node plan(Set<String> paths) {
        Node plan = PLANS.get(paths);
        if (plan == null) {
            plan = Node.plan(paths);
            if (PLANS.size() < 256) { // a caller that makes up sets as it goes gets no cache, not an unbounded one
                PLANS.put(Set.copyOf(paths), plan);
            }
        }
        return plan;
    }

    /**
     * The same paths picked up by a reader that streams past an object anyway (the page parser, while it cuts an
     * element out of a page), with the same results as {@link #read(byte[], Set)} on the object's bytes: no second parse.
     */
    public static final class Picker {
        private final Node root;

        private Picker(Node root) {
            this.root = root;
        }

        /**
         * @param paths dotted paths, e.g. {@code status}, {@code profile.login}
         * @return a picker of them
         */
        public static Picker of(Set<String> paths) {
            return new Picker(plan(paths));
        }

        /**
         * Call with the parser on the value of the object's top-level field {@code name}.
         *
         * @param p     the parser, its current token {@code value}
         * @param name  the field's name
         * @param value the field's value token
         * @param found where picked values go, by path (JSON null is left out)
         * @return true when it read the value through (an object holding wanted paths): the caller must not skip it
         * @throws IOException when the JSON is not valid
         */
        public boolean take(JsonParser p, String name, JsonToken value, Map<String, String> found) throws IOException {
            Node child = root.children.get(name);
            if (child == null) {
                return false;
            }
            if (value == JsonToken.START_OBJECT && !child.children.isEmpty()) {
                readObject(p, child, found);
                return true;
            }
            if (value.isScalarValue() && child.path != null && value != JsonToken.VALUE_NULL) {
                found.put(child.path, p.getValueAsString());
            }
            return false;
        }
    }

    /** Plans by path set: callers pass a few constant sets, so each is split into names once, not per object. */
    private static final Map<Set<String>, Node> PLANS = new java.util.concurrent.ConcurrentHashMap<>();

    private static void readObject(JsonParser p, Node node, Map<String, String> found) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            Node child = node.children.get(p.currentName());
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                if (child != null && t == JsonToken.START_OBJECT && !child.children.isEmpty()) {
                    readObject(p, child, found);
                } else {
                    p.skipChildren();
                }
            } else if (child != null && child.path != null && t != JsonToken.VALUE_NULL) {
                found.put(child.path, p.getValueAsString());
            }
        }
    }

    /** One name of the wanted paths: the whole path when a scalar is wanted here, and the names wanted below. */
    private static final class Node {
        String path;
        final Map<String, Node> children = new HashMap<>();

        static Node plan(Set<String> paths) {
            Node root = new Node();
            for (String path : paths) {
                Node n = root;
                for (String name : path.split("\\.", -1)) {
                    n = n.children.computeIfAbsent(name, k -> new Node());
                }
                n.path = path;
            }
            return root;
        }
    }
}
