package dev.oktainputs.systemlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A threshold rule's match times per IP: sorted, pruned, counted by binary search, as a plain list would count them. */
class DetectionTimesTest {

    @Test
    void countsWhatAListOfEveryTimeCountsAfterPruning() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            DetectionLabeler.Times times = new DetectionLabeler.Times();
            List<Long> all = new ArrayList<>();
            long clock = random.nextInt(1_000_000);
            long keep = 1 + random.nextInt(5_000);
            long dropped = Long.MIN_VALUE;
            for (int i = 0; i < 300; i++) {
                clock += random.nextInt(100);
                long t = random.nextInt(10) == 0 ? clock - random.nextInt(3_000) : clock; // some arrive late
                times.add(t);
                all.add(t);
                dropped = Math.max(dropped, times.newest() - keep);
                times.dropBefore(times.newest() - keep);
                long lo = t - random.nextInt(2_000);
                long cut = dropped;
                long expected = all.stream().filter(x -> x >= cut && x >= lo && x <= t).count();
                assertThat(times.countBetween(lo, t)).as("round %d event %d", round, i).isEqualTo((int) expected);
            }
            long cut = dropped;
            assertThat(times.size()).isEqualTo((int) all.stream().filter(x -> x >= cut).count());
        }
    }

    @Test
    void aMillionMatchesFromOneIpKeepOnlyTheirWindow() {
        DetectionLabeler.Times times = new DetectionLabeler.Times();
        for (long t = 0; t < 1_000_000; t++) {
            times.add(t);
            times.dropBefore(times.newest() - 999);
            assertThat(times.countBetween(t - 99, t)).isEqualTo((int) Math.min(100, t + 1));
        }
        assertThat(times.size()).isEqualTo(1_000);
        assertThat(times.countBetween(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(1_000);
    }
}
