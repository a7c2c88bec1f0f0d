package dev.oktainputs.core;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one run did, as named values an input reports (through {@link InputRun#metrics()}) and a runner
 * prints: counts ({@code long}) and durations. Generic on purpose, so every input reports what matters for
 * it; names are snake_case, e.g. {@code events}, {@code pages}, {@code duplicates_dropped}, {@code lag}.
 * Immutable; values keep the order they were added in.
 */
public final class RunMetrics {

    /**
     * Count of a fan-out run's parents (groups, apps, role assignees) that were deleted after the run listed them:
     * their child listing answered {@code 404 E0000007}, their edges went out as DELETE and the run went on.
     */
    public static final String PARENTS_VANISHED = "parents_vanished";

    /** No metrics (what an input that reports none returns). */
    public static final RunMetrics EMPTY = new RunMetrics(Map.of());

    private final Map<String, Object> values;

    private RunMetrics(Map<String, Object> values) {
        this.values = values;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return every value by name, in the order added: {@code Long} counts and {@code Duration}s (unmodifiable) */
    public Map<String, Object> values() {
        return values;
    }

    /**
     * @param name a count's name
     * @return its value, or 0 when the run did not report it
     */
    public long count(String name) {
        Object v = values.get(name);
        return v instanceof Long ? (Long) v : 0;
    }

    /**
     * @param name a duration's name
     * @return its value, or empty when the run did not report it (e.g. no lag when no event was read)
     */
    public Optional<Duration> duration(String name) {
        Object v = values.get(name);
        return v instanceof Duration ? Optional.of((Duration) v) : Optional.empty();
    }

    /** @return e.g. {@code events=1200 pages=3 duplicates_dropped=0 lag=PT1.5S} */
    @Override
    public String toString() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunMetrics && ((RunMetrics) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Collects the values of a {@link RunMetrics}. */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param name  snake_case name
         * @param value the count
         * @return this
         */
        public Builder count(String name, long value) {
            values.put(requireName(name), value);
            return this;
        }

        /**
         * @param name  snake_case name
         * @param value the duration; null leaves the value out (nothing to report)
         * @return this
         */
        public Builder duration(String name, Duration value) {
            if (value == null) {
                values.remove(requireName(name));
            } else {
                values.put(requireName(name), value);
            }
            return this;
        }

        /** @return the metrics */
        public RunMetrics build() {
            return new RunMetrics(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
        }

        private static String requireName(String name) {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("metric names are snake_case, got '" + name + "'");
            }
            return name;
        }
    }
}
