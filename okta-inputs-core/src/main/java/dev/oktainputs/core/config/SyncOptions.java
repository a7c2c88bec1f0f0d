package dev.oktainputs.core.config;

import java.time.Duration;
import java.util.List;

/**
 * Options shared by the inputs that build on core's listing and fan-out runs, declared once so that every input
 * documents and validates them alike.
 */
public final class SyncOptions {

    private SyncOptions() {
    }

    /** How often a full sync runs. */
    public static final InputOption<Integer> FULL_SYNC_EVERY = InputOption.integer("full_sync_every", 24, 0, 1_000_000,
            "Run a full sync every N runs: list everything again, re-emit unchanged records and detect deletes that"
                    + " incremental runs cannot see; 0 = only the first run.");
    /** Force a full sync. */
    public static final InputOption<Boolean> FULL_SYNC = InputOption.bool("full_sync", false,
            "Make the next run a full sync, whatever full_sync_every says.");
    /** Re-read window. */
    public static final InputOption<Duration> OVERLAP = InputOption.duration("overlap", Duration.ofSeconds(1),
            "How far before the previous run's start (by Okta's clock) a run looks for changes, to cover clock skew and"
                    + " changes that land while a run is in progress.");
    /** Fan-out width. */
    public static final InputOption<Integer> CONCURRENCY = InputOption.integer("concurrency", 4, 1, 16,
            "How many parents (groups, apps, users) are listed at once; requests still pass the org-wide rate-limit"
                    + " governor, which caps concurrency and keeps headroom for the org's other integrations.");
    /** How many listed objects one batch (one durable write, one checkpoint) may gather from whole pages. */
    public static final InputOption<Integer> BATCH_MAX_RECORDS = InputOption.integer("batch_max_records", 1000, 0,
            100_000, "Whole pages join one batch, so that one durable write, one id-set segment and one checkpoint cover"
                    + " them, while it holds at most this many listed objects: a listing adds its next pages while the"
                    + " next full page still fits; a fan-out adds the next child pages as they arrive while the next"
                    + " still fits (never splitting a page). 0 = one batch per page.");

    /**
     * The options {@link dev.oktainputs.core.listing.ListingRun} reads, in the order inputs declare them: every input
     * whose runs are listing runs declares this list (after its own options).
     */
    public static final List<InputOption<?>> LISTING = List.of(FULL_SYNC_EVERY, FULL_SYNC, OVERLAP, BATCH_MAX_RECORDS);
}
