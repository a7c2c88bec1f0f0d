package dev.oktainputs.systemlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.state.DeletionTracker;
import dev.oktainputs.core.state.IdSetNames;
import dev.oktainputs.core.state.InMemoryIdSetStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdSetNamesTest {

    @Test
    void theSetsACheckpointNamesAreTheOnesTheTrackersWrote() {
        InMemoryIdSetStore store = new InMemoryIdSetStore();
        DeletionTracker ids = new DeletionTracker(store, "https://acme.okta.com", "system_log", Checkpoint.empty(), true);
        ids.observe(List.of("a"));
        RecentIdWindow dedup = new RecentIdWindow(store, "https://acme.okta.com", "system_log", "dedup", Checkpoint.empty(),
                Duration.ofHours(1), 10);
        dedup.add("u1", Instant.EPOCH);
        Map<String, Object> cp = new java.util.HashMap<>(ids.checkpointValues());
        cp.putAll(dedup.save());
        cp.put("next", "/api/v1/logs?after=x");

        Map<String, long[]> named = IdSetNames.named("system_log", cp);
        assertThat(named).containsOnlyKeys("system_log", "system_log.dedup");
        assertThat(named.get("system_log")).containsExactly(0, 1);
        assertThat(named.get("system_log.dedup")).containsExactly(0, 1);
        assertThat(store.load("https://acme.okta.com", "system_log.dedup", 0, 1)).hasSize(1); // the name it was stored under
        assertThat(IdSetNames.streamOf("system_log.dedup")).isEqualTo("system_log");
        assertThat(IdSetNames.named("users", null)).isEmpty();
    }

    @Test
    void aWindowCannotTakeTheTrackersName() {
        assertThatThrownBy(() -> new RecentIdWindow(new InMemoryIdSetStore(), "https://acme.okta.com", "users", "id",
                Checkpoint.empty(), Duration.ofHours(1), 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
