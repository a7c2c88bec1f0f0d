package dev.oktainputs.core.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds the JSON of a record that Okta has no single object for, such as an edge: a flat object of string
 * fields, optionally followed by objects embedded exactly as Okta sent them (raw bytes, not re-serialised), e.g.
 * {@code {"appId":"0oa1","userId":"00u2","appUser":{…as Okta sent it…}}}. Not thread-safe; build one per record.
 */
public final class JsonEnvelope {

    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private boolean first = true;

    /** @return an empty envelope */
    public static JsonEnvelope create() {
        return new JsonEnvelope();
    }

    /**
     * Adds a string field; a null value is written as JSON null.
     *
     * @param name  the field name
     * @param value the value, may be null
     * @return this
     */
    public JsonEnvelope string(String name, String value) {
        name(name);
        if (value == null) {
            out.writeBytes("null".getBytes(StandardCharsets.US_ASCII));
        } else {
            out.write('"');
            out.writeBytes(ENCODER.quoteAsUTF8(value));
            out.write('"');
        }
        return this;
    }

    /**
     * Embeds a JSON value as raw bytes, untouched.
     *
     * @param name the field name
     * @param json a complete JSON value, raw UTF-8 (not validated: it comes from Okta's parsed page)
     * @return this
     */
    public JsonEnvelope raw(String name, byte[] json) {
        name(name);
        out.writeBytes(json);
        return this;
    }

    private void name(String name) {
        out.write(first ? '{' : ',');
        first = false;
        out.write('"');
        out.writeBytes(ENCODER.quoteAsUTF8(name));
        out.write('"');
        out.write(':');
    }

    /** @return the finished object's bytes */
    public byte[] toBytes() {
        if (first) {
            return "{}".getBytes(StandardCharsets.US_ASCII);
        }
        byte[] body = out.toByteArray();
        byte[] closed = java.util.Arrays.copyOf(body, body.length + 1);
        closed[body.length] = '}';
        return closed;
    }
}
