package dev.oktainputs.systemlog;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One detection rule: which events it matches and, optionally, how many of them from one {@code client.ipAddress}
 * must fall within a time window before it fires. Rules are data ({@link DetectionRules} reads them from JSON or from
 * a YAML-loaded tree); a matching event gets the labels {@code detection} (the names of the rules that fired, comma
 * separated) and {@code detection_risk} (the highest risk among them).
 *
 * @param name        unique, {@code [a-z0-9_.-]+}; the value of the {@code detection} label
 * @param description what it means, for people
 * @param eventTypes  event types to match; an entry ending in {@code *} matches by prefix ({@code security.threat.*})
 * @param outcomes    {@code outcome.result} values to match (e.g. {@code FAILURE}); empty = any
 * @param severities  {@code severity} values to match (e.g. {@code WARN}); empty = any
 * @param threshold   fire only from the {@code count}-th matching event of one IP within {@code within}; null = every match
 * @param risk        how bad a match is
 */
public record DetectionRule(String name, String description, Set<String> eventTypes, Set<String> outcomes,
                            Set<String> severities, Threshold threshold, Risk risk) {

    /** How bad a match is; the label value is the lower-case name. */
    public enum Risk {
        /** Worth a look. */
        LOW,
        /** Unusual. */
        MEDIUM,
        /** Likely an attack or a dangerous change. */
        HIGH,
        /** Act now. */
        CRITICAL;

        /** @return the label value, e.g. {@code high} */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * "{@code count} matching events from one {@code client.ipAddress} within {@code within}" (by {@code published}).
     *
     * @param count  at least 1
     * @param within the window, positive, at most a day
     */
    public record Threshold(int count, Duration within) {
    }

    /** Validates and copies. */
    public DetectionRule {
        Objects.requireNonNull(name, "name");
        eventTypes = Set.copyOf(eventTypes);
        outcomes = Set.copyOf(outcomes);
        severities = Set.copyOf(severities);
        Objects.requireNonNull(risk, "risk");
        if (eventTypes.isEmpty()) {
            throw new IllegalArgumentException("a rule needs at least one event type");
        }
    }

    /**
     * @param eventType the event's {@code eventType}
     * @param outcome   its {@code outcome.result}, may be null
     * @param severity  its {@code severity}, may be null
     * @return true when the event is one this rule looks at (before any threshold)
     */
    public boolean matches(String eventType, String outcome, String severity) {
        if (eventType == null || !outcomes.isEmpty() && !outcomes.contains(outcome)
                || !severities.isEmpty() && !severities.contains(severity)) {
            return false;
        }
        if (eventTypes.contains(eventType)) {
            return true;
        }
        for (String t : eventTypes) { // prefixes, compared in place (this runs for every rule on every event)
            int prefix = t.length() - 1;
            if (prefix >= 0 && t.charAt(prefix) == '*' && eventType.regionMatches(0, t, 0, prefix)) {
                return true;
            }
        }
        return false;
    }
}
