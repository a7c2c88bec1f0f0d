package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputFamilies;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.Inputs;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakeUser;
import dev.oktainputs.testkit.RecordingSink;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 ("kill -9 of {@code run} during a sync, then {@code run} again: no record lost, System Log events not
 * duplicated") and issue 8's crash bullet: the real shaded jar runs as a child JVM against a fake org on loopback and
 * is killed with SIGKILL at seeded random points, 10 times, while the org keeps changing; then a run completes.
 *
 * <p>Nothing here blocks on the child's pipes (they go to files) and every wait has a deadline. Kill points are
 * counted in requests the fake server received from the child, so they fall in the middle of syncs whatever the
 * machine's speed. Reproduce a failure with {@code -Dokta.crash.seed=N} (the seed is in every failure message).
 */
class RunnerCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KILLS = 10;
    private static final int MAX_ATTEMPTS = 40;
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(180);   // a hang guard, not a speed goal: CI is 2 loaded cores
    private static final List<String> INPUTS = InputFamilies.discover().all().values().stream().flatMap(List::stream).map(i -> i.name()).toList();

    @TempDir
    Path tempDir;

    /** {@code -Dokta.crash.dir=DIR} keeps the config, output, state and the children's logs there for a look. */
    private Path dir;

    private final long seed = Long.getLong("okta.crash.seed", 20261123L);
    private final List<Path> logs = new ArrayList<>();
    private final List<Process> children = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void noChildOutlivesTheTest() throws InterruptedException {
        for (Process p : children) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void killNineAtRandomPointsLosesNoRecordAndDuplicatesNoSystemLogEvent() throws Exception {
        dir = System.getProperty("okta.crash.dir") != null ? Files.createDirectories(Path.of(System.getProperty("okta.crash.dir")))
                : tempDir;
        Random random = new Random(seed);
        Clock clock = Clock.systemUTC();
        FakeOrg org = FakeOrg.builder().seed(seed).users(3000).clock(clock)
                .directory(DirectoryShape.of(80, 25, 30, 25).withAdmins(15).withAdminGroups(3).withCustomRoles(4).withApiTokens(8))
                .build();
        org.systemLog().generate(4000, Duration.ofMinutes(30));
        try (FakeOktaServer server = FakeOktaServer.builder(org).clock(clock).start()) {
            server.latency(Duration.ofMillis(4));
            // The buckets' 60 s windows run on the real clock here: a budget the runs never exhaust keeps the governor
            // from waiting for a window to reset (rate limiting has its own tests).
            server.defaultRateLimit(1_000_000);
            Path config = writeConfig(server);

            int kills = 0;
            List<String> killedAt = new ArrayList<>();
            for (int attempt = 0; kills < KILLS; attempt++) {
                assertThat(attempt).as(msg("attempts to kill the runner mid-sync; kills so far " + killedAt)).isLessThan(MAX_ATTEMPTS);
                int before = server.requestCount();
                // Half the kill points are a random number of requests into the run; the other half come the moment a
                // System Log batch lands in the output, between the sink's write and the checkpoint's save when the
                // timing allows: the window where a crash used to leave duplicates.
                boolean afterWrite = random.nextBoolean();
                int after = 1 + random.nextInt(attempt < 3 ? 120 : 40);
                Path events = dir.resolve("out/system_log.jsonl");
                long eventBytes = Files.exists(events) ? Files.size(events) : 0;
                long t0 = System.nanoTime();
                Process child = start(config, "run-" + attempt, server.apiToken());
                boolean reached = afterWrite ? awaitGrowth(events, eventBytes, child) : awaitRequests(server, before + after, child);
                System.out.printf("run %d: %s after %d requests (kill point %s), %d ms%n", attempt, reached ? "killed" : "exited",
                        server.requestCount() - before, afterWrite ? "system_log write" : after + " requests",
                        (System.nanoTime() - t0) / 1_000_000);
                if (reached) {
                    child.destroyForcibly();
                    awaitExit(child);
                    kills++;
                    killedAt.add("run " + attempt + " after " + (afterWrite ? "a System Log write" : (server.requestCount() - before) + " requests"));
                } else {
                    assertThat(child.exitValue()).as(msg("a run that was not killed exits 0")).isZero();
                }
                assertStateParses();
                assertOutputParses(false);
                changeTheOrg(org, random);
            }

            // A run that completes the interrupted passes, then one more: a pass that was interrupted (or merely slow)
            // misses changes behind its cursor by design; the next incremental run, which reads from the pass's start,
            // picks them up. Without crashes the same two runs are needed, so this is what "no record lost" means.
            for (String name : List.of("final", "catch-up")) {
                long t0 = System.nanoTime();
                Process last = start(config, name, server.apiToken());
                awaitExit(last);
                System.out.printf("%s run: exit %d, %d ms%n", name, last.exitValue(), (System.nanoTime() - t0) / 1_000_000);
                assertThat(last.exitValue()).as(msg("the " + name + " run's exit code")).isZero();
            }
            assertStateParses();
            assertOutputParses(true);
            assertThat(logs.stream().map(RunnerCrashIT::read)).as(msg("no run reported a failure or showed the API token"))
                    .noneMatch(l -> l.contains("run failed") || l.contains("Exception") || l.contains(server.apiToken()));

            // Every problem at once, so one failing run shows all that went wrong.
            List<String> problems = new ArrayList<>();
            Map<String, Map<String, JsonNode>> expected = embeddedFullSync(server);
            Map<String, Map<String, JsonNode>> written = foldOutput();
            for (String stream : INPUTS) {
                compare(stream, expected.get(stream), written.getOrDefault(stream, Map.of()), problems);
            }
            if (!expected.get("users").keySet().equals(org.users().stream().map(FakeUser::id).collect(Collectors.toSet()))) {
                problems.add("users: the embedded sync does not list the org's users");
            }
            if (!expected.get("system_log").keySet().equals(new TreeSet<>(org.systemLog().uuids()))) {
                problems.add("system_log: the embedded sync does not list the org's events");
            }
            Map<String, Integer> uuidCounts = new TreeMap<>();
            for (JsonNode line : lines(dir.resolve("out/system_log.jsonl"))) {
                uuidCounts.merge(line.get("key").asText(), 1, Integer::sum);
            }
            Map<String, Integer> duplicated = uuidCounts.entrySet().stream().filter(e -> e.getValue() > 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
            if (!duplicated.isEmpty()) {
                problems.add("system_log: " + duplicated.size() + " events written more than once (uuid -> count): "
                        + first(duplicated.entrySet().stream().map(Object::toString).toList()));
            }
            if (!problems.isEmpty()) {
                fail(msg("kills: " + killedAt + "\n" + String.join("\n", problems)));
            }
        }
    }

    // ---- the child ----

    private Path writeConfig(FakeOktaServer server) throws IOException {
        String yaml = "org_url: " + server.orgUrl() + "\n"
                + "auth:\n  api_key: ${OKTA_API_KEY}\n"
                + "inputs:\n"
                + "  users: { page_size: 100 }\n"
                + "  groups: { groups_page_size: 20 }\n"
                + "  apps: { page_size: 10 }\n"
                + "  system_log: { lookback: PT2H, page_size: 100 }\n"
                + "  roles: {}\n"
                + "  api_tokens: {}\n"
                + "sink:\n  type: file\n  path: " + dir.resolve("out") + "\n"
                + "state_dir: " + dir.resolve("state") + "\n"
                + "http:\n  max_concurrent: 6\n";
        Path f = dir.resolve("okta.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private Process start(Path config, String name, String apiToken) throws IOException {
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
        pb.environment().put("OKTA_API_KEY", apiToken);
        Process p = pb.start();
        children.add(p);
        return p;
    }

    /** @return true when the child made {@code target} requests in all, false when it exited before */
    private boolean awaitRequests(FakeOktaServer server, int target, Process child) throws InterruptedException {
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
    private boolean awaitGrowth(Path file, long size, Process child) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
        while (!Files.exists(file) || Files.size(file) <= size) {
            if (child.waitFor(1, TimeUnit.MILLISECONDS)) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                child.destroyForcibly();
                fail(msg("the runner wrote no System Log event for " + RUN_DEADLINE));
            }
        }
        return true;
    }

    private void awaitExit(Process child) throws InterruptedException {
        if (!child.waitFor(RUN_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            child.destroyForcibly();
            fail(msg("the runner did not exit within " + RUN_DEADLINE));
        }
    }

    // ---- the org changes a little between runs ----

    private static void changeTheOrg(FakeOrg org, Random random) {
        org.systemLog().append(20 + random.nextInt(150));
        org.addUsers(1);
        List<FakeUser> active = org.users().stream().filter(u -> u.status().equals("ACTIVE")).toList();
        org.deprovisionUser(active.get(random.nextInt(active.size())).id());
        org.updateUsers(2);
        org.directory().removeRandomMemberships(1);
    }

    // ---- what is on disk ----

    /** Every checkpoint parses as JSON with a version and values; every id set is a complete gzip stream. */
    private void assertStateParses() throws IOException {
        Path state = dir.resolve("state");
        if (!Files.isDirectory(state)) {
            return;
        }
        try (Stream<Path> files = Files.walk(state)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp")) {
                    continue; // an atomic write's temp file, never read
                }
                if (name.endsWith(".checkpoint.json")) {
                    try {
                        JsonNode root = JSON.readTree(f.toFile());
                        assertThat(root.path("version").isInt() && root.path("values").isObject())
                                .as(msg(f + " holds a checkpoint: " + root)).isTrue();
                    } catch (IOException e) {
                        fail(msg("checkpoint " + f + " is torn: " + e.getMessage()));
                    }
                } else if (name.endsWith(".gz")) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                        in.readAllBytes();
                    } catch (IOException e) {
                        fail(msg("id set " + f + " is torn: " + e.getMessage()));
                    }
                }
            }
        }
    }

    /**
     * Every complete line of every output file is one JSON record. After a kill the last line may lack its newline (it
     * was being written); after a completed run it may not.
     */
    private void assertOutputParses(boolean complete) throws IOException {
        Path out = dir.resolve("out");
        if (!Files.isDirectory(out)) {
            return;
        }
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                byte[] bytes = Files.readAllBytes(f);
                String text = new String(bytes, StandardCharsets.UTF_8);
                boolean torn = bytes.length > 0 && bytes[bytes.length - 1] != '\n';
                if (complete) {
                    assertThat(torn).as(msg(f + " ends with a torn line")).isFalse();
                }
                String[] ls = text.split("\n", -1);
                for (int i = 0; i < ls.length - 1; i++) {
                    try {
                        JSON.readTree(ls[i]);
                    } catch (IOException e) {
                        fail(msg(f + " line " + (i + 1) + " is not JSON: " + e.getMessage()));
                    }
                }
            }
        }
    }

    private List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            nodes.add(JSON.readTree(l));
        }
        return nodes;
    }

    /** The output replayed per stream: upsert puts the key's data, delete removes the key. */
    private Map<String, Map<String, JsonNode>> foldOutput() throws IOException {
        Map<String, Map<String, JsonNode>> state = new HashMap<>();
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            for (Path f : files.toList()) {
                for (JsonNode line : lines(f)) {
                    Map<String, JsonNode> s = state.computeIfAbsent(line.get("stream").asText(), k -> new HashMap<>());
                    if (line.get("op").asText().equals("delete")) {
                        s.remove(line.get("key").asText());
                    } else {
                        s.put(line.get("key").asText(), line.get("data"));
                    }
                }
            }
        }
        return state;
    }

    /** What every input reads from the org now, through the embedded API: the oracle. */
    private static Map<String, Map<String, JsonNode>> embeddedFullSync(FakeOktaServer server) throws IOException {
        Map<String, Map<String, JsonNode>> expected = new LinkedHashMap<>();
        try (OktaClient client = server.clientBuilder().build()) {
            for (String name : INPUTS) {
                OktaInput input = Inputs.byName(name);
                RecordingSink sink = new RecordingSink();
                InputRunner.runOnce(input, InputContext.withDefaults(client, input), sink, new InMemoryCheckpointStore());
                for (OktaRecord r : sink.records()) {
                    Map<String, JsonNode> s = expected.computeIfAbsent(r.stream(), k -> new HashMap<>());
                    if (r.op() == OktaRecord.Op.DELETE) {
                        s.remove(r.key());
                    } else {
                        s.put(r.key(), JSON.readTree(r.jsonString()));
                    }
                }
                expected.putIfAbsent(name, new HashMap<>());
            }
        }
        return expected;
    }

    private static void compare(String stream, Map<String, JsonNode> orgContent, Map<String, JsonNode> output, List<String> problems) {
        // By design the groups input follows a group's lastUpdated (its profile), not lastMembershipUpdated, which
        // group_members follows: a group record may carry an older lastMembershipUpdated than the org's.
        boolean groups = stream.equals("groups");
        Map<String, JsonNode> expected = groups ? withoutField(orgContent, "lastMembershipUpdated") : orgContent;
        Map<String, JsonNode> written = groups ? withoutField(output, "lastMembershipUpdated") : output;
        Set<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(written.keySet());
        Set<String> extra = new TreeSet<>(written.keySet());
        extra.removeAll(expected.keySet());
        List<String> stale = expected.keySet().stream().filter(written::containsKey)
                .filter(k -> !expected.get(k).equals(written.get(k))).sorted().toList();
        if (!missing.isEmpty() || !extra.isEmpty() || !stale.isEmpty()) {
            problems.add(stream + ": the output does not hold the org's content (" + expected.size() + " keys expected). Missing "
                    + missing.size() + " " + first(missing) + ", not in the org " + extra.size() + " " + first(extra)
                    + ", older than the org " + stale.size() + " " + first(stale));
        }
    }

    private static Map<String, JsonNode> withoutField(Map<String, JsonNode> records, String field) {
        Map<String, JsonNode> copy = new HashMap<>();
        records.forEach((k, v) -> {
            JsonNode c = v.deepCopy();
            if (c.isObject()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) c).remove(field);
            }
            copy.put(k, c);
        });
        return copy;
    }

    private static List<String> first(java.util.Collection<String> keys) {
        return keys.stream().limit(5).toList();
    }

    /** A message with the seed and the tail of the last child's log. */
    private String msg(String what) {
        String tail = logs.isEmpty() ? "" : read(logs.get(logs.size() - 1));
        tail = tail.length() > 3000 ? tail.substring(tail.length() - 3000) : tail;
        return what + " [seed " + seed + "; -Dokta.crash.seed=" + seed + " reproduces]"
                + (logs.isEmpty() ? "" : "\n--- tail of " + logs.get(logs.size() - 1) + " ---\n" + tail);
    }

    private static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
