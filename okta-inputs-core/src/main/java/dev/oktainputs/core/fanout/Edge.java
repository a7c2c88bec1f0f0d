package dev.oktainputs.core.fanout;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One edge record an {@link EdgeSource} makes of a child item.
 *
 * @param key       {@code parentId/childId}
 * @param timestamp the record's timestamp (when the edge or its parent last changed), or null for the time it was
 *                  read
 * @param changed   when what the edge's JSON shows last changed (e.g. the assignment's or the member's
 *                  {@code lastUpdated}), or null when unknown; a known edge is emitted again when this is at or after
 *                  the previous run's start
 * @param json      the edge's JSON
 * @param labels    labels from import rules, possibly empty
 */
public record Edge(String key, Instant timestamp, Instant changed, byte[] json, Map<String, String> labels) {

    /** Validates. */
    public Edge {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(json, "json");
        labels = labels == null ? Map.of() : labels;
    }
}
