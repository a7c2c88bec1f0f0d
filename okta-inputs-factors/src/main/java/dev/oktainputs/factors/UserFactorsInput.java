package dev.oktainputs.factors;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.DeclaredInput;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.RunMetrics;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.config.SyncOptions;
import dev.oktainputs.core.fanout.FanOutRun;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code user_factors} input (family {@code factors}): one record per enrolled MFA factor, key
 * {@code userId/factorId}, the factor's JSON exactly as {@code GET /api/v1/users/{id}/factors} sent it.
 *
 * <ul>
 *   <li><b>Full pass</b> (the first run, every {@code full_sync_every}-th, or {@code full_sync}): every user's factors
 *       ({@link FanOutRun} over the users, {@code concurrency} at a time); factors not seen again and the factors of
 *       users that are gone are DELETEs.</li>
 *   <li><b>Other runs</b> read only the users whose factors may have changed ({@link FactorChanges}: the users the
 *       System Log names in factor lifecycle events since the previous run, and the users created or updated since),
 *       emit their new and changed factors and DELETE the ones they no longer have ({@link IncrementalFactorsRun}).
 *       A 1% change costs about 1% of a full pass's requests.</li>
 * </ul>
 *
 * <p>Scopes: {@code okta.users.read} and, for the runs between full passes, {@code okta.logs.read}.
 */
public final class UserFactorsInput extends DeclaredInput {

    /** The input's and stream's name. */
    public static final String NAME = "user_factors";
    /** The family (its only member today). */
    public static final String FAMILY = "factors";

    /** Users per page of the users listing. */
    public static final InputOption<Integer> USERS_PAGE_SIZE = InputOption.integer("users_page_size", 200, 1, 200,
            "Users per request when listing the users whose factors to read (/api/v1/users; Okta's maximum is 200).");
    /** Events per page of the factor events. */
    public static final InputOption<Integer> LOG_PAGE_SIZE = InputOption.integer("log_page_size", 1000, 1, 1000,
            "Events per request when reading the System Log's factor events between full passes (Okta's maximum is"
                    + " 1000).");

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public UserFactorsInput() {
        super(FAMILY, NAME, List.of(FactorEdges.SCOPE, FactorChanges.LOGS_SCOPE), "/api/v1/users?limit=1",
                options(List.of(USERS_PAGE_SIZE, LOG_PAGE_SIZE), List.of(SyncOptions.CONCURRENCY,
                        SyncOptions.FULL_SYNC_EVERY, SyncOptions.FULL_SYNC, SyncOptions.OVERLAP,
                        SyncOptions.BATCH_MAX_RECORDS)));
    }

    @Override
    public List<String> keyIds() {
        return List.of("user_id", "factor_id");
    }

    @Override
    public InputRun open(InputContext context, Checkpoint checkpoint) {
        FactorEdges edges = new FactorEdges(context.options().get(USERS_PAGE_SIZE));
        if (fullPass(context, checkpoint)) {
            return fullPassRun(context, checkpoint, edges, checkpoint);
        }
        InputRun incremental = new IncrementalFactorsRun(context, checkpoint, NAME, edges,
                new FactorChanges(context.client(), context.options().get(LOG_PAGE_SIZE)));
        return new LogsOrFullPass(incremental, () -> {
            Map<String, Object> values = new HashMap<>(checkpoint.values());
            values.remove("since"); // FanOutRun's first-run rule: a full pass, against the stored id set
            return fullPassRun(context, Checkpoint.of(checkpoint.version(), values), edges, checkpoint);
        });
    }

    /** A full pass from {@code from}, carrying the System Log cursor of {@code checkpoint}. */
    private static InputRun fullPassRun(InputContext context, Checkpoint from, FactorEdges edges, Checkpoint checkpoint) {
        return new CarryLogCursor(new FanOutRun(context, from, NAME, List.of(edges), key -> Map.of()),
                checkpoint.getString(IncrementalFactorsRun.LOG_NEXT));
    }

    private static final Logger LOG = LoggerFactory.getLogger(UserFactorsInput.class);

    /** Whether the System Log's refusal was reported at WARN yet (once per input, then DEBUG). */
    private final AtomicBoolean logsRefusedSaid = new AtomicBoolean();

    /**
     * A run between full passes that becomes a full pass when the System Log refuses the factor events (403: a service
     * app without {@code okta.logs.read}, an admin's API token that may not read the log): the users' factors are then
     * read one by one, as in a full pass, instead of the run failing every time.
     */
    private final class LogsOrFullPass implements InputRun {
        private final InputRun incremental;
        private final Supplier<InputRun> fullPass;
        private volatile InputRun fallback;

        LogsOrFullPass(InputRun incremental, Supplier<InputRun> fullPass) {
            this.incremental = incremental;
            this.fullPass = fullPass;
        }

        @Override
        public Batch next() {
            if (fallback != null) {
                return fallback.next();
            }
            try {
                return incremental.next();
            } catch (FactorChanges.LogsRefused e) {
                String message = NAME + ": this run reads every user's factors (a full pass) instead of only the changed"
                        + " ones, because the System Log refused the factor events: " + e.getMessage() + " Or set"
                        + " full_sync_every: 1 to make every run a full pass without asking the log.";
                if (logsRefusedSaid.compareAndSet(false, true)) {
                    LOG.warn("{} Said once; later runs say it at DEBUG.", message);
                } else {
                    LOG.debug(message);
                }
                incremental.close();
                fallback = fullPass.get();
                return fallback.next();
            }
        }

        @Override
        public RunMetrics metrics() {
            return fallback != null ? fallback.metrics() : incremental.metrics();
        }

        @Override
        public void wakeup() {
            InputRun f = fallback;
            (f != null ? f : incremental).wakeup();
        }

        @Override
        public void close() {
            incremental.close();
            if (fallback != null) {
                fallback.close();
            }
        }
    }

    /** The same choice {@link FanOutRun} makes: a pass in progress, the first run, a forced or a due full pass. */
    private static boolean fullPass(InputContext context, Checkpoint checkpoint) {
        if (checkpoint.values().containsKey("phase") || checkpoint.getString("since") == null
                || context.options().get(SyncOptions.FULL_SYNC)) {
            return true;
        }
        int every = context.options().get(SyncOptions.FULL_SYNC_EVERY);
        return every > 0 && checkpoint.getLong("runs_since_full", 0) + 1 >= every;
    }

    /**
     * A full pass that keeps the System Log cursor in every checkpoint it writes, so the next run between full passes
     * goes on reading factor events where the previous one stopped (events of the full pass's time are read again:
     * harmless, their users are simply re-read).
     */
    private static final class CarryLogCursor implements InputRun {
        private final InputRun run;
        private final String logNext;

        CarryLogCursor(InputRun run, String logNext) {
            this.run = run;
            this.logNext = logNext;
        }

        @Override
        public Batch next() {
            Batch b = run.next();
            if (b == null || logNext == null) {
                return b;
            }
            Map<String, Object> cp = new HashMap<>(b.checkpoint().values());
            cp.put(IncrementalFactorsRun.LOG_NEXT, logNext);
            return new Batch(b.records(), Checkpoint.of(b.checkpoint().version(), cp), b.onCommit());
        }

        @Override
        public RunMetrics metrics() {
            return run.metrics();
        }

        @Override
        public void wakeup() {
            run.wakeup();
        }

        @Override
        public void close() {
            run.close();
        }
    }
}
