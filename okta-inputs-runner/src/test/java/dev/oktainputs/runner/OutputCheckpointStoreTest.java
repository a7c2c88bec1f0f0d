package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.state.FileCheckpointStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash between the sink's write and the checkpoint's save, replayed on real files: each "process" is a new sink and
 * store on the same directories, and a "kill" is simply not saving the checkpoint (the sink already fsynced).
 */
class OutputCheckpointStoreTest {

    private static final String ORG = "https://acme.okta.com";
    private static final Instant T = Instant.parse("2026-01-02T03:04:05.678Z");
    private static final Map<String, List<String>> STREAMS = Map.of("system_log", List.of("system_log"), "users", List.of("users"));

    @TempDir
    Path dir;

    private Path out() {
        return dir.resolve("out");
    }

    private static List<OktaRecord> events(String... uuids) {
        return java.util.Arrays.stream(uuids)
                .map(u -> OktaRecord.upsert("system_log", u, T, ("{\"uuid\":\"" + u + "\"}").getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    /** One "process": the sink and the store the runner builds, after recovery. */
    private record Process(JsonLinesFileSink sink, OutputCheckpointStore store) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            sink.close();
        }
    }

    private Process start() throws IOException {
        JsonLinesFileSink sink = new JsonLinesFileSink(out());
        OutputCheckpointStore store = new OutputCheckpointStore(new FileCheckpointStore(dir.resolve("state")), sink, STREAMS);
        store.recover(ORG);
        return new Process(sink, store);
    }

    private List<String> keys(String stream) throws IOException {
        return Files.readAllLines(out().resolve(stream + ".jsonl")).stream()
                .map(l -> l.replaceAll(".*\"key\":\"([^\"]+)\".*", "$1")).toList();
    }

    @Test
    void recordsWrittenAfterTheLastCheckpointAreCutOffAtRestartSoTheirReReadIsNoDuplicate() throws IOException {
        Checkpoint first = Checkpoint.of(1, Map.of("next", "/api/v1/logs?after=2", "dedup_gen", 1L));
        try (Process p = start()) {
            p.sink().write(events("e1", "e2"));
            p.store().save(ORG, "system_log", first);
            p.sink().write(events("e3", "e4"));
            // killed here: e3 and e4 are on disk, their checkpoint is not
        }
        try (Process p = start()) {
            assertThat(keys("system_log")).containsExactly("e1", "e2");
            // the input resumes from its own checkpoint, without the runner's keys
            assertThat(p.store().load(ORG, "system_log")).contains(first);
            p.sink().write(events("e3", "e4"));
            p.store().save(ORG, "system_log", Checkpoint.of(1, Map.of("next", "/api/v1/logs?after=4")));
        }
        try (Process p = start()) {
            assertThat(keys("system_log")).containsExactly("e1", "e2", "e3", "e4");
            assertThat(new FileCheckpointStore(dir.resolve("state")).load(ORG, "system_log").orElseThrow().values())
                    .containsEntry(OutputCheckpointStore.KEY_PREFIX + "system_log", Files.size(out().resolve("system_log.jsonl")));
        }
    }

    @Test
    void anInputKilledBeforeItsFirstCheckpointIsCutBackToWhereTheRunStarted() throws IOException {
        Files.createDirectories(out());
        Files.writeString(out().resolve("system_log.jsonl"), "{\"key\":\"kept\"}\n");
        try (Process p = start()) {
            assertThat(p.store().load(ORG, "system_log")).isEmpty();
            p.sink().write(events("e1"));
        }
        try (Process p = start()) {
            assertThat(keys("system_log")).containsExactly("kept");
            assertThat(p.store().load(ORG, "system_log")).as("still no checkpoint of the input").isEmpty();
        }
    }

    @Test
    void aTornLastLineIsCutWithTheRestOfTheUncheckpointedBatch() throws IOException {
        try (Process p = start()) {
            p.sink().write(events("e1"));
            p.store().save(ORG, "system_log", Checkpoint.of(1, Map.of("next", "a")));
        }
        Files.writeString(out().resolve("system_log.jsonl"), "{\"stream\":\"system_log\",\"key\":\"e2\",\"da",
                java.nio.file.StandardOpenOption.APPEND);
        try (Process p = start()) {
            assertThat(keys("system_log")).containsExactly("e1");
        }
    }

    @Test
    void aFileShorterThanItsCheckpointSaysWasRotatedAndIsLeftAlone() throws IOException {
        try (Process p = start()) {
            p.sink().write(events("e1", "e2", "e3"));
            p.store().save(ORG, "system_log", Checkpoint.of(1, Map.of("next", "a")));
        }
        Files.writeString(out().resolve("system_log.jsonl"), "{\"key\":\"new file\"}\n");
        try (Process p = start()) {
            assertThat(keys("system_log")).containsExactly("new file");
        }
        // a replaced file that is longer, but has no line end where the checkpoint says: cutting would tear a line
        long recorded = new FileCheckpointStore(dir.resolve("state")).load(ORG, "system_log").orElseThrow()
                .getLong(OutputCheckpointStore.KEY_PREFIX + "system_log", -1);
        String longLine = "{\"key\":\"replaced\",\"pad\":\"" + "x".repeat((int) recorded) + "\"}\n";
        Files.writeString(out().resolve("system_log.jsonl"), longLine);
        try (Process p = start()) {
            assertThat(Files.readString(out().resolve("system_log.jsonl"))).isEqualTo(longLine);
            // and from now on the checkpoint measures this file: a kill before the next checkpoint cuts back to it
            p.sink().write(events("e9"));
        }
        try (Process p = start()) {
            assertThat(Files.readString(out().resolve("system_log.jsonl"))).isEqualTo(longLine);
            assertThat(p.store().load(ORG, "system_log").orElseThrow().getString("next")).isEqualTo("a");
        }
    }

    @Test
    void checkpointsOfOtherNamesAndSharedStreamsPassThroughUntouched() throws IOException {
        FileCheckpointStore files = new FileCheckpointStore(dir.resolve("state"));
        try (JsonLinesFileSink sink = new JsonLinesFileSink(out())) {
            OutputCheckpointStore store = new OutputCheckpointStore(files, sink,
                    Map.of("a", List.of("shared"), "b", List.of("shared"), "users", List.of("users")));
            store.recover(ORG);
            Checkpoint cp = Checkpoint.of(2, Map.of("last_fire", "2026-01-01T00:00:00Z"));
            store.save(ORG, "users.schedule", cp);
            store.save(ORG, "a", cp);
            assertThat(files.load(ORG, "users.schedule")).contains(cp);
            assertThat(files.load(ORG, "a")).contains(cp);
            store.save(ORG, "users", cp);
            assertThat(files.load(ORG, "users").orElseThrow().values()).containsEntry(OutputCheckpointStore.KEY_PREFIX + "users", 0L);
            assertThat(store.load(ORG, "users")).contains(cp);
        }
    }

    @Test
    void aFailedWriteLeavesNoPartOfTheBatchBehindSoItsRetryIsNoDuplicate() throws IOException {
        Files.createDirectories(out().resolve("broken.jsonl")); // a directory where a file should be: opening it fails
        try (JsonLinesFileSink sink = new JsonLinesFileSink(out())) {
            sink.write(events("e1"));
            OktaRecord broken = OktaRecord.upsert("broken", "x", T, "{}".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> sink.write(List.of(events("e2").get(0), broken))).isInstanceOf(IOException.class);
            sink.write(events("e2"));
        }
        assertThat(keys("system_log")).containsExactly("e1", "e2");
    }
}
