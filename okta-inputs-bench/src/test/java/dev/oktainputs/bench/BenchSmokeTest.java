package dev.oktainputs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness itself, small: 200 users without latency, the three sides (okta-inputs, the floor client, okta-sdk-java)
 * in their own JVMs. All must write the same 200 users (the floor client byte for byte what okta-inputs writes), and
 * every figure the table shows must have been measured. Timings are not asserted.
 */
class BenchSmokeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    @Test
    void everySideWritesTheSameUsersAndReportsItsFigures() throws Exception {
        Settings settings = Settings.parse(new String[] {"--out", out.toString(), "--users", "200", "--latency-ms", "0", "users"});
        List<String> log = new ArrayList<>();
        List<Row> rows = new Bench(settings).run(log::add);

        assertThat(rows).extracting(Row::side)
                .containsExactly(Sides.OKTA, Sides.OKTA + ", " + Bench.PER_PAGE, Sides.FLOOR, Sides.SDK);
        for (Row r : rows) {
            assertThat(r.ok()).as(r.side() + ": " + r.note() + " " + log).isTrue();
            assertThat(r.records()).isEqualTo(200);
            assertThat(r.requests()).isEqualTo(1); // 200 users = one page of 200
            assertThat(r.rateLimited()).isZero();
            assertThat(r.wallNanos()).isPositive();
            assertThat(r.startupNanos()).isPositive().isLessThan(r.wallNanos());
            assertThat(r.cpuNanos()).isPositive();
            assertThat(r.allocated()).isPositive();
            assertThat(r.peakHeap()).isPositive();
            assertThat(r.maxRss()).isGreaterThan(r.peakHeap() / 4);
        }
        Set<String> okta = keys(out.resolve("users/okta-inputs/out/users.jsonl"));
        Set<String> sdk = keys(out.resolve("users/okta-sdk-java/users.jsonl"));
        assertThat(okta).hasSize(200).isEqualTo(sdk);
        // A batch per page writes the same file as batches of five pages.
        assertThat(Files.readAllLines(out.resolve("users-per-page/okta-inputs/out/users.jsonl")))
                .isEqualTo(Files.readAllLines(out.resolve("users/okta-inputs/out/users.jsonl")));
        // The floor client copies each user's bytes into the same envelope: its file is okta-inputs' file.
        assertThat(Files.readAllLines(out.resolve("users/floor/users.jsonl")))
                .isEqualTo(Files.readAllLines(out.resolve("users/okta-inputs/out/users.jsonl")));

        String table = ResultTable.markdown(rows);
        assertThat(table).startsWith("| scenario | side | wall | startup | floor | wall/floor |")
                .contains("| 1. users full sync | okta-inputs |").contains("| 1. users full sync | okta-sdk-java |")
                .contains("| 1. users full sync | floor |");
        assertThat(table.lines().filter(l -> l.startsWith("| 1. users full sync | okta-inputs |")).findFirst().orElseThrow()
                .split("\\|")[8].strip()).as("CPU ÷ floor client").matches("\\d+\\.\\d\\d");
    }

    @Test
    void theFloorClientsFanOutWritesTheMembershipsOktaInputsWrites() throws Exception {
        Settings settings = Settings.parse(new String[] {"--out", out.toString(), "--groups", "30", "--latency-ms", "0", "--no-sdk", "fanout"});
        assertThat(settings.sdk()).isFalse();
        assertThat(Settings.parse(new String[] {"fanout"}).sdk()).isTrue();
        List<String> log = new ArrayList<>();
        List<Row> rows = new Bench(settings).run(log::add);

        assertThat(rows).extracting(Row::side).containsExactly(Sides.OKTA, Sides.FLOOR);
        for (Row r : rows) {
            assertThat(r.ok()).as(r.side() + ": " + r.note() + " " + log).isTrue();
            assertThat(r.cpuNanos()).isPositive();
        }
        assertThat(rows.get(1).records()).isEqualTo(rows.get(0).records()).isGreaterThan(10_000); // Everyone has them all
        Set<String> okta = edgeKeys(out.resolve("fanout/okta-inputs/out/group_members.jsonl"));
        if (Files.isDirectory(Path.of("/proc/self/task"))) { // where the CPU went, by thread kind (Linux)
            Properties figures = new Properties();
            try (var in = Files.newBufferedReader(out.resolve("fanout/okta-inputs/side.metrics.properties"))) {
                figures.load(in);
            }
            assertThat(figures.stringPropertyNames()).contains("cpu_ms.user", "cpu_ms.system", "cpu_ms.thread.java") // main's
                    .anyMatch(k -> k.startsWith("cpu_ms.thread.C2_Compiler"));
            assertThat(Long.parseLong(figures.getProperty("cpu_ms.user"))).isPositive();
        }
        assertThat(edgeKeys(out.resolve("fanout/floor/group_members.jsonl"))).hasSize((int) rows.get(0).records()).isEqualTo(okta);
    }

    private static Set<String> edgeKeys(Path jsonl) throws Exception {
        Set<String> keys = new TreeSet<>();
        for (String line : Files.readAllLines(jsonl)) {
            JsonNode n = JSON.readTree(line);
            assertThat(n.get("stream").asText()).isEqualTo("group_members");
            assertThat(n.get("key").asText()).isEqualTo(n.get("data").get("groupId").asText() + "/" + n.get("data").get("userId").asText());
            assertThat(n.get("data").get("login").asText()).contains("@");
            keys.add(n.get("key").asText());
        }
        return keys;
    }

    private static Set<String> keys(Path jsonl) throws Exception {
        Set<String> keys = new TreeSet<>();
        for (String line : Files.readAllLines(jsonl)) {
            JsonNode n = JSON.readTree(line);
            assertThat(n.get("stream").asText()).isEqualTo("users");
            assertThat(n.get("data").get("id").asText()).isEqualTo(n.get("key").asText());
            keys.add(n.get("key").asText());
        }
        return keys;
    }
}
