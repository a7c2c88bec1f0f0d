package dev.oktainputs.core.listing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Says once per process that an org lacks a feature: the first run that meets it logs a warning with the fix; later
 * runs (every cron fire) log at DEBUG and still count it in their metrics.
 */
public final class MissingFeatureLog {

    private static final Set<String> SAID = ConcurrentHashMap.newKeySet();

    private MissingFeatureLog() {
    }

    /**
     * @param org    the org
     * @param stream the input
     * @param what   what it lacks, e.g. a policy type
     * @return true the first time this process meets it
     */
    public static boolean first(String org, String stream, String what) {
        return SAID.add(org + " " + stream + " " + what);
    }
}
