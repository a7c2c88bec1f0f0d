package dev.oktainputs.systemlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.state.IdSetStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Applies {@link DetectionRules} to events as they are emitted and returns their labels: {@code detection} (the
 * names of the rules that fired, sorted, comma separated) and {@code detection_risk} (the highest risk).
 *
 * <p>Threshold rules count matching events per (rule, {@code client.ipAddress}) by {@code published}: an event fires
 * the rule when it is at least the {@code count}-th matching event from its IP within {@code within} before it. The
 * matches are kept in a {@link RecentIdWindow} named {@code detect} (entries {@code rule|ip|uuid} at their
 * {@code published} time, kept for the longest window plus an hour for late events), saved with each batch like the
 * dedup window, so a burst that spans several runs, or a crash, is still counted, and a page fetched again after a
 * crash is labelled exactly as before.
 */
final class DetectionLabeler {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Duration LATE_ALLOWANCE = Duration.ofHours(1);

    private final List<DetectionRule> rules;
    private final RecentIdWindow matches;
    private Map<String, List<Long>> byRuleAndIp;

    DetectionLabeler(DetectionRules rules, IdSetStore store, String org, Checkpoint checkpoint) {
        this.rules = rules.rules();
        this.matches = new RecentIdWindow(store, org, SystemLogInput.NAME, "detect", checkpoint,
                rules.longestWindow().plus(LATE_ALLOWANCE), 100_000);
    }

    /**
     * @param json      the event as Okta sent it
     * @param uuid      its key
     * @param published its time
     * @return its labels, empty when no rule fires
     */
    Map<String, String> labels(byte[] json, String uuid, Instant published) {
        Fields event;
        try {
            event = Fields.read(json);
        } catch (IOException e) {
            return Map.of();
        }
        String type = event.eventType;
        String outcome = event.outcome;
        String severity = event.severity;
        String ip = event.ip;
        TreeSet<String> fired = new TreeSet<>();
        DetectionRule.Risk risk = null;
        for (DetectionRule rule : rules) {
            if (!rule.matches(type, outcome, severity) || rule.threshold() != null && !reachesThreshold(rule, ip, uuid, published)) {
                continue;
            }
            fired.add(rule.name());
            risk = risk == null || rule.risk().compareTo(risk) > 0 ? rule.risk() : risk;
        }
        if (fired.isEmpty()) {
            return Map.of();
        }
        return Map.of("detection", String.join(",", fired), "detection_risk", risk.label());
    }

    private boolean reachesThreshold(DetectionRule rule, String ip, String uuid, Instant published) {
        if (ip == null) {
            return false;
        }
        String group = rule.name() + "|" + ip;
        long at = published.toEpochMilli();
        List<Long> times = index().computeIfAbsent(group, k -> new ArrayList<>());
        if (matches.add(group + "|" + uuid, published)) {
            times.add(at);
        }
        long from = at - rule.threshold().within().toMillis();
        long count = times.stream().filter(t -> t >= from && t <= at).count();
        return count >= rule.threshold().count();
    }

    private Map<String, List<Long>> index() {
        if (byRuleAndIp == null) {
            byRuleAndIp = new HashMap<>();
            matches.entriesByTime().forEach((entry, time) -> {
                int cut = entry.lastIndexOf('|');
                if (cut > 0) {
                    byRuleAndIp.computeIfAbsent(entry.substring(0, cut), k -> new ArrayList<>()).add(time);
                }
            });
        }
        return byRuleAndIp;
    }

    Map<String, Object> save() {
        return matches.save();
    }

    Map<String, Object> compact(Instant now) {
        Map<String, Object> values = matches.compact(now);
        byRuleAndIp = null; // rebuilt from what compaction kept
        return values;
    }

    Batch.CommitHook cleanup() {
        return matches.cleanup();
    }

    /**
     * The four fields the rules look at — {@code eventType}, {@code severity}, {@code outcome.result} and
     * {@code client.ipAddress} — read with the streaming parser in one pass, skipping everything else (no tree of the
     * event is built). As with a tree: a missing, null or non-scalar value reads as null, a number or boolean as its
     * text, and of a repeated field the last one counts.
     */
    static final class Fields {
        String eventType;
        String severity;
        String outcome;
        String ip;

        static Fields read(byte[] json) throws IOException {
            Fields f = new Fields();
            try (JsonParser p = JSON.createParser(json)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return f;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    switch (name) {
                        case "eventType" -> f.eventType = scalar(p, v);
                        case "severity" -> f.severity = scalar(p, v);
                        case "outcome" -> f.outcome = inner(p, v, "result");
                        case "client" -> f.ip = inner(p, v, "ipAddress");
                        default -> p.skipChildren();
                    }
                }
            }
            return f;
        }

        private static String scalar(JsonParser p, JsonToken v) throws IOException {
            if (v.isScalarValue()) {
                return v == JsonToken.VALUE_NULL ? null : p.getText();
            }
            p.skipChildren();
            return null;
        }

        /** @return {@code field} of the object at {@code v}; when the value is not an object: null */
        private static String inner(JsonParser p, JsonToken v, String field) throws IOException {
            if (v != JsonToken.START_OBJECT) {
                p.skipChildren();
                return null;
            }
            String value = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals(field)) {
                    value = scalar(p, t);
                } else {
                    p.skipChildren();
                }
            }
            return value;
        }
    }
}
