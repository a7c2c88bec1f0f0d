package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.api.OktaRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05.678Z");

    @Test
    void envelopeCarriesOktasJsonVerbatim() {
        OktaRecord r = OktaRecord.upsert("users", "00u1", T,
                "{\"id\":\"00u1\",\"profile\":{\"n\":1.50,\"x\":\"é\"}}".getBytes(StandardCharsets.UTF_8)).withLabels(Map.of("team", "it"));
        assertThat(JsonLines.line(r)).isEqualTo("{\"stream\":\"users\",\"op\":\"upsert\",\"key\":\"00u1\",\"ts\":\"2026-01-02T03:04:05.678Z\","
                + "\"labels\":{\"team\":\"it\"},\"data\":{\"id\":\"00u1\",\"profile\":{\"n\":1.50,\"x\":\"é\"}}}\n");
    }

    @Test
    void deletesHaveNullDataAndPrettyJsonStaysOnOneLine() {
        assertThat(JsonLines.line(OktaRecord.delete("users", "00u1", T)))
                .isEqualTo("{\"stream\":\"users\",\"op\":\"delete\",\"key\":\"00u1\",\"ts\":\"2026-01-02T03:04:05.678Z\",\"labels\":{},\"data\":null}\n");
        String line = JsonLines.line(OktaRecord.upsert("users", "k", T, "{\n  \"a\": \"line\\nbreak\"\r\n}".getBytes(StandardCharsets.UTF_8)));
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        assertThat(line).contains("\"line\\nbreak\"");
    }

    @Test
    void fileSinkAppendsOneFilePerStream(@TempDir Path dir) throws Exception {
        try (JsonLinesFileSink sink = new JsonLinesFileSink(dir)) {
            sink.write(List.of(OktaRecord.upsert("users", "a", T, "{}".getBytes(StandardCharsets.UTF_8)),
                    OktaRecord.upsert("groups", "g", T, "{}".getBytes(StandardCharsets.UTF_8))));
            sink.write(List.of(OktaRecord.delete("users", "a", T)));
        }
        try (JsonLinesFileSink sink = new JsonLinesFileSink(dir)) {
            sink.write(List.of(OktaRecord.upsert("users", "b", T, "{}".getBytes(StandardCharsets.UTF_8))));
        }
        assertThat(Files.readAllLines(dir.resolve("users.jsonl"))).hasSize(3);
        assertThat(Files.readAllLines(dir.resolve("groups.jsonl"))).hasSize(1);
    }

    @Test
    void aLineTornByAKillIsCutOffBeforeAppending(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("users.jsonl"), "{\"key\":\"a\"}\n{\"key\":\"b\"}\n{\"key\":\"c\",\"da");
        try (JsonLinesFileSink sink = new JsonLinesFileSink(dir)) {
            sink.write(List.of(OktaRecord.upsert("users", "c", T, "{}".getBytes(StandardCharsets.UTF_8))));
        }
        List<String> lines = Files.readAllLines(dir.resolve("users.jsonl"));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).isEqualTo("{\"key\":\"b\"}");
        assertThat(lines.get(2)).startsWith("{\"stream\":\"users\"").contains("\"key\":\"c\"");
        Files.writeString(dir.resolve("x.jsonl"), "no newline at all");
        JsonLinesFileSink.dropTornTail(dir.resolve("x.jsonl"));
        assertThat(Files.size(dir.resolve("x.jsonl"))).isZero();
    }
}
