package dev.oktainputs.core.listing;

import dev.oktainputs.core.Batch;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.RunMetrics;
import dev.oktainputs.core.error.OktaException;
import dev.oktainputs.core.error.OktaNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run of an endpoint some orgs do not have (the Identity Engine's {@code /api/v1/authenticators} or {@code /api/v1/devices}): when its first
 * request answers that the feature is missing ({@link #featureMissing}), the run logs one warning and ends without a
 * batch, so nothing is written and the checkpoint and id set stay as they were (no DELETE for earlier records); the
 * pipeline goes on. Any other error, and any error after the first batch, fails the run as usual.
 */
public final class FeatureGuardedRun implements InputRun {

    /** Metric: 1 when the run found the feature missing. */
    public static final String FEATURE_MISSING = "feature_missing";
    /** Okta's error code for a feature the org does not have (a 401 in Okta's spec, a 403 in some answers). */
    public static final String FEATURE_NOT_ENABLED = "E0000015";
    private static final Logger LOG = LoggerFactory.getLogger(FeatureGuardedRun.class);

    private final String org;
    private final String stream;
    private final InputRun run;
    private boolean returned;
    private boolean missing;

    /**
     * @param org    the org's URL, so the warning is said once per org and input
     * @param stream the input's name, in the warning
     * @param run    the run to guard
     */
    public FeatureGuardedRun(String org, String stream, InputRun run) {
        this.org = org;
        this.stream = stream;
        this.run = run;
    }

    /**
     * @param e an error
     * @return true for Okta's {@code E0000015} ("You do not have permission to access the feature you are
     *         requesting", whatever the status) and for a 404 (the endpoint does not exist in this org)
     */
    public static boolean featureMissing(OktaException e) {
        return FEATURE_NOT_ENABLED.equals(e.errorCode()) || e instanceof OktaNotFoundException;
    }

    @Override
    public Batch next() {
        if (missing) {
            return null;
        }
        try {
            Batch b = run.next();
            returned = true;
            return b;
        } catch (OktaException e) {
            if (returned || !featureMissing(e)) {
                throw e;
            }
            missing = true;
            String message = "{}: this org does not have it: Okta answered {}{}{}. Nothing was read, earlier records are"
                    + " kept; the other inputs run as usual. Said once; later runs skip it at DEBUG.";
            Object[] args = {stream, e.status(), e.errorCode() == null ? "" : " " + e.errorCode(),
                    e.errorSummary() == null ? "" : " (" + e.errorSummary() + ")"};
            if (MissingFeatureLog.first(org, stream, "endpoint")) {
                LOG.warn(message, args);
            } else {
                LOG.debug(message, args);
            }
            return null;
        }
    }

    @Override
    public RunMetrics metrics() {
        return missing ? RunMetrics.builder().count(FEATURE_MISSING, 1).build() : run.metrics();
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
