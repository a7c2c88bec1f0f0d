package dev.oktainputs.core.fanout;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.DeclaredInput;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.config.SyncOptions;
import dev.oktainputs.core.labels.ImportRules;
import dev.oktainputs.core.listing.FeatureGuardedRun;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Base of an edge input that fans out over a parent listing ({@code group_members}, {@code app_users},
 * {@code role_assignments}, ...): name, family, scopes, probe and options are stated once in the constructor, and a
 * subclass says only which {@link EdgeSource}s a run reads and how a DELETE is labelled.
 *
 * <p>Options: the input's own ones, then {@link SyncOptions}' {@code concurrency}, {@code full_sync_every},
 * {@code full_sync}, {@code overlap} and {@code batch_max_records} (which {@link FanOutRun} reads), then
 * {@code import_rules} when the input takes them.
 */
public abstract class FanOutInput extends DeclaredInput {

    /**
     * @param family     the family it joins (its own name for none)
     * @param name       the input's and stream's name
     * @param scopes     the OAuth scopes it needs, in the order {@code check} reports them
     * @param probePath  the cheap call {@code check} makes, e.g. {@code /api/v1/groups?limit=1}
     * @param ownOptions the input's own options (page sizes, and {@link ImportRules#OPTION} if it labels records)
     */
    protected FanOutInput(String family, String name, List<String> scopes, String probePath, List<InputOption<?>> ownOptions) {
        super(family, name, scopes, probePath, options(ownOptions, List.of(SyncOptions.CONCURRENCY,
                SyncOptions.FULL_SYNC_EVERY, SyncOptions.FULL_SYNC, SyncOptions.OVERLAP, SyncOptions.BATCH_MAX_RECORDS)));
    }

    /**
     * @param context the run's context, with validated options
     * @return the edge sources this run reads, in order
     */
    protected abstract List<EdgeSource<?>> sources(InputContext context);

    /**
     * @param context the run's context, with validated options
     * @return the labels of the DELETE of an edge key; by default none
     */
    protected Function<String, Map<String, String>> deleteLabels(InputContext context) {
        return key -> Map.of();
    }

    /** A run of an {@link #optionalFeature()} input is a {@link FeatureGuardedRun}. */
    @Override
    public final InputRun open(InputContext context, Checkpoint checkpoint) {
        InputRun run = new FanOutRun(context, checkpoint, name(), sources(context), deleteLabels(context));
        return optionalFeature() ? new FeatureGuardedRun(context.orgUrl().toString(), name(), run) : run;
    }
}
