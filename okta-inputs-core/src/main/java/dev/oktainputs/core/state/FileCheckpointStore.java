package dev.oktainputs.core.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.CheckpointStore;
import dev.oktainputs.core.json.JsonTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checkpoints as small JSON files, {@code <dir>/<org host>/<stream>.checkpoint.json}, replaced atomically
 * (temp file, fsync, rename): they survive kill -9 at any point.
 */
public final class FileCheckpointStore implements CheckpointStore {

    private final Path dir;

    /** @param dir the state directory; created when missing */
    public FileCheckpointStore(Path dir) {
        this.dir = dir;
    }

    /**
     * @param org    the org
     * @param stream the stream
     * @return the file the checkpoint of (org, stream) lives in
     */
    public Path file(String org, String stream) {
        return dir.resolve(AtomicFiles.orgDirName(org)).resolve(AtomicFiles.streamFileName(stream) + ".checkpoint.json");
    }

    /**
     * Deletes the temp files of atomic writes (checkpoints and {@link FileIdSetStore} id sets) that a crash interrupted
     * in the org's directory. Call at start-up, before this process saves anything; not while another process writes
     * to the same state directory.
     *
     * @param org the org
     * @return how many were deleted
     * @throws IOException when the directory cannot be listed
     */
    public int deleteLeftoverTempFiles(String org) throws IOException {
        return AtomicFiles.deleteLeftoverTempFiles(dir.resolve(AtomicFiles.orgDirName(org)));
    }

    @Override
    public Optional<Checkpoint> load(String org, String stream) throws IOException {
        Path f = file(org, stream);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            JsonNode root = JsonTrees.read(bytes);
            int version = root.path("version").asInt(0);
            Map<String, Object> values = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = root.path("values").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                values.put(e.getKey(), v.isBoolean() ? (Object) v.booleanValue() : v.isIntegralNumber() ? (Object) v.longValue() : v.asText());
            }
            return Optional.of(version == 0 && values.isEmpty() ? Checkpoint.empty() : Checkpoint.of(version, values));
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("checkpoint file " + f + " is not a valid checkpoint (" + e.getMessage()
                    + "). Restore it from a backup, or delete it to start the stream over.", e);
        }
    }

    @Override
    public void save(String org, String stream, Checkpoint checkpoint) throws IOException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("version", checkpoint.version());
        ObjectNode values = root.putObject("values");
        checkpoint.values().forEach((k, v) -> {
            if (v instanceof Boolean) {
                values.put(k, (Boolean) v);
            } else if (v instanceof Long) {
                values.put(k, (Long) v);
            } else {
                values.put(k, v.toString());
            }
        });
        AtomicFiles.write(file(org, stream), JsonTrees.pretty(root));
    }

    @Override
    public String toString() {
        return "FileCheckpointStore[" + dir + "]";
    }
}
