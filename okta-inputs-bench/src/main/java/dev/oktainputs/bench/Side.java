package dev.oktainputs.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The main class of one measured JVM (one side of one scenario): {@code Side METRICS_FILE KIND ARGS...}.
 *
 * <ul>
 *   <li>{@code okta ARGS} — okta-inputs' CLI, {@code okta-inputs ARGS} (e.g. {@code run --once --config FILE}),
 *       exactly as a user runs it; its exit code is the process's.</li>
 *   <li>{@code sdk-users ORG_URL FILE} — okta-sdk-java listing every user into JSON Lines ({@link SdkUsersSync}).</li>
 *   <li>{@code sdk-logs ORG_URL FILE SINCE} — okta-sdk-java polling the System Log ({@link SdkSystemLogSync}).</li>
 *   <li>{@code floor-users ORG_URL FILE} / {@code floor-logs ORG_URL FILE SINCE} / {@code floor-members ORG_URL FILE
 *       CONCURRENCY} — the same (and the group members fan-out) with the least any client must do ({@link FloorSync}).</li>
 * </ul>
 *
 * The API token comes from the environment variable {@code OKTA_API_KEY}, never from the command line. The figures
 * ({@link ProcessMetrics}) go to METRICS_FILE when the process ends.
 */
public final class Side {

    /** Exit code of a side that failed. */
    static final int FAILED = 1;

    private Side() {
    }

    /**
     * @param args METRICS_FILE KIND ARGS...
     * @throws Exception never caught here: a failed side exits non-zero
     */
    public static void main(String[] args) throws Exception {
        ProcessMetrics metrics = ProcessMetrics.start();
        Path metricsFile = Path.of(args[0]);
        String kind = args[1];
        String[] rest = Arrays.copyOfRange(args, 2, args.length);
        String token = System.getenv("OKTA_API_KEY");
        switch (kind) {
            case "okta":
                // The CLI ends with System.exit: the figures are written on the way out.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> metrics.finish(metricsFile, Map.of()), "bench-metrics-out"));
                dev.oktainputs.runner.Main.main(rest);
                return;
            case "sdk-users":
                exit(metrics, metricsFile, () -> SdkUsersSync.run(rest[0], token, Path.of(rest[1])));
                return;
            case "sdk-logs":
                exit(metrics, metricsFile, () -> SdkSystemLogSync.run(rest[0], token, Path.of(rest[1]), rest[2]));
                return;
            case "floor-users":
                exit(metrics, metricsFile, () -> FloorSync.users(rest[0], token, Path.of(rest[1])));
                return;
            case "floor-logs":
                exit(metrics, metricsFile, () -> FloorSync.logs(rest[0], token, Path.of(rest[1]), rest[2]));
                return;
            case "floor-members":
                exit(metrics, metricsFile, () -> FloorSync.members(rest[0], token, Path.of(rest[1]), Integer.parseInt(rest[2])));
                return;
            default:
                throw new IllegalArgumentException("unknown side " + kind
                        + "; known: okta, sdk-users, sdk-logs, floor-users, floor-logs, floor-members");
        }
    }

    private interface Sync {
        long run() throws Exception;
    }

    private static void exit(ProcessMetrics metrics, Path metricsFile, Sync sync) {
        int code = 0;
        long lines = -1;
        try {
            lines = sync.run();
        } catch (Throwable e) { // an OutOfMemoryError under -Xmx64m is a result too
            System.err.println("side failed: " + e);
            e.printStackTrace();
            code = FAILED;
        }
        metrics.finish(metricsFile, Map.of("lines", Long.toString(lines)));
        System.exit(code);
    }
}
