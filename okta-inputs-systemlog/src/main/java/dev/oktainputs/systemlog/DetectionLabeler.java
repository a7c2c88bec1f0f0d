package dev.oktainputs.systemlog;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.state.IdSetStore;
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
     * @param event     the fields of the event the rules look at, read by the page parser (null: none)
     * @param uuid      its key
     * @param published its time
     * @return its labels, empty when no rule fires
     */
    Map<String, String> labels(PageItem.EventFields event, String uuid, Instant published) {
        if (event == null) {
            return Map.of();
        }
        String type = event.eventType();
        String outcome = event.outcome();
        String severity = event.severity();
        String ip = event.ipAddress();
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
}
