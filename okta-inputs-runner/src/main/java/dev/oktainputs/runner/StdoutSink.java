package dev.oktainputs.runner;

import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.api.RecordSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes JSON Lines to standard output (progress and logs go to standard error), flushed per batch. */
final class StdoutSink implements RecordSink {

    private final PrintWriter out;

    StdoutSink(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void write(List<OktaRecord> records) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(records.size() * 512);
        for (OktaRecord r : records) {
            JsonLines.append(r, buf);
        }
        out.write(buf.toString(StandardCharsets.UTF_8));
        out.flush();
        if (out.checkError()) {
            throw new IOException("standard output is closed");
        }
    }

    @Override
    public String toString() {
        return "standard output";
    }
}
