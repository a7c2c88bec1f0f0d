package dev.oktainputs.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Runs one side of a scenario in a fresh JVM ({@link Side}) on this JVM's class path, so that its CPU time, allocations
 * and heap are its own and the fake org (which lives in this JVM) is not counted. The API token goes through the
 * environment, never the command line; the child's output goes to {@code <name>.out.log} / {@code <name>.err.log}.
 */
final class ChildJvm {

    /**
     * What a side's JVM reported.
     *
     * @param exitCode       the process's exit code
     * @param wallNanos      from the child's main() to its end
     * @param cpuNanos       the child process's CPU time, all threads
     * @param allocatedBytes heap bytes allocated by all threads
     * @param peakHeapBytes  sum of the heap pools' peak usage
     * @param maxRssBytes    the process's peak resident set size (Linux {@code VmHWM}), 0 where unknown
     * @param lines          lines the side reported writing, or -1 when it does not say
     * @param startEpochMillis when the child's main() started, by the wall clock (to compare with requests' arrival)
     * @param errLog         the child's standard error
     */
    record Metrics(int exitCode, long wallNanos, long cpuNanos, long allocatedBytes, long peakHeapBytes, long maxRssBytes, long lines,
                   long startEpochMillis, Path errLog) {
        boolean ok() {
            return exitCode == 0 && wallNanos > 0;
        }
    }

    /** The exit code of a JVM stopped by {@code -XX:+ExitOnOutOfMemoryError}. */
    static final int OUT_OF_MEMORY = 3;

    private ChildJvm() {
    }

    /**
     * @param workDir  where the metrics and logs go
     * @param name     a file-name-safe name of the side
     * @param heap     the child's -Xmx, e.g. {@code 1g}
     * @param token    the org's API token (passed as {@code OKTA_API_KEY})
     * @param timeout  how long the side may take before it is killed (and reported failed)
     * @param sideArgs KIND ARGS... for {@link Side}
     * @return what it reported
     */
    static Metrics run(Path workDir, String name, String heap, String token, Duration timeout, List<String> sideArgs)
            throws IOException, InterruptedException {
        return run(workDir, name, heap, token, timeout, Launch.PLAIN, sideArgs);
    }

    /**
     * How a side's JVM is started beyond its heap: JVM options and what goes before this JVM's class path.
     *
     * @param jvmArgs        options, e.g. {@code -XX:SharedArchiveFile=...}
     * @param classPathFirst a class path entry put first (the runner's executable jar), or null
     */
    record Launch(List<String> jvmArgs, Path classPathFirst) {
        static final Launch PLAIN = new Launch(List.of(), null);
    }

    /**
     * @param launch JVM options and class path entry of this side
     * @see #run(Path, String, String, String, Duration, List)
     */
    static Metrics run(Path workDir, String name, String heap, String token, Duration timeout, Launch launch, List<String> sideArgs)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path metrics = workDir.resolve(name + ".metrics.properties");
        Files.deleteIfExists(metrics);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        String extra = System.getenv().getOrDefault("BENCH_CHILD_JVM_ARGS", "").strip(); // e.g. -XX:StartFlightRecording=...
        if (!extra.isEmpty()) {
            cmd.addAll(List.of(extra.split("\\s+")));
        }
        cmd.addAll(launch.jvmArgs());
        cmd.add("-cp");
        String cp = absoluteClassPath(); // the child runs in workDir
        cmd.add(launch.classPathFirst() == null ? cp : launch.classPathFirst().toAbsolutePath() + java.io.File.pathSeparator + cp);
        cmd.add(Side.class.getName());
        cmd.add(metrics.toString());
        cmd.addAll(sideArgs);
        Path err = workDir.resolve(name + ".err.log");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(workDir.toFile())
                .redirectOutput(workDir.resolve(name + ".out.log").toFile())
                .redirectError(err.toFile());
        pb.environment().put("OKTA_API_KEY", token);
        pb.environment().remove("OKTA_INPUTS_LOG");
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            return new Metrics(-1, 0, 0, 0, 0, 0, -1, 0, err);
        }
        int code = p.exitValue();
        if (!Files.exists(metrics)) {
            return new Metrics(code == 0 ? Side.FAILED : code, 0, 0, 0, 0, 0, -1, 0, err);
        }
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(metrics, StandardCharsets.UTF_8)) {
            props.load(r);
        }
        return new Metrics(code, num(props, "wall_nanos"), num(props, "cpu_nanos"), num(props, "allocated_bytes"),
                num(props, "peak_heap_bytes"), num(props, "max_rss_bytes"), Long.parseLong(props.getProperty("lines", "-1")),
                num(props, "start_epoch_millis"), err);
    }

    private static String absoluteClassPath() {
        StringBuilder cp = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                cp.append(cp.length() == 0 ? "" : java.io.File.pathSeparator).append(Path.of(entry).toAbsolutePath());
            }
        }
        return cp.toString();
    }

    private static long num(Properties p, String key) {
        return Long.parseLong(p.getProperty(key, "0"));
    }

    /** @return the number of lines of a file (0 when it does not exist), counted without holding it in memory */
    static long countLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long lines = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }
}
