package dev.oktainputs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.api.OktaRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class RecordConverterTest {

    private static final Map<String, String> PARTITION = Map.of("org", "https://acme.okta.com", "stream", "users");
    private static final Instant READ_AT = Instant.parse("2026-12-02T10:00:00.250Z");
    private static final Clock CLOCK = Clock.fixed(READ_AT, ZoneOffset.UTC);

    private static RecordConverter converter(String prefix, boolean tombstones) {
        return new RecordConverter(prefix, tombstones, RecordConverter.TimestampSource.READ, CLOCK);
    }

    @Test
    void theOktaJsonBecomesASchemalessMapThatJsonConverterWritesBackLosslessly() {
        String json = "{\"id\":\"00u1\",\"n\":12,\"big\":123456789012345678901234567890,\"f\":1.5,\"b\":true,\"nil\":null,"
                + "\"a\":[1,\"x\",{\"k\":\"v\"}],\"profile\":{\"login\":\"ä@example.com\"}}";
        OktaRecord r = OktaRecord.upsert("users", "00u1", Instant.parse("2025-01-02T03:04:05Z"), json.getBytes(StandardCharsets.UTF_8))
                .withLabels(Map.of("team", "blue"));
        SourceRecord s = converter("okta.", true).convert(r, PARTITION, Map.of("checkpoint_version", 1L));
        assertThat(s.topic()).isEqualTo("okta.users");
        assertThat(s.timestamp()).isEqualTo(READ_AT.toEpochMilli()); // when it was read, not lastUpdated
        assertThat(s.headers().lastWithName("okta.timestamp").value()).isEqualTo("2025-01-02T03:04:05Z");
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
        SourceRecord tombstone = converter("okta.", true).convert(d, PARTITION, Map.of());
        assertThat(tombstone.value()).isNull();
        assertThat(tombstone.valueSchema()).isNull();
        assertThat(tombstone.key()).isEqualTo("00g1/00u1");
        assertThat(tombstone.headers().lastWithName("okta.op").value()).isEqualTo("DELETE");
        SourceRecord marker = converter("x_", false).convert(d, PARTITION, Map.of());
        assertThat(marker.topic()).isEqualTo("x_group_members");
        assertThat(marker.value()).isEqualTo(Map.of("id", "00g1/00u1", "deleted", true));
    }

    @Test
    void theKafkaTimestampIsTheReadTimeByDefaultAndOktasTimeOnRequestWhichTheHeaderCarriesEitherWay() {
        Instant lastUpdated = Instant.parse("2019-03-04T05:06:07.123Z"); // years before READ_AT
        OktaRecord r = OktaRecord.upsert("users", "00u1", lastUpdated, "{\"id\":\"00u1\"}".getBytes(StandardCharsets.UTF_8));
        OktaRecord d = OktaRecord.delete("users", "00u2", lastUpdated);
        for (OktaRecord record : List.of(r, d)) {
            SourceRecord read = new RecordConverter("okta.", true, RecordConverter.TimestampSource.READ, CLOCK)
                    .convert(record, PARTITION, Map.of());
            SourceRecord event = new RecordConverter("okta.", true, RecordConverter.TimestampSource.OKTA, CLOCK)
                    .convert(record, PARTITION, Map.of());
            assertThat(read.timestamp()).isEqualTo(READ_AT.toEpochMilli());
            assertThat(event.timestamp()).isEqualTo(lastUpdated.toEpochMilli());
            for (SourceRecord s : List.of(read, event)) {
                assertThat(s.headers().lastWithName("okta.timestamp").value()).isEqualTo("2019-03-04T05:06:07.123Z");
                assertThat(Instant.parse((String) s.headers().lastWithName("okta.timestamp").value())).isEqualTo(lastUpdated);
            }
        }
        Clock later = Clock.offset(CLOCK, java.time.Duration.ofMinutes(5));
        assertThat(new RecordConverter("okta.", true, RecordConverter.TimestampSource.READ, later).convert(r, PARTITION, Map.of())
                .timestamp()).isEqualTo(READ_AT.plusSeconds(300).toEpochMilli()); // the clock's time at each read
        assertThat(RecordConverter.TimestampSource.of(" Okta ")).isEqualTo(RecordConverter.TimestampSource.OKTA);
    }
}
