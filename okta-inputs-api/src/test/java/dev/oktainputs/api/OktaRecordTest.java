package dev.oktainputs.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OktaRecordTest {

    private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void upsertKeepsRawJsonAndDeleteHasNone() {
        byte[] raw = "{\"id\":\"00u1\",\"profile\":{\"x\":1.50}}".getBytes(StandardCharsets.UTF_8);
        OktaRecord r = OktaRecord.upsert("users", "00u1", T, raw);
        assertThat(r.jsonString()).isEqualTo("{\"id\":\"00u1\",\"profile\":{\"x\":1.50}}");
        assertThat(r.op()).isEqualTo(OktaRecord.Op.UPSERT);
        OktaRecord d = OktaRecord.delete("users", "00u1", T);
        assertThat(d.json()).isNull();
        assertThat(d.op()).isEqualTo(OktaRecord.Op.DELETE);
    }

    @Test
    void toStringDoesNotPrintThePayload() {
        OktaRecord r = OktaRecord.upsert("users", "00u1", T, "{\"email\":\"a@b.c\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.toString()).contains("users", "00u1").doesNotContain("a@b.c");
    }

    @Test
    void labelsMergeAndEqualityIsByValue() {
        OktaRecord r = OktaRecord.upsert("apps", "0oa1", T, "{}".getBytes(StandardCharsets.UTF_8))
                .withLabels(Map.of("team", "a")).withLabels(Map.of("team", "b", "env", "prod"));
        assertThat(r.labels()).containsExactly(Map.entry("env", "prod"), Map.entry("team", "b"));
        assertThat(r).isEqualTo(OktaRecord.upsert("apps", "0oa1", T, "{}".getBytes(StandardCharsets.UTF_8))
                .withLabels(Map.of("env", "prod", "team", "b")));
    }

    @Test
    void rejectsInconsistentRecords() {
        assertThatThrownBy(() -> OktaRecord.upsert("users", "", T, new byte[0])).hasMessageContaining("key");
        assertThatThrownBy(() -> OktaRecord.upsert("users", "k", T, null)).isInstanceOf(NullPointerException.class);
    }
}
