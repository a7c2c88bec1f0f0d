package dev.oktainputs.core.listing;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.DeclaredInput;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.config.SyncOptions;
import dev.oktainputs.core.labels.ImportRules;
import java.util.List;
import java.util.Objects;

/**
 * Base of a plain listing input: everything but the endpoint is declared here once. A new paged Okta resource is
 * a subclass with a no-argument constructor (for {@link java.util.ServiceLoader}) and a {@link #spec}:
 *
 * <pre>{@code
 * public final class GroupsInput extends ListingInput {
 *     public GroupsInput() {
 *         super("groups", "okta.groups.read", "/api/v1/groups?limit=1", List.of(PAGE_SIZE));
 *     }
 *     protected ListingSpec spec(InputContext context) {
 *         return ListingSpec.builder("groups", "/api/v1/groups", "okta.groups.read")
 *                 .pageSize(context.options().get(PAGE_SIZE)).incrementalOn("lastUpdated").build();
 *     }
 * }
 * }</pre>
 *
 * <p>Options: the input's own ones, then {@link SyncOptions}' {@code full_sync_every}, {@code full_sync},
 * {@code overlap} and {@code batch_max_records} (which {@link ListingRun} reads), then {@code import_rules} when the
 * input takes them.
 */
public abstract class ListingInput extends DeclaredInput {

    /**
     * @param name       the input's and stream's name
     * @param scope      the OAuth scope it needs
     * @param probePath  the cheap call {@code check} makes, e.g. {@code /api/v1/groups?limit=1}
     * @param ownOptions the input's own options (page size, and {@link ImportRules#OPTION} if it labels records)
     */
    protected ListingInput(String name, String scope, String probePath, List<InputOption<?>> ownOptions) {
        this(name, name, scope, probePath, ownOptions);
    }

    /**
     * @param family     the family it joins, e.g. {@code roles} for {@code custom_roles}
     * @param name       the input's and stream's name
     * @param scope      the OAuth scope it needs
     * @param probePath  the cheap call {@code check} makes, e.g. {@code /api/v1/groups?limit=1}
     * @param ownOptions the input's own options (page size, and {@link ImportRules#OPTION} if it labels records)
     */
    protected ListingInput(String family, String name, String scope, String probePath, List<InputOption<?>> ownOptions) {
        super(family, name, List.of(Objects.requireNonNull(scope, "scope")), probePath, options(ownOptions,
                SyncOptions.LISTING));
    }

    /**
     * @param context the run's context, with validated options
     * @return the endpoint this run lists
     */
    protected abstract ListingSpec spec(InputContext context);

    /** A run of an {@link #optionalFeature()} input is a {@link FeatureGuardedRun}. */
    @Override
    public final InputRun open(InputContext context, Checkpoint checkpoint) {
        InputRun run = new ListingRun(context, checkpoint, spec(context));
        return optionalFeature() ? new FeatureGuardedRun(context.orgUrl().toString(), name(), run) : run;
    }
}
