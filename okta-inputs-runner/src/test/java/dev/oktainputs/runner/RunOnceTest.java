package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.Inputs;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeOkta;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordingSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@FakeOkta(users = 1200, seed = 5)
class RunOnceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path config(FakeOktaServer okta, String sink) throws IOException {
        return Cli.write(dir, "okta.yaml", "org_url: " + okta.orgUrl() + "\n"
                + "auth:\n  api_key: ${OKTA_API_KEY}\n"
                + "inputs:\n  users: { cron: \"*/30 * * * *\", page_size: 100 }\n"
                + sink
                + "state_dir: ./state\n");
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + l, e);
            }
        }).collect(Collectors.toList());
    }

    @Test
    void runOnceWritesTheSameRecordsAsTheEmbeddedApi(FakeOktaServer okta, FakeOrg org) throws Exception {
        Path config = config(okta, "sink:\n  type: file\n  path: ./out\n");
        Cli.Result r = Cli.run(Map.of("OKTA_API_KEY", okta.apiToken()), "run", "--once", "--config", config.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("[users] run done").contains(": 2 batches, 1200 records");   // 12 pages of 100: 10 + 2 (batch_max_records 1000)

        RecordingSink embedded = new RecordingSink();
        try (OktaClient client = okta.clientBuilder().build()) {
            OktaInput users = Inputs.byName("users");
            InputRunner.runOnce(users, InputContext.withDefaults(client, users), embedded, new InMemoryCheckpointStore());
        }
        List<JsonNode> written = lines(dir.resolve("out/users.jsonl"));
        assertThat(written).hasSize(embedded.records().size());
        Map<String, String> expected = embedded.records().stream().collect(Collectors.toMap(OktaRecord::key, OktaRecord::jsonString));
        for (JsonNode line : written) {
            assertThat(line.fieldNames()).toIterable().containsExactly("stream", "op", "key", "ts", "labels", "data");
            assertThat(line.get("stream").asText()).isEqualTo("users");
            assertThat(line.get("op").asText()).isEqualTo("upsert");
            assertThat(line.get("labels").isObject()).isTrue();
            assertThat(JSON.readTree(expected.get(line.get("key").asText()))).isEqualTo(line.get("data"));
        }
        // The checkpoint is in state_dir: a second run is incremental and finds nothing new.
        Cli.Result again = Cli.run(Map.of("OKTA_API_KEY", okta.apiToken()), "run", "--once", "--config", config.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(lines(dir.resolve("out/users.jsonl"))).hasSize(1200);
        assertThat(Files.list(dir.resolve("state")).findFirst()).isPresent();
    }

    @Test
    void stdoutSinkWritesJsonLinesToStandardOutputOnly(FakeOktaServer okta) throws Exception {
        Path config = config(okta, "sink:\n  type: stdout\n");
        Cli.Result r = Cli.run(Map.of("OKTA_API_KEY", okta.apiToken()), "run", "--once", "--config", config.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(1200).allSatisfy(l -> assertThat(JSON.readTree(l).get("key").asText()).startsWith("00u"));
        assertThat(r.err()).doesNotContain("\"data\"");
    }

    @Test
    void aParentDeletedMidRunIsCountedInTheSummaryAndTheRunSucceeds(FakeOktaServer okta, FakeOrg org) throws Exception {
        org.directory().generate(DirectoryShape.of(5, 5, 0, 0).withAdmins(10));
        String admin = org.directory().roles().assignmentKeys().stream().map(k -> k.substring(0, k.indexOf('/')))
                .filter(id -> id.startsWith("00u")).sorted().findFirst().orElseThrow();
        okta.deleteRightAfterListing(admin); // deleted right after /api/v1/iam/assignees/users showed it
        Path config = Cli.write(dir, "okta.yaml", "org_url: " + okta.orgUrl() + "\n"
                + "auth:\n  api_key: ${OKTA_API_KEY}\n"
                + "inputs:\n  roles: {}\n"
                + "sink:\n  type: file\n  path: ./out\n"
                + "state_dir: ./state\n");
        Cli.Result r = Cli.run(Map.of("OKTA_API_KEY", okta.apiToken()), "run", "--once", "--config", config.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).containsPattern("\\[role_assignments\\] run done in .*, 1 parent vanished mid-run \\(edges deleted\\)")
                .doesNotContain("run failed");
        assertThat(r.err().lines().filter(l -> l.startsWith("[custom_roles] run done"))).singleElement()
                .satisfies(l -> assertThat(l).doesNotContain("vanished"));
    }

    @Test
    void badCredentialsExitTwoWithoutEchoingTheToken(FakeOktaServer okta) throws Exception {
        String wrong = "00wrongTokenWrongTokenWrongToken0000000000";
        Path config = config(okta, "");
        Cli.Result r = Cli.run(Map.of("OKTA_API_KEY", wrong), "run", "--once", "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("E0000011").doesNotContain(wrong).doesNotContain("\tat ");
    }

    @Test
    void aServerThatIsDownIsARuntimeFailureExitOne(FakeOktaServer okta) throws Exception {
        Path config = config(okta, "http:\n  max_attempts: 1\n");
        okta.enqueueFault(dev.oktainputs.testkit.Fault.status(503));
        Cli.Result r = Cli.run(Map.of("OKTA_API_KEY", okta.apiToken()), "run", "--once", "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("run failed").contains("E0000009");
    }
}
