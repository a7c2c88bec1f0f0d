package dev.oktainputs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.api.OktaRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class RecordConverterTest {

    private static final Map<String, String> PARTITION = Map.of("org", "https://acme.okta.com", "stream", "users");

    @Test
    void theOktaJsonBecomesASchemalessMapThatJsonConverterWritesBackLosslessly() {
        String json = "{\"id\":\"00u1\",\"n\":12,\"big\":123456789012345678901234567890,\"f\":1.5,\"b\":true,\"nil\":null,"
                + "\"a\":[1,\"x\",{\"k\":\"v\"}],\"profile\":{\"login\":\"ä@example.com\"}}";
        OktaRecord r = OktaRecord.upsert("users", "00u1", Instant.parse("2025-01-02T03:04:05Z"), json.getBytes(StandardCharsets.UTF_8))
                .withLabels(Map.of("team", "blue"));
        SourceRecord s = new RecordConverter("okta.", true).convert(r, PARTITION, Map.of("checkpoint_version", 1L));
        assertThat(s.topic()).isEqualTo("okta.users");
        assertThat(s.timestamp()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z").toEpochMilli());
        assertThat(s.headers().lastWithName("okta.label.team").value()).isEqualTo("blue");
        @SuppressWarnings("unchecked")
        Map<String, Object> v = (Map<String, Object>) s.value();
        assertThat(v.get("n")).isEqualTo(12L);
        assertThat(v.get("big")).isEqualTo("123456789012345678901234567890");
        assertThat(v.get("a")).isEqualTo(List.of(1L, "x", Map.of("k", "v")));

        try (JsonConverter converter = new JsonConverter()) {
            converter.configure(Map.of("schemas.enable", "false"), false);
            String written = new String(converter.fromConnectData("okta.users", s.valueSchema(), s.value()), StandardCharsets.UTF_8);
            assertThat(written).isEqualTo(json.replace("123456789012345678901234567890", "\"123456789012345678901234567890\""));
        }
    }

    @Test
    void aDeleteIsATombstoneOrAMarker() {
        OktaRecord d = OktaRecord.delete("group_members", "00g1/00u1", Instant.EPOCH);
        SourceRecord tombstone = new RecordConverter("okta.", true).convert(d, PARTITION, Map.of());
        assertThat(tombstone.value()).isNull();
        assertThat(tombstone.valueSchema()).isNull();
        assertThat(tombstone.key()).isEqualTo("00g1/00u1");
        assertThat(tombstone.headers().lastWithName("okta.op").value()).isEqualTo("DELETE");
        SourceRecord marker = new RecordConverter("x_", false).convert(d, PARTITION, Map.of());
        assertThat(marker.topic()).isEqualTo("x_group_members");
        assertThat(marker.value()).isEqualTo(Map.of("id", "00g1/00u1", "deleted", true));
    }
}
