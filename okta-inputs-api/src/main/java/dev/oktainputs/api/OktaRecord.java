package dev.oktainputs.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One change read from Okta: an object of a stream (a user, a group, a System Log event, a group-member edge)
 * that was created or updated ({@link Op#UPSERT}) or that disappeared ({@link Op#DELETE}).
 *
 * <p>The JSON is kept exactly as Okta sent it, as raw UTF-8 bytes: custom profile attributes and fields Okta
 * adds later pass through untouched, and sinks can write it without re-serialising. A DELETE carries no
 * JSON. Instances are immutable; the byte array is copied on the way in and out only by
 * {@link #json()}, while {@link #jsonBytesUnsafe()} gives sinks zero-copy access.
 */
public final class OktaRecord {

    /** What happened to the object. */
    public enum Op {
        /** The object exists and {@link OktaRecord#json()} holds its current state. */
        UPSERT,
        /** The object is gone from Okta; the record carries no JSON. */
        DELETE
    }

    private final String stream;
    private final String key;
    private final Op op;
    private final Instant timestamp;
    private final byte[] json;
    private final Map<String, String> labels;

    private OktaRecord(String stream, String key, Op op, Instant timestamp, byte[] json, Map<String, String> labels) {
        this.stream = requireText(stream, "stream");
        this.key = requireText(key, "key");
        this.op = Objects.requireNonNull(op, "op");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        if (op == Op.UPSERT && json == null) {
            throw new IllegalArgumentException("an UPSERT record needs its JSON (stream " + stream + ", key " + key + ")");
        }
        if (op == Op.DELETE && json != null) {
            throw new IllegalArgumentException("a DELETE record carries no JSON (stream " + stream + ", key " + key + ")");
        }
        this.json = json;
        this.labels = labels == null || labels.isEmpty()
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    /**
     * An UPSERT record.
     *
     * @param stream    the stream name, e.g. {@code users}
     * @param key       the Okta id, or {@code parentId/childId} for an edge
     * @param timestamp when the object last changed ({@code lastUpdated}, or {@code published} for events)
     * @param json      the object as Okta sent it, raw UTF-8; the array is not copied, do not change it afterwards
     * @return the record
     */
    public static OktaRecord upsert(String stream, String key, Instant timestamp, byte[] json) {
        return new OktaRecord(stream, key, Op.UPSERT, timestamp, Objects.requireNonNull(json, "json"), Map.of());
    }

    /**
     * A DELETE record: the object with this key is gone.
     *
     * @param stream    the stream name
     * @param key       the key of the object that disappeared
     * @param timestamp when the disappearance was observed
     * @return the record
     */
    public static OktaRecord delete(String stream, String key, Instant timestamp) {
        return new OktaRecord(stream, key, Op.DELETE, timestamp, null, Map.of());
    }

    /**
     * A copy of this record with these labels added (later values win on equal keys).
     *
     * @param more labels to add
     * @return the labelled record
     */
    public OktaRecord withLabels(Map<String, String> more) {
        if (more == null || more.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new TreeMap<>(labels);
        merged.putAll(more);
        return new OktaRecord(stream, key, op, timestamp, json, merged);
    }

    /** @return the stream name, e.g. {@code users} */
    public String stream() {
        return stream;
    }

    /** @return the Okta id, or {@code parentId/childId} for an edge */
    public String key() {
        return key;
    }

    /** @return UPSERT or DELETE */
    public Op op() {
        return op;
    }

    /** @return when the object last changed ({@code lastUpdated} / {@code published}), or when a delete was seen */
    public Instant timestamp() {
        return timestamp;
    }

    /** @return a copy of the raw UTF-8 JSON as Okta sent it, or {@code null} for a DELETE */
    public byte[] json() {
        return json == null ? null : json.clone();
    }

    /**
     * The raw JSON without a copy, for sinks that write it straight out. Callers must not modify the array.
     *
     * @return the raw UTF-8 JSON, or {@code null} for a DELETE
     */
    public byte[] jsonBytesUnsafe() {
        return json;
    }

    /** @return the raw JSON decoded as a string, or {@code null} for a DELETE */
    public String jsonString() {
        return json == null ? null : new String(json, StandardCharsets.UTF_8);
    }

    /** @return labels put on the record by rules (sorted, unmodifiable, possibly empty) */
    public Map<String, String> labels() {
        return labels;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof OktaRecord)) {
            return false;
        }
        OktaRecord that = (OktaRecord) o;
        return stream.equals(that.stream) && key.equals(that.key) && op == that.op
                && timestamp.equals(that.timestamp) && Arrays.equals(json, that.json) && labels.equals(that.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, key, op, timestamp, Arrays.hashCode(json), labels);
    }

    /** Names the record without its JSON (which may hold personal data). */
    @Override
    public String toString() {
        return "OktaRecord{" + stream + " " + op + " " + key + " @" + timestamp
                + (json == null ? "" : ", " + json.length + " bytes") + (labels.isEmpty() ? "" : ", labels=" + labels) + "}";
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }
}
