package dev.oktainputs.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON trees read from and written to jackson-core's streaming parser and generator, as {@code ObjectMapper.readTree}
 * and {@code writeValueAsBytes} do (same node types, same numbers), without an {@code ObjectMapper}: making the first
 * one loads and initialises most of jackson-databind (0.1-0.2 s of a command line's start, JDK date formats and locale
 * data included), which a program that only needs small trees — a configuration file, a checkpoint, a token response —
 * need not pay before its first request.
 */
public final class JsonTrees {

    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    /**
     * @param json a JSON document
     * @return its tree; {@link MissingNode} when it is empty (as {@code ObjectMapper.readTree})
     * @throws IOException when it is not JSON
     */
    public static JsonNode read(byte[] json) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            return p.nextToken() == null ? MissingNode.getInstance() : read(p);
        }
    }

    /**
     * @param p a parser on the first token of a value (any format: JSON, YAML)
     * @return the value's tree; the parser is left on the value's last token
     * @throws IOException when the parser fails
     */
    public static JsonNode read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new IOException("no value: the parser is not on a token");
        }
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
                    String name = p.currentName();
                    p.nextToken();
                    o.set(name, read(p));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(read(p));
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return NODES.numberNode(p.getIntValue());
                    case LONG:
                        return NODES.numberNode(p.getLongValue());
                    default:
                        return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT: {
                Object o = p.getEmbeddedObject();
                return o instanceof byte[] b ? NODES.binaryNode(b) : NODES.pojoNode(o);
            }
            default:
                throw new IOException("unexpected " + t + " where a value starts");
        }
    }

    /**
     * @return an {@code ObjectMapper} for what needs data binding (rules files read as maps and lists), made on first
     *         use and shared
     */
    public static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    /** Holds the shared mapper, made when {@link #mapper()} is first called. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }

    /**
     * @param tree a tree of objects, arrays and scalars
     * @return it as compact JSON (as {@code ObjectMapper.writeValueAsBytes})
     * @throws IOException when a node cannot be written
     */
    public static byte[] bytes(JsonNode tree) throws IOException {
        return toBytes(tree, false);
    }

    /**
     * @param tree a tree of objects, arrays and scalars
     * @return it as indented JSON (jackson-core's default pretty printer, as {@code writerWithDefaultPrettyPrinter})
     * @throws IOException when a node cannot be written
     */
    public static byte[] pretty(JsonNode tree) throws IOException {
        return toBytes(tree, true);
    }

    private static byte[] toBytes(JsonNode tree, boolean pretty) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            if (pretty) {
                g.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            write(g, tree);
        }
        return out.toByteArray();
    }

    /**
     * @param g    where to write
     * @param tree the value to write
     * @throws IOException when the generator fails, or for a node with no JSON form of its own (a POJO)
     */
    public static void write(JsonGenerator g, JsonNode tree) throws IOException {
        switch (tree.getNodeType()) {
            case OBJECT: {
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
                return;
            }
            case ARRAY: {
                g.writeStartArray();
                for (JsonNode v : tree) {
                    write(g, v);
                }
                g.writeEndArray();
                return;
            }
            case STRING:
                g.writeString(tree.textValue());
                return;
            case NUMBER:
                switch (tree.numberType()) {
                    case INT, LONG -> g.writeNumber(tree.longValue());
                    case BIG_INTEGER -> g.writeNumber(tree.bigIntegerValue());
                    case BIG_DECIMAL -> g.writeNumber(tree.decimalValue());
                    default -> g.writeNumber(tree.doubleValue());
                }
                return;
            case BOOLEAN:
                g.writeBoolean(tree.booleanValue());
                return;
            case NULL:
                g.writeNull();
                return;
            case BINARY:
                g.writeBinary(tree.binaryValue());
                return;
            default:
                throw new IOException("cannot write a " + tree.getNodeType() + " node as JSON");
        }
    }
}
