package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakeUser;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The kill -9 tests' child JVMs ({@link RunnerCrashIT}, {@link DbCrashIT}): starts the real shaded jar's
 * {@code run --once} with its output in a log file, waits with deadlines (never on the child's pipes), and builds
 * failure messages that carry the seed and the last child's log. Close it to kill what is still running.
 */
final class CrashHarness implements AutoCloseable {

    /** A hang guard, not a speed goal: CI is 2 loaded cores. */
    static final Duration RUN_DEADLINE = Duration.ofSeconds(180);

    private final Path dir;
    private final long seed;
    private final Map<String, String> env;
    private final List<Path> logs = new ArrayList<>();
    private final List<Process> children = new ArrayList<>();

    /**
     * @param dir  the children's working directory, where their logs go
     * @param seed the seed the failure messages name
     * @param env  the children's environment (the API key, a database password)
     */
    CrashHarness(Path dir, long seed, Map<String, String> env) {
        this.dir = dir;
        this.seed = seed;
        this.env = env;
    }

    /** {@code -Dokta.crash.dir=DIR} (plus {@code sub}, when given) keeps the files there for a look; else {@code temp}. */
    static Path dir(Path temp, String sub) throws IOException {
        String kept = System.getProperty("okta.crash.dir");
        if (kept == null) {
            return temp;
        }
        return Files.createDirectories(sub == null ? Path.of(kept) : Path.of(kept).resolve(sub));
    }

    Process start(Path config, String name) throws IOException {
        String jar = System.getProperty("okta.inputs.jar", "target/okta-inputs.jar");
        assertThat(Path.of(jar)).as("the shaded jar (built by `package` before failsafe runs)").isRegularFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve(name + ".log");
        logs.add(log);
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar,
                "run", "--once", "--config", config.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        children.add(p);
        return p;
    }

    /** @return true when the child made {@code target} requests in all, false when it exited before */
    boolean awaitRequests(FakeOktaServer server, int target, Process child) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
        while (server.requestCount() < target) {
            if (child.waitFor(2, TimeUnit.MILLISECONDS)) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                child.destroyForcibly();
                fail(msg("the runner made no progress for " + RUN_DEADLINE + " (" + server.requestCount() + " of " + target
                        + " requests)"));
            }
        }
        return true;
    }

    /** @return true when {@code file} grew past {@code size}, false when the child exited before */
    boolean awaitGrowth(Path file, long size, Process child) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
        while (!Files.exists(file) || Files.size(file) <= size) {
            if (child.waitFor(1, TimeUnit.MILLISECONDS)) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                child.destroyForcibly();
                fail(msg("the runner wrote nothing to " + file.getFileName() + " for " + RUN_DEADLINE));
            }
        }
        return true;
    }

    void awaitExit(Process child) throws InterruptedException {
        if (!child.waitFor(RUN_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            child.destroyForcibly();
            fail(msg("the runner did not exit within " + RUN_DEADLINE));
        }
    }

    /** @return every child's log so far */
    List<String> logs() {
        return logs.stream().map(CrashHarness::read).toList();
    }

    /** A message with the seed and the tail of the last child's log. */
    String msg(String what) {
        String tail = logs.isEmpty() ? "" : read(logs.get(logs.size() - 1));
        tail = tail.length() > 3000 ? tail.substring(tail.length() - 3000) : tail;
        return what + " [seed " + seed + "; -Dokta.crash.seed=" + seed + " reproduces]"
                + (logs.isEmpty() ? "" : "\n--- tail of " + logs.get(logs.size() - 1) + " ---\n" + tail);
    }

    /** The org changes a little between runs: events, a new user, a deprovisioned one, updates, a membership gone. */
    static void changeTheOrg(FakeOrg org, Random random) {
        org.systemLog().append(20 + random.nextInt(150));
        org.addUsers(1);
        List<FakeUser> active = org.users().stream().filter(u -> u.status().equals("ACTIVE")).toList();
        org.deprovisionUser(active.get(random.nextInt(active.size())).id());
        org.updateUsers(2);
        org.directory().removeRandomMemberships(1);
    }

    private static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : children) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
