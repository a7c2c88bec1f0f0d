package dev.oktainputs.runner;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.oktainputs.api.OktaRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The JSON Lines envelope, one object per record:
 * {@code {"stream":"users","op":"upsert","key":"00u…","ts":"2026-…Z","labels":{},"data":{…Okta JSON…}}}, with
 * {@code "op":"delete"} and {@code "data":null} for deletions. {@code data} is Okta's JSON exactly as sent
 * (raw line breaks, which valid JSON can only have as whitespace, become spaces so each record stays one line).
 *
 * <p>{@code data} is copied byte for byte, line breaks replaced at byte level (in UTF-8 the bytes {@code \n} and
 * {@code \r} only ever stand for themselves), instead of being decoded into a {@code String} and encoded again. Bytes
 * that are not well-formed UTF-8 (never from Okta) still take the decoding path, so they come out as U+FFFD as before.
 */
final class JsonLines {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonLines() {
    }

    static void append(OktaRecord r, ByteArrayOutputStream out) {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.writeStartObject();
            g.writeStringField("stream", r.stream());
            g.writeStringField("op", r.op() == OktaRecord.Op.DELETE ? "delete" : "upsert");
            g.writeStringField("key", r.key());
            g.writeStringField("ts", r.timestamp().toString());
            g.writeObjectFieldStart("labels");
            for (Map.Entry<String, String> l : r.labels().entrySet()) {
                g.writeStringField(l.getKey(), l.getValue());
            }
            g.writeEndObject();
            g.writeFieldName("data");
            byte[] raw = r.jsonBytesUnsafe();
            if (raw == null) {
                g.writeNull();
            } else if (isWellFormedUtf8(raw)) {
                g.writeRawValue(""); // the separator before the value; the value itself goes straight to out
                g.flush();
                writeOneLine(raw, out);
            } else {
                g.writeRawValue(oneLine(new String(raw, StandardCharsets.UTF_8)));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
    }

    static String line(OktaRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        append(r, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String oneLine(String json) {
        return json.indexOf('\n') < 0 && json.indexOf('\r') < 0 ? json : json.replace('\n', ' ').replace('\r', ' ');
    }

    /** Copies {@code raw} with each {@code \n} and {@code \r} byte written as a space. */
    private static void writeOneLine(byte[] raw, ByteArrayOutputStream out) {
        int from = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n' || raw[i] == '\r') {
                out.write(raw, from, i - from);
                out.write(' ');
                from = i + 1;
            }
        }
        out.write(raw, from, raw.length - from);
    }

    /**
     * @return true when {@code b} is well-formed UTF-8 (RFC 3629: no overlong forms, surrogates, code points above
     *         U+10FFFF or cut-off sequences), exactly what the JDK's decoder reads without replacing anything
     */
    static boolean isWellFormedUtf8(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            if (c >= 0xC2 && c <= 0xDF) {
                if (i + 1 >= n || !continuation(b[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                if (i + 2 >= n) {
                    return false;
                }
                int c1 = b[i + 1] & 0xFF;
                int lo = c == 0xE0 ? 0xA0 : 0x80;
                int hi = c == 0xED ? 0x9F : 0xBF;
                if (c1 < lo || c1 > hi || !continuation(b[i + 2])) {
                    return false;
                }
                i += 3;
            } else if (c >= 0xF0 && c <= 0xF4) {
                if (i + 3 >= n) {
                    return false;
                }
                int c1 = b[i + 1] & 0xFF;
                int lo = c == 0xF0 ? 0x90 : 0x80;
                int hi = c == 0xF4 ? 0x8F : 0xBF;
                if (c1 < lo || c1 > hi || !continuation(b[i + 2]) || !continuation(b[i + 3])) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
