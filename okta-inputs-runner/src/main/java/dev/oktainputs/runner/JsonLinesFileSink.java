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
    /**
     * Lines on their way to a file, written whenever {@value #CHUNK_BYTES} bytes are there: a batch is never held whole,
     * and no buffer is large enough for the garbage collector to handle it as a humongous object (half a G1 region,
     * 512 KB at a small heap's 1 MB regions), which kept the collector in concurrent cycles under {@code -Xmx64m}.
     */
    private Bytes chunk = new Bytes(CHUNK_BYTES + CHUNK_BYTES / 2);

    private static final int CHUNK_BYTES = 192 * 1024;

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
        Map<FileChannel, Long> before = new LinkedHashMap<>();
        try {
            for (String stream : records.stream().map(OktaRecord::stream).distinct().toList()) {
                FileChannel ch = channel(stream);
                before.put(ch, ch.size());
                for (OktaRecord r : records) {
                    if (r.stream().equals(stream)) {
                        JsonLines.append(r, chunk);
                        if (chunk.size() >= CHUNK_BYTES) {
                            flush(ch);
                        }
                    }
                }
                flush(ch);
                ch.force(false);
            }
        } catch (IOException | RuntimeException e) {
            chunk.reset();
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

    /** Writes the chunk's lines to the file; a chunk that grew for one huge record is replaced by one of the usual size. */
    private void flush(FileChannel ch) throws IOException {
        ByteBuffer buf = chunk.buffer();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        chunk = chunk.capacity() > CHUNK_BYTES * 2 ? new Bytes(CHUNK_BYTES + CHUNK_BYTES / 2) : chunk;
        chunk.reset();
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
    }

    @Override
    public String toString() {
        return "files under " + dir;
    }

    /** Lines, handed to the file without the copy {@link ByteArrayOutputStream#toByteArray()} makes. */
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
