package dev.oktainputs.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.store.FileIdSetStore;
import dev.oktainputs.core.store.InMemoryIdSetStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentIdWindowTest {

    private static final String ORG = "https://acme.okta.com";
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private final InMemoryIdSetStore store = new InMemoryIdSetStore();

    private RecentIdWindow window(Checkpoint cp) {
        return new RecentIdWindow(store, ORG, "system_log", "dedup", cp, Duration.ofHours(1), 5);
    }

    @Test
    void anIdCountsOnlyOnceTheCheckpointNamingItsSegmentIsSaved() throws Exception {
        RecentIdWindow run1 = window(Checkpoint.empty());
        assertThat(run1.add("a", T0)).isTrue();
        assertThat(run1.add("a", T0.plusSeconds(1))).isFalse();
        Checkpoint afterPage1 = Checkpoint.of(1, run1.save());
        run1.add("b", T0.plusSeconds(2));
        Map<String, Object> page2 = run1.save(); // written to the store, but its checkpoint is never saved: a crash
        assertThat(page2).containsEntry("dedup_segments", 2L);

        RecentIdWindow resumed = window(afterPage1);
        assertThat(resumed.contains("a")).isTrue();
        assertThat(resumed.contains("b")).isFalse(); // not known to be written: it must come again, not be dropped
        assertThat(resumed.add("b", T0.plusSeconds(3))).isTrue();
        Checkpoint cp = Checkpoint.of(1, resumed.save());
        assertThat(window(cp).entriesByTime()).containsOnlyKeys("a", "b").containsEntry("b", T0.plusSeconds(3).toEpochMilli());
    }

    @Test
    void compactionDropsOldEntriesThenKeepsTheNewestAndLeavesOneFile() throws Exception {
        RecentIdWindow w = window(Checkpoint.empty());
        w.add("old", T0.minus(Duration.ofHours(2)));
        for (int i = 0; i < 7; i++) {
            w.add("id" + i, T0.plusSeconds(i));
            Checkpoint.of(1, w.save());
        }
        Checkpoint cp = Checkpoint.of(1, w.compact(T0.plusSeconds(10)));
        w.cleanup().committed();
        assertThat(cp.getLong("dedup_gen", -1)).isEqualTo(1);
        assertThat(cp.getLong("dedup_segments", -1)).isZero();
        assertThat(store.fileCount(ORG, "system_log.dedup")).isEqualTo(1);
        assertThat(window(cp).entriesByTime()).containsOnlyKeys("id2", "id3", "id4", "id5", "id6");
    }

    @Test
    void savingCompactsByItselfAfterManySegments() {
        RecentIdWindow w = new RecentIdWindow(store, ORG, "system_log", "dedup", Checkpoint.empty(), Duration.ofHours(1), 1000);
        Map<String, Object> values = Map.of();
        for (int i = 0; i <= RecentIdWindow.MAX_SEGMENTS; i++) {
            w.add("id" + i, T0.plusSeconds(i));
            values = w.save();
        }
        assertThat(values).containsEntry("dedup_gen", 1L).containsEntry("dedup_segments", 0L);
        assertThat(window(Checkpoint.of(1, values)).size()).isEqualTo(RecentIdWindow.MAX_SEGMENTS + 1);
    }

    @Test
    void survivesARestartOnDisk(@TempDir Path dir) throws Exception {
        FileIdSetStore files = new FileIdSetStore(dir);
        RecentIdWindow w = new RecentIdWindow(files, ORG, "system_log", "dedup", Checkpoint.empty(), Duration.ofHours(1), 100);
        w.add("f790999f-fe87-467a-9880-6982a583986c", T0);
        Checkpoint cp = Checkpoint.of(1, w.save());
        w.add("second", T0);
        cp = Checkpoint.of(1, w.compact(T0));
        w.cleanup().committed();
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactly("system_log.dedup.ids.1.gz");
        }
        RecentIdWindow reloaded = new RecentIdWindow(files, ORG, "system_log", "dedup", cp, Duration.ofHours(1), 100);
        assertThat(reloaded.entriesByTime()).containsOnlyKeys("f790999f-fe87-467a-9880-6982a583986c", "second");
    }
}
