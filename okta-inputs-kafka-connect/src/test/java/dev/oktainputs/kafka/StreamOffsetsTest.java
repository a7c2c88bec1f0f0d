package dev.oktainputs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.Batch;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a stream's offsets decide, without Connect: which offset each record carries, when a batch's commit hook may
 * run (once Connect committed all its records, for the newest batch only), and where a run's fire goes.
 */
class StreamOffsetsTest {

    private static final Instant FIRE = Instant.parse("2026-03-10T10:00:00Z");
    private static final Instant NEXT_FIRE = Instant.parse("2026-03-10T10:30:00Z");

    private static Checkpoint cp(long n) {
        return Checkpoint.of(1, Map.of("n", n));
    }

    /** A batch as the offsets see it: its records are counted by the caller, only its checkpoint matters here. */
    private static Batch batch(long n) {
        return Batch.of(List.of(), cp(n));
    }

    /** Acknowledges {@code records} records, then commits twice, as the worker's periodic commits do. */
    private static void ackAndCommit(StreamOffsets o, int records) {
        for (int i = 0; i < records; i++) {
            o.acknowledged();
        }
        o.offsetsCommitted();
        o.offsetsCommitted();
    }

    @Test
    void aNewStreamStartsFromTheCommittedOffsetWhichIsOnARecordAlready() {
        StreamOffsets o = new StreamOffsets(cp(1), FIRE);
        assertThat(o.offset()).isEqualTo(SourceOffsets.offset(cp(1), FIRE));
        assertThat(o.lastFire()).isEqualTo(FIRE);
        assertThat(o.onNoRecord()).as("no heartbeat for the committed offset").isFalse();
        assertThat(o.takeDueCommitHook()).isNull();
    }

    @Test
    void aBatchsLastRecordCarriesItsCheckpointTheRecordsBeforeItThePreviousOne() {
        StreamOffsets o = new StreamOffsets(Checkpoint.empty(), null);
        Map<String, Object> before = o.offset();
        assertThat(before).isEqualTo(Map.of(SourceOffsets.VERSION_KEY, 0L));
        assertThat(o.handOut(batch(1), 3)).isEqualTo(SourceOffsets.offset(cp(1), null));
        assertThat(o.offset()).isEqualTo(SourceOffsets.offset(cp(1), null)); // the next batch's first records
        assertThat(o.onNoRecord()).isFalse();
    }

    @Test
    void aCompletedRunsFireGoesIntoTheOffsetOfTheStreamsNextRecord() {
        StreamOffsets o = new StreamOffsets(cp(1), FIRE);
        o.handOut(batch(2), 1);
        assertThat(o.offset()).containsEntry(SourceOffsets.LAST_FIRE_KEY, FIRE.toString()); // the run goes on
        o.runCompleted(NEXT_FIRE);
        assertThat(o.lastFire()).isEqualTo(NEXT_FIRE);
        assertThat(o.offset()).isEqualTo(SourceOffsets.offset(cp(2), NEXT_FIRE));
        assertThat(o.onNoRecord()).as("no record carries it yet").isTrue();
        // The next run's first batch carries it on all its records.
        assertThat(o.handOut(batch(3), 2)).isEqualTo(SourceOffsets.offset(cp(3), NEXT_FIRE));
    }

    @Test
    void aRunThatFailsOrIsStoppedKeepsTheFireOfTheLastCompletedRun() {
        StreamOffsets o = new StreamOffsets(cp(1), FIRE);
        o.handOut(batch(2), 1); // the run then fails: no runCompleted
        assertThat(o.offset()).isEqualTo(SourceOffsets.offset(cp(2), FIRE));
        assertThat(o.onNoRecord()).isFalse();
    }

    @Test
    void theHookOfABatchRunsOnceACommitCoversAllItsRecordsAndOnlyOnce() {
        StreamOffsets o = new StreamOffsets(Checkpoint.empty(), null);
        Batch b = batch(1);
        o.handOut(b, 3);
        for (int i = 0; i < 3; i++) {
            o.acknowledged();
        }
        o.offsetsCommitted();
        assertThat(o.takeDueCommitHook()).as("the first commit may predate the acknowledgements").isNull();
        o.offsetsCommitted();
        assertThat(o.takeDueCommitHook()).isSameAs(b);
        assertThat(o.takeDueCommitHook()).isNull();
        o.offsetsCommitted();
        assertThat(o.takeDueCommitHook()).isNull();
    }

    @Test
    void aBatchWithARecordNotAcknowledgedIsNeverCommittedSoItsHookNeverRuns() {
        StreamOffsets o = new StreamOffsets(Checkpoint.empty(), null);
        Batch b = batch(1);
        o.handOut(b, 2);
        ackAndCommit(o, 1); // the worker failed to send the other record
        for (int i = 0; i < 5; i++) {
            o.offsetsCommitted();
            assertThat(o.takeDueCommitHook()).isNull();
        }
        o.acknowledged(); // sent after all
        o.offsetsCommitted();
        o.offsetsCommitted();
        assertThat(o.takeDueCommitHook()).isSameAs(b);
    }

    @Test
    void onlyTheNewestBatchsHookRuns() {
        StreamOffsets o = new StreamOffsets(Checkpoint.empty(), null);
        Batch first = batch(1);
        Batch second = batch(2);
        o.handOut(first, 1);
        o.handOut(second, 1);
        ackAndCommit(o, 2);
        assertThat(o.takeDueCommitHook()).isSameAs(second);
        assertThat(o.takeDueCommitHook()).isNull();
    }

    @Test
    void aBatchWithoutRecordsRidesOnTheNextRecordAndHoldsBackTheHookUntilThen() {
        StreamOffsets o = new StreamOffsets(Checkpoint.empty(), null);
        Batch first = batch(1);
        o.handOut(first, 1);
        Batch empty = batch(2);
        o.emptyBatch(empty);
        assertThat(o.offset()).isEqualTo(SourceOffsets.offset(cp(2), null)); // the next record's, not yet committed
        assertThat(o.onNoRecord()).isTrue();
        ackAndCommit(o, 1);
        assertThat(o.takeDueCommitHook()).as("a newer checkpoint is pending").isNull();

        Batch third = batch(3);
        o.handOut(third, 2);
        ackAndCommit(o, 2);
        assertThat(o.takeDueCommitHook()).isSameAs(third);
    }

    @Test
    void aHeartbeatCarriesTheOffsetOfABatchWithoutRecordsSoItsHookRunsOnceItIsCommitted() {
        StreamOffsets o = new StreamOffsets(cp(1), null);
        Batch empty = batch(2);
        o.emptyBatch(empty);
        o.runCompleted(FIRE);
        assertThat(o.onNoRecord()).isTrue();
        assertThat(o.offset()).isEqualTo(SourceOffsets.offset(cp(2), FIRE)); // what the heartbeat carries
        o.heartbeatHandedOut();
        assertThat(o.onNoRecord()).isFalse();
        o.offsetsCommitted();
        o.offsetsCommitted();
        assertThat(o.takeDueCommitHook()).as("the heartbeat is not acknowledged yet").isNull();
        ackAndCommit(o, 1);
        assertThat(o.takeDueCommitHook()).isSameAs(empty);
    }

    @Test
    void aHeartbeatForARunWithoutBatchesCarriesItsFireAndHasNoHookToRun() {
        StreamOffsets o = new StreamOffsets(cp(1), null);
        o.runCompleted(FIRE);
        assertThat(o.onNoRecord()).isTrue();
        o.heartbeatHandedOut();
        ackAndCommit(o, 1);
        assertThat(o.takeDueCommitHook()).isNull();
        assertThat(o.offset()).isEqualTo(SourceOffsets.offset(cp(1), FIRE));
    }
}
