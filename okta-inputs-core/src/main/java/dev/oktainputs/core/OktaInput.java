package dev.oktainputs.core;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.config.InputOption;
import java.util.List;
import java.util.Set;

/**
 * An input: reads one kind of Okta resource. Implementations are found by {@link java.util.ServiceLoader}
 * (list the class in {@code META-INF/services/dev.oktainputs.core.OktaInput}) and looked up by
 * {@link #name()} through {@link Inputs}; a third party adds an input by putting a jar on the classpath.
 *
 * <p>Inputs are pull-based: {@link #open} starts one run (a full or incremental listing), and the caller
 * pulls {@link Batch}es, writes their records, and only then saves each batch's checkpoint. Inputs never
 * schedule themselves and never write checkpoints.
 */
public interface OktaInput {

    /** The schedule of an input that declares none: every 30 minutes. */
    String DEFAULT_SCHEDULE = "*/30 * * * *";

    /**
     * @return the input's name, also the name its checkpoint is saved under, e.g. {@code users}
     */
    String name();

    /**
     * The family the input belongs to: the name users configure ({@code inputs.<family>} in the runner's YAML,
     * {@code okta.inputs} in Kafka Connect), which enables every input of the family. {@link InputFamilies} expands
     * it.
     *
     * @return the family, e.g. {@code groups} for {@code group_members}; by default the input's own name
     */
    default String family() {
        return name();
    }

    /**
     * @return the cron the input runs on when the user gives none, e.g. {@code * * * * *} for the System Log; the
     *         inputs of one family declare the same
     */
    default String defaultSchedule() {
        return DEFAULT_SCHEDULE;
    }

    /**
     * @return the streams the input's records belong to, e.g. {@code [users]}
     */
    default List<String> streams() {
        return List.of(name());
    }

    /**
     * For an edge input, whose record keys join two Okta ids as {@code parentId/childId}: the names of the two ids, in
     * key order, e.g. {@code [group_id, user_id]} for {@code group_members}. Database sinks give each its own column.
     *
     * @return the two names, or empty (by default) for an input keyed by one id
     */
    default List<String> keyIds() {
        return List.of();
    }

    /**
     * @return the OAuth scopes the input needs, e.g. {@code okta.users.read}
     */
    Set<String> requiredScopes();

    /**
     * @return the options the input accepts, declared once with type, default and doc
     */
    default List<InputOption<?>> options() {
        return List.of();
    }

    /**
     * The cheap authenticated call the {@code check} operation makes to prove the credentials may read what this
     * input reads, e.g. {@code /api/v1/users?limit=1}.
     *
     * @return an absolute path with query on the org, or null when the input declares no probe
     */
    default String probePath() {
        return null;
    }

    /**
     * Whether the input reads a feature some orgs do not have (the Identity Engine's devices and authenticators, API
     * Access Management's authorization servers). For such an input, an org that answers {@code E0000015} or 404 gets
     * one warning and an empty run ({@link dev.oktainputs.core.listing.FeatureGuardedRun}), and {@code check} reports
     * it {@code UNAVAILABLE} rather than {@code FAILED}.
     *
     * @return false by default
     */
    default boolean optionalFeature() {
        return false;
    }

    /**
     * Starts one run.
     *
     * @param context    the org's client, options, clock and stores
     * @param checkpoint the last saved checkpoint of {@link #name()}, or {@link Checkpoint#empty()}
     * @return the run, to be drained with {@link InputRun#next()}
     */
    InputRun open(InputContext context, Checkpoint checkpoint);
}
