package dev.oktainputs.runner;

import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.api.RecordSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends records to {@code <dir>/<stream>.jsonl}, and flushes and fsyncs before it acknowledges a batch, so
 * that a checkpoint saved after {@link #write} never points past records that a crash could lose.
 * Thread-safe: inputs running side by side share one sink.
 */
final class JsonLinesFileSink implements RecordSink, AutoCloseable {

    private final Path dir;
    private final Map<String, FileChannel> files = new HashMap<>();
    /** Each stream's buffer of its last batch, used again for its next one when it is large enough and not huge. */
    private final Map<String, Bytes> buffers = new HashMap<>();

    JsonLinesFileSink(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    /**
     * Appends the records and fsyncs. When a write fails (disk full, I/O error) every file is cut back to where this
     * call started, so a retry of the same batch neither duplicates records nor leaves a torn line mid-file.
     */
    @Override
    public synchronized void write(List<OktaRecord> records) throws IOException {
        // Sized up front (raw JSON + the envelope), so a page's lines are not copied over and over while the buffer grows.
        Map<String, Integer> sizes = new HashMap<>();
        for (OktaRecord r : records) {
            byte[] raw = r.jsonBytesUnsafe();
            sizes.merge(r.stream(), (raw == null ? 0 : raw.length) + 256 + r.key().length(),
                    (a, b) -> (int) Math.min(1 << 30, (long) a + b)); // past 1 GB it grows as needed
        }
        Map<String, Bytes> byStream = new LinkedHashMap<>();
        for (OktaRecord r : records) {
            JsonLines.append(r, byStream.computeIfAbsent(r.stream(), s -> buffer(s, sizes.get(s))));
        }
        Map<FileChannel, Long> before = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Bytes> e : byStream.entrySet()) {
                FileChannel ch = channel(e.getKey());
                before.put(ch, ch.size());
                ByteBuffer buf = e.getValue().buffer();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(false);
            }
        } catch (IOException | RuntimeException e) {
            for (Map.Entry<FileChannel, Long> b : before.entrySet()) {
                try {
                    b.getKey().truncate(b.getValue());
                } catch (IOException | RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /**
     * @param stream a stream
     * @return the length of its file now (0 when there is none): where its next record will start
     * @throws IOException when the file cannot be read
     */
    synchronized long length(String stream) throws IOException {
        FileChannel ch = files.get(stream);
        if (ch != null) {
            return ch.size();
        }
        Path f = file(stream);
        return Files.exists(f) ? Files.size(f) : 0;
    }

    /**
     * Cuts a stream's file back to {@code length}: what a restart does with records written after the last checkpoint
     * (they are read again). A file that is shorter than {@code length}, or has no line end there, is not the file the
     * checkpoint measured (rotated, replaced) and is left alone. Call it before this sink writes to the stream.
     *
     * @param stream the stream
     * @param length the length its last checkpoint recorded
     * @return how many bytes were cut off
     * @throws IOException when the file cannot be cut
     */
    synchronized long rollBack(String stream, long length) throws IOException {
        if (files.containsKey(stream)) {
            throw new IllegalStateException("roll back " + stream + " before writing to it");
        }
        Path f = file(stream);
        if (!Files.exists(f)) {
            return 0;
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size <= length || length > 0 && !endsLineAt(ch, length)) {
                return 0; // not the file the checkpoint measured: cutting it would tear a line
            }
            ch.truncate(length);
            ch.force(true);
            return size - length;
        }
    }

    private FileChannel channel(String stream) throws IOException {
        FileChannel ch = files.get(stream);
        if (ch == null) {
            dropTornTail(file(stream));
            ch = FileChannel.open(file(stream), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            files.put(stream, ch);
        }
        return ch;
    }

    /**
     * A process killed in the middle of a write can leave a last line without its newline. Those records were
     * never acknowledged (their checkpoint was not saved), so they come again; cut the torn line off so the file
     * stays valid JSON Lines.
     */
    static void dropTornTail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long end = size;
            ByteBuffer one = ByteBuffer.allocate(8192);
            while (end > 0) {
                int n = (int) Math.min(one.capacity(), end);
                one.clear().limit(n);
                ch.read(one, end - n);
                int i = n - 1;
                while (i >= 0 && one.get(i) != '\n') {
                    i--;
                }
                if (i >= 0) {
                    end = end - n + i + 1;
                    break;
                }
                end -= n;
            }
            if (end < size) {
                ch.truncate(end);
                ch.force(true);
            }
        }
    }

    private static boolean endsLineAt(FileChannel ch, long length) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        return ch.read(one, length - 1) == 1 && one.get(0) == '\n';
    }

    Path file(String stream) {
        return dir.resolve(stream + ".jsonl");
    }

    @Override
    public synchronized void close() throws IOException {
        for (FileChannel ch : files.values()) {
            ch.close();
        }
        files.clear();
        buffers.clear();
    }

    @Override
    public String toString() {
        return "files under " + dir;
    }

    /** Buffers up to this size are kept for the stream's next batch (a System Log page of 1,000 events: ~2-3 MB). */
    private static final int KEEP_BUFFER_BYTES = 4 << 20;

    private Bytes buffer(String stream, int size) {
        Bytes b = buffers.get(stream);
        if (b != null && b.capacity() >= size) {
            b.reset();
            return b;
        }
        b = new Bytes(size);
        if (size <= KEEP_BUFFER_BYTES) {
            buffers.put(stream, b);
        } else {
            buffers.remove(stream);
        }
        return b;
    }

    /** A batch's lines, handed to the file without the copy {@link ByteArrayOutputStream#toByteArray()} makes. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes(int size) {
            super(size);
        }

        ByteBuffer buffer() {
            return ByteBuffer.wrap(buf, 0, count);
        }

        int capacity() {
            return buf.length;
        }
    }
}
