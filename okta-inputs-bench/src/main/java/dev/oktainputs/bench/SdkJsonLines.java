package dev.oktainputs.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;

/**
 * The okta-sdk-java side's sink: the same JSON Lines envelope as okta-inputs' file sink
 * ({@code {"stream","op","key","ts","labels","data"}}), with {@code data} re-serialised from the SDK's model by the SDK's
 * own ObjectMapper (the SDK keeps no raw JSON, and its JSON is not Okta's: null attributes are dropped, fields
 * reordered, some values re-typed). Like okta-inputs' sink it writes each page and fsyncs it, so both
 * sides pay for the same durability.
 */
final class SdkJsonLines implements AutoCloseable {

    private final FileChannel file;
    private final ObjectMapper mapper;
    private final ObjectWriter writer;
    private final ByteArrayOutputStream page = new ByteArrayOutputStream(256 * 1024);
    private long lines;

    SdkJsonLines(Path path, ObjectMapper mapper) throws IOException {
        this.file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.mapper = mapper;
        this.writer = mapper.writer().without(SerializationFeature.INDENT_OUTPUT);
    }

    void add(String stream, String key, OffsetDateTime ts, Object model) throws IOException {
        try (JsonGenerator g = mapper.getFactory().createGenerator(page)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.writeStartObject();
            g.writeStringField("stream", stream);
            g.writeStringField("op", "upsert");
            g.writeStringField("key", key);
            g.writeStringField("ts", ts == null ? null : ts.toInstant().toString());
            g.writeObjectFieldStart("labels");
            g.writeEndObject();
            g.writeFieldName("data");
            // Parts of the SDK's model serialise themselves pretty-printed; like okta-inputs' sink (which does the same
            // to raw JSON that holds line breaks), line breaks become spaces so that the record stays one line.
            g.writeRawValue(oneLine(writer.writeValueAsString(model)));
            g.writeEndObject();
        }
        page.write('\n');
        lines++;
    }

    private static String oneLine(String json) {
        return json.indexOf('\n') < 0 && json.indexOf('\r') < 0 ? json : json.replace('\n', ' ').replace('\r', ' ');
    }

    /** Writes the page and fsyncs it. */
    void endPage() throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(page.toByteArray());
        while (buf.hasRemaining()) {
            file.write(buf);
        }
        file.force(false);
        page.reset();
    }

    long lines() {
        return lines;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
