package dev.oktainputs.core.state;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Crash-safe file replacement: write a temp file in the same directory, fsync it, rename it over the target
 * atomically, fsync the directory. After kill -9 at any point the target holds the old or the new content,
 * never a mix.
 */
final class AtomicFiles {

    // Compiled once: these run for every file name the stores compute (String.replaceAll would compile each time).
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z]+://");
    private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
    private static final Pattern STREAM_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private AtomicFiles() {
    }

    static void write(Path target, byte[] content) throws IOException {
        write(target, ch -> {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        });
    }

    /**
     * Like {@link #write(Path, byte[])}, with content that is written as it is produced instead of held in memory:
     * {@code content} writes to the stream it is given (closing it is allowed and does not close the file).
     */
    static void writeStreamed(Path target, ContentWriter content) throws IOException {
        write(target, ch -> {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16) {
                @Override
                public void close() throws IOException {
                    flush(); // the channel stays open for force()
                }
            };
            content.writeTo(out);
            out.flush();
        });
    }

    /** Writes a file's content to a stream. */
    interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private interface ChannelWriter {
        void writeTo(FileChannel ch) throws IOException;
    }

    private static void write(Path target, ChannelWriter content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                content.writeTo(ch);
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot rename atomically; put the state directory on a local disk", e);
            }
            fsyncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Deletes the temp files that writes interrupted by a crash left in {@code dir} (they are never read, but would pile
     * up, one per kill). Only for a directory no other process writes to at the same time.
     *
     * @return how many were deleted
     */
    static int deleteLeftoverTempFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int n = 0;
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path f : files) {
                if (Files.isRegularFile(f) && Files.deleteIfExists(f)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static void fsyncDirectory(Path dir) {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // Some file systems refuse to open directories; the rename is still atomic.
        }
    }

    /**
     * A file-name-safe form of an org URL: {@code https://acme.okta.com} → {@code acme.okta.com},
     * {@code http://127.0.0.1:8080} → {@code 127.0.0.1_8080}.
     */
    static String orgDirName(String org) {
        String s = SCHEME.matcher(org).replaceFirst("");
        s = TRAILING_SLASHES.matcher(s).replaceAll("");
        return UNSAFE.matcher(s).replaceAll("_");
    }

    static String streamFileName(String stream) {
        if (!STREAM_NAME.matcher(stream).matches()) {
            throw new IllegalArgumentException("stream names may hold letters, digits, '_', '.', '-' only: " + stream);
        }
        return stream;
    }
}
