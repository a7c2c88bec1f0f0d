package dev.oktainputs.systemlog;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.error.OktaConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The {@code system_log} input: Okta's System Log as a stream of events, read with polling requests and a
 * persisted cursor, so that a run loses nothing and a restart repeats only what it cannot know was written.
 *
 * <ul>
 *   <li>The first run asks for {@code since = now - lookback}; every later run follows the {@code next} link the
 *       previous run ended on. Requests are polling requests: {@code sortOrder=ASCENDING}, no {@code until},
 *       {@code limit=page_size}, {@code since} never together with {@code after}. A run ends at the first empty page,
 *       whose {@code next} link is the checkpoint.</li>
 *   <li>Record key = {@code uuid}, timestamp = {@code published}, JSON = the event exactly as Okta sent it.</li>
 *   <li>The uuids of written events are remembered for {@code dedup_window} (at most {@code dedup_max_ids}), and
 *       events seen again are dropped. Delivery is at-least-once: a crash between the sink's write and the checkpoint
 *       save repeats that one batch (whole pages, at most {@code batch_max_records} events), with the same keys and
 *       bytes (docs/system-log.md spells out the guarantees).</li>
 *   <li>Optionally ({@code detection}) events matching {@link DetectionRules} get {@code detection} labels.</li>
 * </ul>
 */
public final class SystemLogInput implements OktaInput {

    /** The input's and stream's name. */
    public static final String NAME = "system_log";
    /** The OAuth scope {@code GET /api/v1/logs} needs. */
    public static final String SCOPE = "okta.logs.read";
    /** Okta returns no event published longer ago than this. */
    static final Duration RETENTION = Duration.ofDays(90);
    /** Okta refuses a {@code since} further back than this (400 E0000053). */
    static final Duration SINCE_LIMIT = Duration.ofDays(180);

    /** Where the first run starts. */
    public static final InputOption<Duration> LOOKBACK = InputOption.duration("lookback", Duration.ofHours(1),
            "Where the first run starts: since = now - lookback. At most P90D: Okta keeps 90 days of events, so a longer"
                    + " lookback is refused (beyond 180 days saying that Okta would answer 400 E0000053).")
            .validatedBy(SystemLogInput::checkLookback);
    /** Events per request. */
    public static final InputOption<Integer> PAGE_SIZE = InputOption.integer("page_size", 1000, 1, 1000,
            "Events per request (limit); Okta allows at most 1000.");
    /** How many events one batch (one durable write, one checkpoint) may hold. */
    public static final InputOption<Integer> BATCH_MAX_RECORDS = InputOption.integer("batch_max_records", 5000, 0, 100_000,
            "While catching up, whole pages join one batch (one durable write of the sink, one dedup segment, one"
                    + " checkpoint) while the next full page still fits in this many events; 0 or at most page_size ="
                    + " one batch per page. Up to this many events are held in memory before they are written, and never"
                    + " more pages than fit in a sixteenth of the JVM's maximum heap (with -Xmx64m, two pages of 1,000"
                    + " 1.5 KB events).");
    /** Re-read window. */
    public static final InputOption<Duration> OVERLAP = InputOption.duration("overlap", Duration.ZERO,
            "Off (PT0S) by default. When set, each run first re-reads the events published in this window before the"
                    + " previous run's end, and drops those already written: belt and braces against events that become"
                    + " visible behind the cursor. At most P1D and at most dedup_window.")
            .validatedBy(d -> requireBetween(d, Duration.ZERO, Duration.ofDays(1), "PT5M"));
    /** Okta filter expression. */
    public static final InputOption<String> FILTER = InputOption.string("filter", null,
            "An Okta filter expression passed through, e.g. eventType eq \"user.session.start\". Checked before any"
                    + " request: published is refused (Okta forbids it next to since/after), as is co on"
                    + " debugContext.debugData.url or requestUri.")
            .validatedBy(LogQueryCheck::checkFilter);
    /** Okta keyword search. */
    public static final InputOption<String> Q = InputOption.string("q", null,
            "Keywords passed through as q: at most 10, each at most 40 characters.").validatedBy(LogQueryCheck::checkKeywords);
    /** How long uuids are remembered. */
    public static final InputOption<Duration> DEDUP_WINDOW = InputOption.duration("dedup_window", Duration.ofHours(1),
            "How long (by Okta's clock) the uuids of written events are remembered, to drop events delivered again."
                    + " At least overlap; at most P7D.")
            .validatedBy(d -> requireBetween(d, Duration.ofSeconds(1), Duration.ofDays(7), "PT1H"));
    /** How many uuids are remembered. */
    public static final InputOption<Integer> DEDUP_MAX_IDS = InputOption.integer("dedup_max_ids", 100_000, 1_000, 10_000_000,
            "At most this many uuids are remembered (the newest); make it exceed the events of one dedup_window.");
    /** Detection labels on or off. */
    public static final InputOption<Boolean> DETECTION = InputOption.bool("detection", false,
            "Label events that match the detection rules (labels detection and detection_risk).");
    /** Custom detection rules. */
    public static final InputOption<String> DETECTION_RULES = InputOption.string("detection_rules", null,
            "Path of a JSON file of detection rules, used when detection is true; unset = the built-in rules.");

    /** The bytes of events a batch may hold at most, whatever {@link #BATCH_MAX_RECORDS} allows. */
    private final long maxBatchBytes;

    /** The input, its batches within a sixteenth of this JVM's maximum heap. */
    public SystemLogInput() {
        this(Runtime.getRuntime().maxMemory() / 16);
    }

    /** @param maxBatchBytes the bytes of events a batch may hold at most (tests) */
    SystemLogInput(long maxBatchBytes) {
        this.maxBatchBytes = maxBatchBytes;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * @return every minute: the System Log is polled close to real time
     */
    @Override
    public String defaultSchedule() {
        return "* * * * *";
    }

    @Override
    public String probePath() {
        return "/api/v1/logs?limit=1";
    }

    @Override
    public Set<String> requiredScopes() {
        return Set.of(SCOPE);
    }

    @Override
    public List<InputOption<?>> options() {
        return List.of(LOOKBACK, PAGE_SIZE, BATCH_MAX_RECORDS, OVERLAP, FILTER, Q, DEDUP_WINDOW, DEDUP_MAX_IDS, DETECTION, DETECTION_RULES);
    }

    @Override
    public InputRun open(InputContext context, Checkpoint checkpoint) {
        InputOptions options = context.options();
        Duration overlap = options.get(OVERLAP);
        Duration window = options.get(DEDUP_WINDOW);
        if (overlap.compareTo(window) > 0) {
            throw new OktaConfigurationException("inputs." + NAME + ".overlap", "is " + overlap + ", longer than dedup_window ("
                    + window + "): events re-read beyond the window would be written twice. Raise dedup_window to at least "
                    + overlap + " or shorten overlap.");
        }
        DetectionRules rules = null;
        if (options.get(DETECTION)) {
            String path = options.get(DETECTION_RULES);
            rules = path == null ? DetectionRules.builtIn() : DetectionRules.fromJson(Path.of(path));
        }
        return new SystemLogRun(context, checkpoint, rules, maxBatchBytes);
    }

    private static void checkLookback(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("must be positive, e.g. PT1H");
        }
        if (d.compareTo(SINCE_LIMIT) > 0) {
            throw new IllegalArgumentException("is " + d.toDays() + " days: Okta refuses a since more than 180 days back"
                    + " (400 E0000053), and returns no event older than 90 days anyway. Use at most P90D.");
        }
        if (d.compareTo(RETENTION) > 0) {
            throw new IllegalArgumentException("is " + d.toDays() + " days, but Okta returns no event older than 90 days,"
                    + " so the extra would read nothing. Use at most P90D.");
        }
    }

    private static void requireBetween(Duration d, Duration min, Duration max, String example) {
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException("must be between " + min + " and " + max + ", got " + d + "; e.g. " + example);
        }
    }
}
