package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktainputs.core.InputFamilies;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakeUser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
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
    private static final List<String> INPUTS = InputFamilies.discover().all().values().stream().flatMap(List::stream).map(i -> i.name()).toList();

    @TempDir
    Path tempDir;

    /** {@code -Dokta.crash.dir=DIR} keeps the config, output, state and the children's logs there for a look. */
    private Path dir;

    private final long seed = Long.getLong("okta.crash.seed", 20261123L);
    private CrashHarness children;

    @org.junit.jupiter.api.AfterEach
    void noChildOutlivesTheTest() throws InterruptedException {
        if (children != null) {
            children.close();
        }
    }

    @Test
    void killNineAtRandomPointsLosesNoRecordAndDuplicatesNoSystemLogEvent() throws Exception {
        dir = CrashHarness.dir(tempDir, null);
        Random random = new Random(seed);
        Clock clock = Clock.systemUTC();
        FakeOrg org = FakeOrg.builder().seed(seed).users(3000).clock(clock)
                .directory(DirectoryShape.of(80, 25, 30, 25).withAdmins(15).withAdminGroups(3).withCustomRoles(4).withApiTokens(8))
                .build();
        org.systemLog().generate(4000, Duration.ofMinutes(30));
        try (FakeOktaServer server = FakeOktaServer.builder(org).clock(clock).start()) {
            children = new CrashHarness(dir, seed, Map.of("OKTA_API_KEY", server.apiToken()));
            server.latency(Duration.ofMillis(4));
            // The buckets' 60 s windows run on the real clock here: a budget the runs never exhaust keeps the governor
            // from waiting for a window to reset (rate limiting has its own tests).
            server.defaultRateLimit(1_000_000);
            Path config = writeConfig(server);

            int kills = 0;
            List<String> killedAt = new ArrayList<>();
            for (int attempt = 0; kills < KILLS; attempt++) {
                assertThat(attempt).as(children.msg("attempts to kill the runner mid-sync; kills so far " + killedAt)).isLessThan(MAX_ATTEMPTS);
                int before = server.requestCount();
                // Half the kill points are a random number of requests into the run; the other half come the moment a
                // System Log batch lands in the output, between the sink's write and the checkpoint's save when the
                // timing allows: the window where a crash used to leave duplicates.
                boolean afterWrite = random.nextBoolean();
                int after = 1 + random.nextInt(attempt < 3 ? 120 : 40);
                Path events = dir.resolve("out/system_log.jsonl");
                long eventBytes = Files.exists(events) ? Files.size(events) : 0;
                long t0 = System.nanoTime();
                Process child = children.start(config, "run-" + attempt);
                boolean reached = afterWrite ? children.awaitGrowth(events, eventBytes, child) : children.awaitRequests(server, before + after, child);
                System.out.printf("run %d: %s after %d requests (kill point %s), %d ms%n", attempt, reached ? "killed" : "exited",
                        server.requestCount() - before, afterWrite ? "system_log write" : after + " requests",
                        (System.nanoTime() - t0) / 1_000_000);
                if (reached) {
                    child.destroyForcibly();
                    children.awaitExit(child);
                    kills++;
                    killedAt.add("run " + attempt + " after " + (afterWrite ? "a System Log write" : (server.requestCount() - before) + " requests"));
                } else {
                    assertThat(child.exitValue()).as(children.msg("a run that was not killed exits 0")).isZero();
                }
                assertStateParses();
                assertOutputParses(false);
                CrashHarness.changeTheOrg(org, random);
            }

            // A run that completes the interrupted passes, then one more: a pass that was interrupted (or merely slow)
            // misses changes behind its cursor by design; the next incremental run, which reads from the pass's start,
            // picks them up. Without crashes the same two runs are needed, so this is what "no record lost" means.
            for (String name : List.of("final", "catch-up")) {
                long t0 = System.nanoTime();
                Process last = children.start(config, name);
                children.awaitExit(last);
                System.out.printf("%s run: exit %d, %d ms%n", name, last.exitValue(), (System.nanoTime() - t0) / 1_000_000);
                assertThat(last.exitValue()).as(children.msg("the " + name + " run's exit code")).isZero();
            }
            assertStateParses();
            assertOutputParses(true);
            assertThat(children.logs()).as(children.msg("no run reported a failure or showed the API token"))
                    .noneMatch(l -> l.contains("run failed") || l.contains("Exception") || l.contains(server.apiToken()));

            // Every problem at once, so one failing run shows all that went wrong.
            List<String> problems = new ArrayList<>();
            Map<String, Map<String, JsonNode>> expected = OrgTruth.fullSync(server, INPUTS);
            Map<String, Map<String, JsonNode>> written = foldOutput();
            for (String stream : INPUTS) {
                OrgTruth.compare(stream, expected.get(stream), written.getOrDefault(stream, Map.of()), problems);
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
                        + OrgTruth.first(duplicated.entrySet().stream().map(Object::toString).toList()));
            }
            if (!problems.isEmpty()) {
                fail(children.msg("kills: " + killedAt + "\n" + String.join("\n", problems)));
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
                                .as(children.msg(f + " holds a checkpoint: " + root)).isTrue();
                    } catch (IOException e) {
                        fail(children.msg("checkpoint " + f + " is torn: " + e.getMessage()));
                    }
                } else if (name.endsWith(".gz")) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                        in.readAllBytes();
                    } catch (IOException e) {
                        fail(children.msg("id set " + f + " is torn: " + e.getMessage()));
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
                    assertThat(torn).as(children.msg(f + " ends with a torn line")).isFalse();
                }
                String[] ls = text.split("\n", -1);
                for (int i = 0; i < ls.length - 1; i++) {
                    try {
                        JSON.readTree(ls[i]);
                    } catch (IOException e) {
                        fail(children.msg(f + " line " + (i + 1) + " is not JSON: " + e.getMessage()));
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
}
