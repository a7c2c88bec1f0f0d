package dev.oktainputs.policies;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.RunMetrics;
import dev.oktainputs.core.error.OktaBadRequestException;
import dev.oktainputs.core.error.OktaException;
import dev.oktainputs.core.listing.FeatureGuardedRun;
import dev.oktainputs.core.listing.MissingFeatureLog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a stream read type by type ({@code GET /api/v1/policies?type=T} and what hangs off it): a sub-run per
 * policy type, in {@link #TYPES} order, each with its own part of the checkpoint ({@code <TYPE>.<key>}) and its own id
 * set ({@link TypedIdSets}), so deletes are found per type.
 *
 * <p>A type the org does not have answers its first request of the run with an error: 400, 404, or
 * {@code E0000015} ("You do not have permission to access the feature you are requesting": no Identity Engine, or
 * the feature is off; a 401 in Okta's spec, a 403 in some answers). That type is skipped with one warning naming it and Okta's answer, the run goes on, and the
 * type's checkpoint and id set stay exactly as they were: a skipped type is unknown, not empty, so none of its
 * records become DELETEs (a later run that can list it again compares with what it had). A 401 or 403
 * without {@code E0000015} (bad credentials, a missing scope or admin role) and any error after a type's first batch
 * fail the run as usual.
 *
 * <p>Checkpoint (version 1): each type's sub-run checkpoint under {@code <TYPE>.}, and {@code at} (the type in
 * progress) while a run is not complete.
 */
final class PolicyTypeRun implements InputRun {

    /** The policy types of Okta's management OpenAPI spec ({@code PolicyType}), in its order. */
    static final List<String> TYPES = List.of("ACCESS_POLICY", "ENTITY_RISK", "IDP_DISCOVERY", "MFA_ENROLL",
            "OKTA_SIGN_ON", "PASSWORD", "POST_AUTH_SESSION", "PROFILE_ENROLLMENT", "DEVICE_SIGNAL_COLLECTION",
            "SESSION_VIOLATION_DETECTION", "CLIENT_UPDATE", "IDENTITY_CLAIM_SOURCING");
    /** Metric: the types skipped in this run. */
    static final String TYPES_SKIPPED = "policy_types_skipped";
    /** Checkpoint format version. */
    static final int VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(PolicyTypeRun.class);
    private static final String AT = "at";

    /** Opens the sub-run of one type. */
    @FunctionalInterface
    interface SubRuns {
        /**
         * @param type       the policy type
         * @param context    the input's context with the type's own id sets
         * @param checkpoint the type's part of the checkpoint
         * @return the sub-run
         */
        InputRun open(String type, InputContext context, Checkpoint checkpoint);
    }

    private final String stream;
    private final InputContext context;
    private final SubRuns subRuns;
    /** Marks a sub-run checkpoint that is mid-pass (e.g. {@code next} for a listing, {@code phase} for a fan-out). */
    private final String inProgressKey;
    private final Map<String, Object> state;
    private int index;
    private InputRun current;
    private boolean currentReturned;
    private boolean done;
    private long skipped;
    private long vanished;

    /**
     * @param stream        the stream, named in warnings
     * @param context       the input's context
     * @param checkpoint    the stream's last checkpoint
     * @param subRuns       opens a type's sub-run
     * @param inProgressKey the key a sub-run's checkpoint holds while its pass is not complete
     */
    PolicyTypeRun(String stream, InputContext context, Checkpoint checkpoint, SubRuns subRuns, String inProgressKey) {
        this.stream = stream;
        this.context = context;
        this.subRuns = subRuns;
        this.inProgressKey = inProgressKey;
        this.state = new HashMap<>(checkpoint.values());
        Object at = state.remove(AT);
        this.index = at == null ? 0 : Math.max(0, TYPES.indexOf(at.toString()));
    }

    @Override
    public Batch next() {
        while (!done) {
            String type = TYPES.get(index);
            if (current == null) {
                current = subRuns.open(type, new InputContext(context.client(), context.options(),
                        new TypedIdSets(context.idSets(), type)), part(type));
                currentReturned = false;
            }
            Batch b;
            try {
                b = current.next();
            } catch (OktaException e) {
                if (currentReturned || !skippable(e)) {
                    throw e;
                }
                String message = "{}: skipped policy type {}: Okta answered {}{}{}. This org does not have it (no Identity"
                        + " Engine, or the feature is off); its earlier records are kept, not deleted, and the other types"
                        + " are read. Said once; later runs skip it at DEBUG.";
                Object[] args = {stream, type, e.status(), e.errorCode() == null ? "" : " " + e.errorCode(),
                        e.errorSummary() == null ? "" : " (" + e.errorSummary() + ")"};
                if (MissingFeatureLog.first(context.client().orgUrl().toString(), stream, type)) {
                    LOG.warn(message, args);
                } else {
                    LOG.debug(message, args);
                }
                skipped++;
                endType();
                if (done) {
                    return Batch.of(List.of(), checkpoint()); // the last type was skipped: the run is complete
                }
                continue;
            }
            if (b == null) {
                endType();
                continue;
            }
            currentReturned = true;
            state.keySet().removeIf(k -> k.startsWith(type + "."));
            b.checkpoint().values().forEach((k, v) -> state.put(type + "." + k, v));
            if (!b.checkpoint().values().containsKey(inProgressKey)) {
                endType(); // the type's pass is complete: its last batch moves the run on
            }
            return new Batch(b.records(), checkpoint(), b.onCommit());
        }
        return null;
    }

    /**
     * @param e the error of a type's first request
     * @return true when the org does not have that type: 400 (a type this org does not know), 404, and
     *         {@code E0000015} whatever the status (Okta's spec shows it as a 401, orgs also answer it as a 403)
     */
    static boolean skippable(OktaException e) {
        return e instanceof OktaBadRequestException || FeatureGuardedRun.featureMissing(e);
    }

    private void endType() {
        vanished += current.metrics().count(RunMetrics.PARENTS_VANISHED);
        current.close();
        current = null;
        index++;
        done = index == TYPES.size();
    }

    private Checkpoint part(String type) {
        Map<String, Object> values = new HashMap<>();
        String prefix = type + ".";
        state.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                values.put(k.substring(prefix.length()), v);
            }
        });
        return values.isEmpty() ? Checkpoint.empty() : Checkpoint.of(VERSION, values);
    }

    private Checkpoint checkpoint() {
        Map<String, Object> cp = new HashMap<>(state);
        if (!done) {
            cp.put(AT, TYPES.get(index));
        }
        return Checkpoint.of(VERSION, cp);
    }

    /** @return the types skipped so far, and the parents that vanished mid-run in the sub-runs */
    @Override
    public RunMetrics metrics() {
        long v = vanished + (current == null ? 0 : current.metrics().count(RunMetrics.PARENTS_VANISHED));
        return RunMetrics.builder().count(TYPES_SKIPPED, skipped).count(RunMetrics.PARENTS_VANISHED, v).build();
    }

    @Override
    public void wakeup() {
        InputRun c = current;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
