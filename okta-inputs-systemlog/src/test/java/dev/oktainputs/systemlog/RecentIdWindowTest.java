package dev.oktainputs.systemlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.state.FileIdSetStore;
import dev.oktainputs.core.state.InMemoryIdSetStore;
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
    void savingCompactsByItselfAfterManyEntriesInFewLargeSegments() {
        // Batches of many pages: the window's memory is bounded by the entries added, not only by the segments.
        RecentIdWindow w = new RecentIdWindow(store, ORG, "system_log", "dedup", Checkpoint.empty(), Duration.ofHours(1), 1000);
        int perBatch = RecentIdWindow.MAX_ADDED / 4;
        Map<String, Object> values = Map.of();
        for (int batch = 0; batch < 4; batch++) {
            for (int i = 0; i < perBatch; i++) {
                w.add(String.format("00000000-0000-4000-8000-%012d", batch * perBatch + i), T0.plusSeconds(batch));
            }
            values = w.save();
            if (batch < 3) {
                assertThat(values).as("batch " + batch).containsEntry("dedup_gen", 0L).containsEntry("dedup_segments", batch + 1L);
            }
        }
        // the fourth save found MAX_ADDED entries added: it compacted to the newest 1000 instead of writing segment 4
        assertThat(values).containsEntry("dedup_gen", 1L).containsEntry("dedup_segments", 0L);
        assertThat(w.size()).isEqualTo(1000);
        assertThat(window(Checkpoint.of(1, values)).size()).isEqualTo(1000);
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

    @Test
    void compactionBreaksTiesInIdOrderAcrossUuidsAndOtherIds() {
        String u1 = "00000000-0000-4000-8000-000000000001";
        String u2 = "0000000a-0000-4000-8000-000000000002";
        String upper = "0000000B-0000-4000-8000-000000000003"; // not canonical: kept as a string, ordered as one
        RecentIdWindow w = window(Checkpoint.empty());
        for (String id : java.util.List.of(u2, "zzz", upper, u1, "0-hash", "newest", "b")) {
            w.add(id, id.equals("newest") ? T0.plusSeconds(1) : T0);
        }
        Checkpoint cp = Checkpoint.of(1, w.compact(T0.plusSeconds(1)));
        // 5 kept: "newest", then the first 4 of the 6 tied ids in string order.
        assertThat(w.entriesByTime()).containsOnlyKeys("newest", "0-hash", u1, u2, upper);
        assertThat(window(cp).entriesByTime()).containsOnlyKeys("newest", "0-hash", u1, u2, upper)
                .containsEntry(u2, T0.toEpochMilli());
        assertThat(window(cp).contains(upper.toLowerCase())).isFalse();
        assertThat(window(cp).contains("zzz")).isFalse();
    }

    /**
     * Only uuids at the cut-off (a page's events share Okta's time): the first ones in id order stay, found without
     * turning them into strings, the same as the string order picks.
     */
    @Test
    void compactionBreaksTiesAmongUuidsAloneInIdOrder(@TempDir Path dir) {
        java.util.Random random = new java.util.Random(12);
        for (int round = 0; round < 40; round++) {
            int max = 1 + random.nextInt(60);
            RecentIdWindow w = new RecentIdWindow(new FileIdSetStore(dir.resolve("r" + round)), ORG, "system_log", "dedup",
                    Checkpoint.empty(), Duration.ofHours(1), max);
            java.util.Map<String, Instant> all = new java.util.HashMap<>();
            int count = max + 1 + random.nextInt(80);
            for (int i = 0; i < count; i++) {
                String id = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
                Instant at = T0.plusSeconds(random.nextInt(3)); // few distinct times: large ties
                w.add(id, at);
                all.put(id, at);
            }
            Checkpoint cp = Checkpoint.of(1, w.compact(T0.plusSeconds(3)));
            // The reference: newest first, ties by the ids' strings.
            java.util.List<String> expected = all.keySet().stream()
                    .sorted(java.util.Comparator.comparing((String id) -> all.get(id)).reversed()
                            .thenComparing(java.util.Comparator.naturalOrder()))
                    .limit(max).toList();
            // Entries newer than the cut-off all stay; at the cut-off, the first in string order.
            assertThat(w.entriesByTime()).as("round %d, max %d of %d", round, max, count).containsOnlyKeys(expected);
            assertThat(new RecentIdWindow(new FileIdSetStore(dir.resolve("r" + round)), ORG, "system_log", "dedup", cp,
                    Duration.ofHours(1), max).entriesByTime()).containsOnlyKeys(expected);
        }
    }

    @Test
    void aCompactedBaseIsSortedLinesOfIdAtTime(@TempDir Path dir) throws Exception {
        FileIdSetStore files = new FileIdSetStore(dir);
        RecentIdWindow w = new RecentIdWindow(files, ORG, "system_log", "dedup", Checkpoint.empty(), Duration.ofHours(1), 100);
        java.util.List<String> ids = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 60; i++) {
            ids.add(new java.util.UUID(random.nextLong(), random.nextLong()).toString());
        }
        ids.add("sha256-ab");
        ids.add("ffff");
        ids.forEach(id -> w.add(id, T0));
        Checkpoint cp = Checkpoint.of(1, w.compact(T0));
        java.util.List<String> lines = new java.util.ArrayList<>();
        files.forEach(ORG, "system_log.dedup", cp.getLong("dedup_gen", 0), 0, lines::add);
        assertThat(lines).hasSize(62).isSorted().allMatch(l -> l.endsWith("@" + T0.toEpochMilli()));
        assertThat(files.load(ORG, "system_log.dedup", 1, 0)).hasSize(62);
    }

    @Test
    void filesInTheFormerLayoutLoadWithTheLatestTimeOfAnIdWinning(@TempDir Path dir) throws Exception {
        // What earlier versions wrote: a base and segments of id@millis lines, an id possibly in several files.
        FileIdSetStore files = new FileIdSetStore(dir);
        String uuid = "f790999f-fe87-467a-9880-6982a583986c";
        files.saveBase(ORG, "system_log.dedup", 3, java.util.List.of(uuid + "@1000", "sha256-x@1000", "0oa|1.2.3.4|e@5"));
        files.saveSegment(ORG, "system_log.dedup", 3, 1, java.util.List.of(uuid + "@2000", "sha256-x@500"));
        RecentIdWindow w = new RecentIdWindow(files, ORG, "system_log", "dedup",
                Checkpoint.of(1, Map.of("dedup_gen", 3L, "dedup_segments", 1L)), Duration.ofHours(1), 100);
        assertThat(w.entriesByTime()).containsOnly(Map.entry(uuid, 2000L), Map.entry("sha256-x", 1000L),
                Map.entry("0oa|1.2.3.4|e", 5L));
        assertThat(w.add(uuid, T0)).isFalse();
        assertThat(w.add(uuid.replace('f', 'e'), T0)).isTrue();
    }

    @Test
    void aCompactionThatWouldDropNothingWritesNothing() throws Exception {
        RecentIdWindow w = window(Checkpoint.empty());
        w.add("a", T0);
        w.add("b", T0.plusSeconds(1));
        Checkpoint cp = Checkpoint.of(1, w.compact(T0.plusSeconds(2)));
        w.cleanup().committed();
        assertThat(cp.getLong("dedup_gen", -1)).isEqualTo(1);

        for (int run = 1; run <= 3; run++) { // quiet runs: nothing added, nothing old enough to drop
            RecentIdWindow quiet = window(cp);
            assertThat(quiet.compact(T0.plusSeconds(60L * run))).isEqualTo(cp.values());
        }
        assertThat(store.fileCount(ORG, "system_log.dedup")).isEqualTo(1);

        RecentIdWindow aged = window(cp); // an hour later "a" is too old: that is a change
        assertThat(aged.compact(T0.plus(Duration.ofHours(1)).plusMillis(500))).containsEntry("dedup_gen", 2L);
        assertThat(window(Checkpoint.of(1, aged.checkpointValues())).entriesByTime()).containsOnlyKeys("b");
    }
}
