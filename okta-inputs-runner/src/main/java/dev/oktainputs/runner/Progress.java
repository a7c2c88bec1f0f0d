package dev.oktainputs.runner;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.RunMetrics;
import dev.oktainputs.core.http.RateLimitGovernor;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Shows what the inputs are doing, on standard error: on a terminal one status line redrawn in place (per
 * input: batches written (a page each, or several fan-out child pages), records, records/s; and the rate-limit
 * budget left); otherwise plain lines at most every few seconds per input. Always a summary line when a run ends.
 */
final class Progress implements Pipeline.Listener {

    private final PrintStream err;
    private final boolean terminal;
    private final Clock clock;
    private final Supplier<Map<String, RateLimitGovernor.BucketView>> rates;
    private final Map<String, Run> runs = new TreeMap<>();
    private Instant lastDraw = Instant.EPOCH;
    private boolean lineOpen;

    private static final class Run {
        Instant started;
        Instant lastLine = Instant.EPOCH;
        long batches;
        long records;
    }

    Progress(PrintStream err, boolean terminal, Clock clock, Supplier<Map<String, RateLimitGovernor.BucketView>> rates) {
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
        this.rates = rates;
    }

    @Override
    public synchronized void runStarted(String input, Instant at) {
        Run r = new Run();
        r.started = clock.instant();
        runs.put(input, r);
        if (!terminal) {
            err.println("[" + input + "] run started");
        }
    }

    @Override
    public synchronized void batchWritten(String input, List<OktaRecord> records, Checkpoint checkpoint) {
        Run r = runs.computeIfAbsent(input, k -> new Run());
        r.batches++;
        r.records += records.size();
        Instant now = clock.instant();
        if (terminal) {
            if (Duration.between(lastDraw, now).toMillis() >= 250) {
                lastDraw = now;
                err.print("\r\u001b[2K" + status(now));
                err.flush();
                lineOpen = true;
            }
        } else if (Duration.between(r.lastLine, now).getSeconds() >= 5) {
            r.lastLine = now;
            err.println("[" + input + "] " + batches(r.batches) + ", " + r.records + " records" + rate(r, now) + budget());
        }
    }

    @Override
    public synchronized void runFinished(Pipeline.RunResult result) {
        runs.remove(result.input());
        clearLine();
        Duration took = result.started() == null ? Duration.ZERO : Duration.between(result.started(), result.finished());
        if (result.ok()) {
            err.printf("[%s] run done in %.1f s: %s, %d records (%d upserts, %d deletes)%s%n", result.input(),
                    took.toMillis() / 1000.0, batches(result.batches()), result.records(), result.upserts(), result.deletes(),
                    vanished(result.metrics().count(RunMetrics.PARENTS_VANISHED)) + feedDetails(result.metrics()));
        } else {
            err.printf("[%s] run failed after %.1f s (%d records written, checkpoint kept): %s%n", result.input(),
                    took.toMillis() / 1000.0, result.records(), result.failure().getMessage());
        }
    }

    @Override
    public synchronized void sinkFailed(String input, int attempt, Exception error) {
        clearLine();
        err.println("[" + input + "] sink failed (attempt " + attempt + "): " + error.getMessage());
    }

    /** A fan-out's parents deleted mid-run: their edges went out as DELETE (nothing to fix). */
    private static String vanished(long n) {
        return n == 0 ? "" : ", " + n + (n == 1 ? " parent" : " parents") + " vanished mid-run (edges deleted)";
    }

    /**
     * For an input that de-duplicates a feed (the System Log): {@code , 3 duplicates dropped, lag 2.5 s}; the lag is
     * the clock's now at the end of the run minus the newest event read ({@code lag n/a} when the run read no new one).
     */
    static String feedDetails(RunMetrics metrics) {
        if (metrics == null || !metrics.values().containsKey("duplicates_dropped")) {
            return "";
        }
        long dups = metrics.count("duplicates_dropped");
        String lag = metrics.duration("lag").map(d -> String.format(java.util.Locale.ROOT, "lag %.1f s", d.toMillis() / 1000.0))
                .orElse("lag n/a (no new event)");
        return ", " + dups + (dups == 1 ? " duplicate" : " duplicates") + " dropped, " + lag;
    }

    private static String batches(long n) {
        return n + (n == 1 ? " batch" : " batches");
    }

    private void clearLine() {
        if (lineOpen) {
            err.print("\r\u001b[2K");
            lineOpen = false;
        }
    }

    private String status(Instant now) {
        StringBuilder sb = new StringBuilder();
        runs.forEach((name, r) -> sb.append(sb.length() == 0 ? "" : " | ").append(name).append(' ').append(r.batches)
                .append("b ").append(r.records).append('r').append(rate(r, now)));
        return sb + budget();
    }

    private static String rate(Run r, Instant now) {
        long ms = r.started == null ? 0 : Duration.between(r.started, now).toMillis();
        return ms <= 0 ? "" : " (" + (r.records * 1000 / ms) + "/s)";
    }

    private String budget() {
        Map<String, RateLimitGovernor.BucketView> views = rates.get();
        if (views.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" | rate left:");
        views.forEach((bucket, v) -> sb.append(' ').append(bucket.replaceFirst("^GET ", "")).append(' ')
                .append(v.remaining()).append('/').append(v.limit()));
        return sb.toString();
    }
}
