package dev.oktainputs.testkit;

import dev.oktainputs.api.OktaRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingSinkTest {

    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void keepsRecordsPerStreamInOrder() throws IOException {
        RecordingSink sink = new RecordingSink();
        sink.write(List.of(upsert("users", "u1"), upsert("groups", "g1")));
        sink.write(List.of(OktaRecord.delete("users", "u2", T), upsert("users", "u1")));
        assertThat(sink.writeCount()).isEqualTo(2);
        assertThat(sink.records()).hasSize(4);
        assertThat(sink.records("groups")).extracting(OktaRecord::key).containsExactly("g1");
        assertThat(sink.keys("users")).containsExactly("u1", "u2", "u1");
        sink.clear();
        assertThat(sink.records()).isEmpty();
        assertThat(sink.writeCount()).isZero();
    }

    @Test
    void failNextWritesRefusesBatches() throws IOException {
        RecordingSink sink = new RecordingSink();
        sink.failNextWrites(2);
        assertThatThrownBy(() -> sink.write(List.of(upsert("users", "u1")))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> sink.write(List.of(upsert("users", "u1")))).isInstanceOf(IOException.class);
        sink.write(List.of(upsert("users", "u1")));
        assertThat(sink.keys("users")).containsExactly("u1");
        assertThat(sink.writeCount()).isEqualTo(1);
        assertThat(sink.failedWriteCount()).isEqualTo(2);
    }

    private static OktaRecord upsert(String stream, String key) {
        return OktaRecord.upsert(stream, key, T, "{}".getBytes(StandardCharsets.UTF_8));
    }
}
