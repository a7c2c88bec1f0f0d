package dev.oktainputs.core.state;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Id sets as gzipped, sorted (but {@link #saveSegmentUnordered}'s), newline-separated files next to the checkpoints:
 * {@code <dir>/<org host>/<stream>.ids.<generation>[.<segment>].gz}, written atomically. Sorted ids share prefixes, so
 * 10,000 Okta ids take about 130 KB on disk.
 */
public final class FileIdSetStore implements IdSetStore {

    private final Path dir;

    /** @param dir the state directory; created when missing */
    public FileIdSetStore(Path dir) {
        this.dir = dir;
    }

    /**
     * @param org        the org
     * @param stream     the stream
     * @param generation the generation
     * @param segment    0 for the base, else the segment number
     * @return the file
     */
    public Path file(String org, String stream, long generation, int segment) {
        return orgDir(org).resolve(AtomicFiles.streamFileName(stream) + ".ids." + generation
                + (segment == 0 ? "" : "." + segment) + ".gz");
    }

    private Path orgDir(String org) {
        return dir.resolve(AtomicFiles.orgDirName(org));
    }

    @Override
    public Set<String> load(String org, String stream, long generation, int segments) throws IOException {
        Set<String> ids = new HashSet<>();
        if (generation > 0) {
            read(file(org, stream, generation, 0), stream, ids);
        }
        for (int s = 1; s <= segments; s++) {
            read(file(org, stream, generation, s), stream, ids);
        }
        return ids;
    }

    @Override
    public void forEach(String org, String stream, long generation, int segments, Consumer<String> action) throws IOException {
        if (generation > 0) {
            read(file(org, stream, generation, 0), stream, action);
        }
        for (int s = 1; s <= segments; s++) {
            read(file(org, stream, generation, s), stream, action);
        }
    }

    private static void read(Path f, String stream, Set<String> into) throws IOException {
        read(f, stream, (Consumer<String>) into::add);
    }

    private static void read(Path f, String stream, Consumer<String> into) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(f), 1 << 16), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty()) {
                    into.accept(line);
                }
            }
        } catch (NoSuchFileException e) {
            throw new IOException("id set " + f + " named by the checkpoint of " + stream + " is missing. Delete the stream's"
                    + " checkpoint to start over with a full pass.", e);
        }
    }

    @Override
    public void saveBase(String org, String stream, long generation, Collection<String> ids) throws IOException {
        write(file(org, stream, generation, 0), ids);
    }

    @Override
    public void saveSegment(String org, String stream, long generation, int segment, Collection<String> ids) throws IOException {
        if (segment < 1) {
            throw new IllegalArgumentException("segments are numbered from 1");
        }
        write(file(org, stream, generation, segment), ids);
    }

    /** Writes the ids as given: a segment of uuids is not sorted first (a System Log page's thousand, every page). */
    @Override
    public void saveSegmentUnordered(String org, String stream, long generation, int segment, Collection<String> ids)
            throws IOException {
        if (segment < 1) {
            throw new IllegalArgumentException("segments are numbered from 1");
        }
        write(file(org, stream, generation, segment), ids, false);
    }

    /** Writes the ids in the order given, as they come: the file is sorted when they are. */
    @Override
    public void saveBaseInOrder(String org, String stream, long generation, Iterator<String> ids) throws IOException {
        AtomicFiles.writeStreamed(file(org, stream, generation, 0), out -> {
            try (OutputStream w = new BufferedOutputStream(gzip(out, 1 << 16), 1 << 13)) {
                while (ids.hasNext()) {
                    writeLine(w, ids.next());
                }
            }
        });
    }

    /**
     * Deflate's fastest level: for sets of random ids (Okta ids, uuids) it compresses 4% less than the default level
     * in half the time, and a System Log run writes every event's uuid at least once.
     */
    private static GZIPOutputStream gzip(OutputStream out, int buffer) throws IOException {
        return new GZIPOutputStream(out, buffer) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    /** Writes the id as UTF-8 and a newline (bytes, not through a {@code Writer}: no char buffer per line). */
    private static void writeLine(OutputStream w, String id) throws IOException {
        if (id.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("an id contains a newline");
        }
        w.write(id.getBytes(StandardCharsets.UTF_8));
        w.write('\n');
    }

    private static void write(Path f, Collection<String> ids) throws IOException {
        write(f, ids, true);
    }

    private static void write(Path f, Collection<String> ids, boolean sort) throws IOException {
        List<String> sorted = new ArrayList<>(ids);
        if (sort) {
            sorted.sort(null);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, sorted.size() * 8));
        // A segment holds one page's new ids (often a few dozen): a 64 KB deflate buffer for each would be most of
        // what writing it allocates.
        int buffer = Math.min(1 << 16, Math.max(512, sorted.size() * 32));
        try (OutputStream w = new BufferedOutputStream(gzip(bytes, buffer), Math.min(1 << 13, buffer))) {
            for (String id : sorted) {
                writeLine(w, id);
            }
        }
        AtomicFiles.write(f, bytes.toByteArray());
    }

    /**
     * {@inheritDoc}
     *
     * <p>One directory listing; each file's generation and segment are read from its name, so the cost is linear in
     * the files of the org's directory whatever the number of segments kept. Only names this store writes for the
     * stream ({@code <stream>.ids.<generation>[.<segment>].gz}) are candidates.
     */
    @Override
    public void retainOnly(String org, String stream, long generation, int segments) throws IOException {
        Path d = orgDir(org);
        if (!Files.isDirectory(d)) {
            return;
        }
        String prefix = AtomicFiles.streamFileName(stream) + ".ids.";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(d, prefix + "*.gz")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (obsolete(name.substring(prefix.length(), name.length() - ".gz".length()), generation, segments)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /**
     * @param rest what follows {@code <stream>.ids.} up to {@code .gz}: {@code <generation>} or
     *             {@code <generation>.<segment>}
     * @return true for a base or segment outside the set to keep; false for one inside it, and for a name this store
     *         does not write (e.g. another stream's file whose name starts with this stream's prefix)
     */
    static boolean obsolete(String rest, long generation, int segments) {
        int dot = rest.indexOf('.');
        long g = number(dot < 0 ? rest : rest.substring(0, dot));
        long s = dot < 0 ? 0 : number(rest.substring(dot + 1));
        if (g < 0 || s < 0 || dot >= 0 && s == 0) {
            return false;
        }
        return g != generation || s > segments;
    }

    /** @return the value of a canonical decimal number (no sign, no leading zero), or -1 */
    private static long number(String digits) {
        if (digits.isEmpty() || digits.length() > 18 || digits.length() > 1 && digits.charAt(0) == '0') {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return Long.parseLong(digits);
    }

    /**
     * The stored bytes of one base or segment (gzipped lines), for a store that mirrors these files elsewhere.
     *
     * @param org        the org
     * @param stream     the stream
     * @param generation the generation
     * @param segment    0 for the base, else the segment number
     * @return the file's bytes
     * @throws IOException when the file is missing or unreadable
     */
    public byte[] readRaw(String org, String stream, long generation, int segment) throws IOException {
        return Files.readAllBytes(file(org, stream, generation, segment));
    }

    /**
     * Writes one base or segment from bytes {@link #readRaw} returned (elsewhere), atomically.
     *
     * @param org        the org
     * @param stream     the stream
     * @param generation the generation
     * @param segment    0 for the base, else the segment number
     * @param gzipped    the file's bytes
     * @throws IOException when the file cannot be written
     */
    public void writeRaw(String org, String stream, long generation, int segment, byte[] gzipped) throws IOException {
        AtomicFiles.write(file(org, stream, generation, segment), gzipped);
    }

    /**
     * Deletes one base or segment, if present.
     *
     * @param org        the org
     * @param stream     the stream
     * @param generation the generation
     * @param segment    0 for the base, else the segment number
     * @throws IOException when deleting fails
     */
    public void delete(String org, String stream, long generation, int segment) throws IOException {
        Files.deleteIfExists(file(org, stream, generation, segment));
    }

    @Override
    public String toString() {
        return "FileIdSetStore[" + dir + "]";
    }
}
