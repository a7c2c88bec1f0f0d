package dev.oktainputs.systemlog;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.state.IdSetStore;
import java.time.Duration;
import java.time.Instant;
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
    private Map<String, Times> byRuleAndIp;

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
        TreeSet<String> fired = null; // most events fire no rule
        DetectionRule.Risk risk = null;
        for (DetectionRule rule : rules) {
            if (!rule.matches(type, outcome, severity) || rule.threshold() != null && !reachesThreshold(rule, ip, uuid, published)) {
                continue;
            }
            if (fired == null) {
                fired = new TreeSet<>();
            }
            fired.add(rule.name());
            risk = risk == null || rule.risk().compareTo(risk) > 0 ? rule.risk() : risk;
        }
        if (fired == null) {
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
        Times times = index().computeIfAbsent(group, k -> new Times());
        if (matches.add(group + "|" + uuid, published)) {
            times.add(at);
        }
        long within = rule.threshold().within().toMillis();
        // Times older than the newest less the window and the late allowance can never count again: an attack of a
        // million failed sign-ins from one IP keeps a window's worth, and each event costs a binary search, not a scan.
        times.dropBefore(times.newest() - within - LATE_ALLOWANCE.toMillis());
        return times.countBetween(at - within, at) >= rule.threshold().count();
    }

    private Map<String, Times> index() {
        if (byRuleAndIp == null) {
            byRuleAndIp = new HashMap<>();
            matches.entriesByTime().forEach((entry, time) -> {
                int cut = entry.lastIndexOf('|');
                if (cut > 0) {
                    byRuleAndIp.computeIfAbsent(entry.substring(0, cut), k -> new Times()).add(time);
                }
            });
        }
        return byRuleAndIp;
    }

    /** One (rule, IP)'s match times, sorted, in a growable array of longs. */
    static final class Times {
        private long[] times = new long[8];
        private int from;
        private int to;

        /** Adds a time, in order (events come mostly in {@code published} order; a late one is moved into place). */
        void add(long t) {
            if (to == times.length) {
                int live = to - from;
                long[] next = live * 2 > times.length ? new long[times.length * 2] : times;
                System.arraycopy(times, from, next, 0, live);
                times = next;
                from = 0;
                to = live;
            }
            int i = to;
            while (i > from && times[i - 1] > t) {
                i--;
            }
            System.arraycopy(times, i, times, i + 1, to - i);
            times[i] = t;
            to++;
        }

        /** @return the newest time, or {@code Long.MIN_VALUE} when there is none */
        long newest() {
            return to > from ? times[to - 1] : Long.MIN_VALUE;
        }

        void dropBefore(long t) {
            from = firstAtOrAfter(t);
        }

        /** @return how many times are in {@code [lo, hi]} */
        int countBetween(long lo, long hi) {
            return hi == Long.MAX_VALUE ? to - firstAtOrAfter(lo) : firstAtOrAfter(hi + 1) - firstAtOrAfter(lo);
        }

        private int firstAtOrAfter(long t) {
            int lo = from;
            int hi = to;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (times[mid] < t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        int size() {
            return to - from;
        }
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
