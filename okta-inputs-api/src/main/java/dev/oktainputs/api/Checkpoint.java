package dev.oktainputs.api;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a stream's next run resumes: a small immutable flat map of primitives (strings, longs, booleans)
 * with a format version. Flat primitives so that it maps one to one onto a Kafka Connect source offset and
 * onto a JSON file.
 *
 * <p>A checkpoint is saved only after the records that come before it have been written by the sink.
 */
public final class Checkpoint {

    private static final Checkpoint EMPTY = new Checkpoint(0, Map.of());

    private final int version;
    private final Map<String, Object> values;

    private Checkpoint(int version, Map<String, Object> values) {
        this.version = version;
        this.values = values;
    }

    /** @return the checkpoint of a stream that never ran (version 0, no values) */
    public static Checkpoint empty() {
        return EMPTY;
    }

    /**
     * A checkpoint of the given format version.
     *
     * @param version the input's checkpoint format version (&gt; 0)
     * @param values  string, long/integer or boolean values; null values are dropped
     * @return the checkpoint
     * @throws IllegalArgumentException on a value of another type
     */
    public static Checkpoint of(int version, Map<String, ?> values) {
        if (version <= 0) {
            throw new IllegalArgumentException("checkpoint version must be > 0, got " + version);
        }
        Map<String, Object> copy = new TreeMap<>();
        values.forEach((k, v) -> {
            Objects.requireNonNull(k, "checkpoint key");
            if (v == null) {
                return;
            }
            if (v instanceof Integer || v instanceof Short) {
                copy.put(k, ((Number) v).longValue());
            } else if (v instanceof String || v instanceof Long || v instanceof Boolean) {
                copy.put(k, v);
            } else {
                throw new IllegalArgumentException("checkpoint value of '" + k + "' must be a string, number or boolean, got "
                        + v.getClass().getSimpleName());
            }
        });
        return new Checkpoint(version, Collections.unmodifiableMap(copy));
    }

    /** @return the format version; 0 for the empty checkpoint */
    public int version() {
        return version;
    }

    /** @return true when the stream never saved a checkpoint */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** @return the values, sorted by key, unmodifiable */
    public Map<String, Object> values() {
        return values;
    }

    /**
     * @param key a key
     * @return the string value, or null when absent
     */
    public String getString(String key) {
        Object v = values.get(key);
        return v == null ? null : v.toString();
    }

    /**
     * @param key      a key
     * @param fallback what to return when the key is absent
     * @return the value as a long
     */
    public long getLong(String key, long fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number) {
            return ((Number) v).longValue();
        }
        return Long.parseLong(v.toString());
    }

    /**
     * @param key      a key
     * @param fallback what to return when the key is absent
     * @return the value as a boolean
     */
    public boolean getBoolean(String key, boolean fallback) {
        Object v = values.get(key);
        return v == null ? fallback : Boolean.parseBoolean(v.toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint && ((Checkpoint) o).version == version && ((Checkpoint) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return 31 * version + values.hashCode();
    }

    @Override
    public String toString() {
        return "Checkpoint{v" + version + " " + values + "}";
    }
}
