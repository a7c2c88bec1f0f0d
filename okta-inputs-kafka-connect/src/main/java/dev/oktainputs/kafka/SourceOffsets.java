package dev.oktainputs.kafka;

import dev.oktainputs.api.Checkpoint;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checkpoints as Connect source offsets, one to one. Source partition {@code {org, stream}} (stream = the input's
 * name, under which its checkpoint is kept); source offset = the checkpoint's flat map plus
 * {@value #VERSION_KEY}, its format version.
 */
final class SourceOffsets {

    /** Partition key of the org. */
    static final String ORG = "org";
    /** Partition key of the stream (the input's name). */
    static final String STREAM = "stream";
    /** Offset key of the checkpoint's format version. */
    static final String VERSION_KEY = "checkpoint_version";

    private SourceOffsets() {
    }

    static Map<String, String> partition(String org, String stream) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(ORG, org);
        p.put(STREAM, stream);
        return p;
    }

    /** @return the offset of a checkpoint; {@code {checkpoint_version: 0}} for the empty one (start from the beginning) */
    static Map<String, Object> offset(Checkpoint checkpoint) {
        Map<String, Object> o = new LinkedHashMap<>(checkpoint.values());
        o.put(VERSION_KEY, (long) checkpoint.version());
        return o;
    }

    /**
     * @param offset an offset as read back from the offset store (or given to alterOffsets)
     * @return the checkpoint; {@link Checkpoint#empty()} for null
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static Checkpoint checkpoint(Map<String, ?> offset) {
        if (offset == null || offset.isEmpty()) {
            return Checkpoint.empty();
        }
        Object v = offset.get(VERSION_KEY);
        if (v instanceof Number && ((Number) v).longValue() == 0 && offset.size() == 1) {
            return Checkpoint.empty();
        }
        if (!(v instanceof Number) || ((Number) v).longValue() <= 0 || ((Number) v).longValue() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the offset needs \"" + VERSION_KEY + "\": a positive whole number (copy it from"
                    + " GET /connectors/<name>/offsets), got " + v);
        }
        Map<String, Object> values = new HashMap<>();
        offset.forEach((k, value) -> {
            if (!k.equals(VERSION_KEY)) {
                if (value instanceof Double || value instanceof Float) {
                    throw new IllegalArgumentException("offset value \"" + k + "\" must be a string, whole number or boolean");
                }
                values.put(k, value);
            }
        });
        return Checkpoint.of((int) ((Number) v).longValue(), values);
    }
}
