package dev.oktainputs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The start of {@code ./okta-inputs}: the runner's executable jar ({@code okta-inputs-runner/target/okta-inputs.jar},
 * passed as {@code -Dbench.runnerJar}) with a JDK 17 AppCDS archive made the way the launcher makes it — one short
 * demo run with {@code -XX:DumpLoadedClassList}, then a static archive of those classes ({@code -Xshare:dump}). A side
 * started with it has the jar first on its class path (the archive's classes are only used when the class path starts
 * with the jar it was made from), and the launcher's JVM options ({@code okta-inputs-runner/jvm.options}).
 */
final class LauncherArchive {

    private LauncherArchive() {
    }

    /**
     * @param dir     where the archive and the training run's output go (made afresh)
     * @param timeout how long the training run may take
     * @return how to start a side the launcher's way, or null (said on standard error) when the jar is missing or
     *         the archive could not be made
     */
    static ChildJvm.Launch make(Path dir, Duration timeout) throws IOException, InterruptedException {
        String jarProperty = System.getProperty("bench.runnerJar");
        Path jar = jarProperty == null ? null : Path.of(jarProperty).toAbsolutePath().normalize();
        if (jar == null || !Files.isRegularFile(jar)) {
            System.err.println("bench: no runner jar (-Dbench.runnerJar=" + jarProperty + "); the startup scenario runs without"
                    + " the launcher's row. Fix: mvn -B -pl okta-inputs-bench -am verify -Pbench");
            return null;
        }
        Sides.fresh(dir);
        Path archive = dir.resolve("okta-inputs.jsa");
        List<String> quiet = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        Path classes = dir.resolve("classes.lst");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        boolean made = step(dir, timeout, "training", java, "-XX:DumpLoadedClassList=" + classes, quiet.get(0), quiet.get(1),
                "-jar", jar.toString(), "demo", "--for", "PT3S", "--users", "300", "--out", dir.resolve("demo").toString())
                && step(dir, timeout, "dump", java, "-Xshare:dump", "-XX:SharedClassListFile=" + classes,
                        "-XX:SharedArchiveFile=" + archive, "-cp", jar.toString());
        if (!made || !Files.isRegularFile(archive)) {
            System.err.println("bench: the class-data sharing archive could not be made (see " + dir.resolve("training.err.log")
                    + " and dump.err.log); the startup scenario runs without the launcher's row");
            return null;
        }
        List<String> options = launcherOptions();
        if (options == null) {
            System.err.println("bench: no launcher JVM options file (-Dbench.launcherOptions="
                    + System.getProperty("bench.launcherOptions") + "); the launcher's rows are left out."
                    + " Fix: mvn -B -pl okta-inputs-bench -am verify -Pbench");
            return null;
        }
        List<String> jvmArgs = new ArrayList<>(options);
        jvmArgs.addAll(List.of("-XX:SharedArchiveFile=" + archive, quiet.get(0), quiet.get(1)));
        return new ChildJvm.Launch(List.copyOf(jvmArgs), jar);
    }

    /**
     * The JVM options {@code ./okta-inputs} starts the runner with: the lines of {@code okta-inputs-runner/jvm.options}
     * (passed as {@code -Dbench.launcherOptions}) but comments and blank ones, as the launcher reads them; null when
     * that file is not given.
     */
    private static List<String> launcherOptions() throws IOException {
        String file = System.getProperty("bench.launcherOptions");
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            return null;
        }
        return Files.readAllLines(Path.of(file)).stream().filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** Runs one step of making the archive; its output goes to {@code <name>.out.log} / {@code <name>.err.log}. */
    private static boolean step(Path dir, Duration timeout, String name, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out.log").toFile())
                .redirectError(dir.resolve(name + ".err.log").toFile());
        pb.environment().remove("OKTA_INPUTS_LOG");
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            return false;
        }
        return p.exitValue() == 0;
    }
}
