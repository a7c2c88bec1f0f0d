package dev.oktainputs.kafka;

import dev.oktainputs.api.Checkpoint;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checkpoints as Connect source offsets, one to one. Source partition {@code {org, stream}} (stream = the input's
 * name, under which its checkpoint is kept); source offset = the checkpoint's flat map plus
 * {@value #VERSION_KEY}, its format version, plus {@value #LAST_FIRE_KEY} once a run of the input has completed: when
 * that run started (ISO-8601), so that a restarted task waits for the next cron fire instead of running at once. Offsets
 * written before that key existed load as before (no last fire: the input runs at once).
 */
final class SourceOffsets {

    /** Partition key of the org. */
    static final String ORG = "org";
    /** Partition key of the stream (the input's name). */
    static final String STREAM = "stream";
    /** Offset key of the checkpoint's format version. */
    static final String VERSION_KEY = "checkpoint_version";
    /** Offset key of the start of the input's last completed run (not part of the checkpoint). */
    static final String LAST_FIRE_KEY = "last_fire";

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
        return offset(checkpoint, null);
    }

    /**
     * @param checkpoint the input's checkpoint
     * @param lastFire   when the input's last completed run started, or null if none did
     * @return the offset: the checkpoint's, plus {@value #LAST_FIRE_KEY} when {@code lastFire} is known
     */
    static Map<String, Object> offset(Checkpoint checkpoint, Instant lastFire) {
        Map<String, Object> o = new LinkedHashMap<>(checkpoint.values());
        o.put(VERSION_KEY, (long) checkpoint.version());
        if (lastFire != null) {
            o.put(LAST_FIRE_KEY, lastFire.toString());
        }
        return o;
    }

    /**
     * @param offset an offset as read back from the offset store (or given to alterOffsets), may be null
     * @return its {@value #LAST_FIRE_KEY}, or null when it has none (an offset from before the key, or no run completed)
     * @throws IllegalArgumentException when the key is there but not an ISO-8601 instant
     */
    static Instant lastFire(Map<String, ?> offset) {
        Object v = offset == null ? null : offset.get(LAST_FIRE_KEY);
        if (v == null) {
            return null;
        }
        if (v instanceof String) {
            try {
                return Instant.parse((String) v);
            } catch (DateTimeParseException e) {
                // the message below says what is expected
            }
        }
        throw new IllegalArgumentException("offset value \"" + LAST_FIRE_KEY + "\" must be an ISO-8601 instant such as"
                + " 2026-01-01T00:00:00Z (when the input's last completed run started), got " + v);
    }

    /**
     * @param offset an offset as read back from the offset store (or given to alterOffsets); its
     *               {@value #LAST_FIRE_KEY} is not part of the checkpoint and is checked by {@link #lastFire(Map)}
     * @return the checkpoint; {@link Checkpoint#empty()} for null
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static Checkpoint checkpoint(Map<String, ?> offset) {
        boolean withFire = offset != null && offset.containsKey(LAST_FIRE_KEY);
        if (withFire) {
            Map<String, Object> rest = new HashMap<>(offset);
            rest.remove(LAST_FIRE_KEY);
            offset = rest;
        }
        if (offset == null || (offset.isEmpty() && !withFire)) {
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
