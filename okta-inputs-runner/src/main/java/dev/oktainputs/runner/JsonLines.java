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
}
