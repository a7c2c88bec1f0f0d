package dev.oktainputs.kafka;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.Batch;
import java.time.Instant;
import java.util.Map;

/**
 * The source offsets of one stream (one input) of a Connect task, and what follows from them: which offset the stream's
 * next record carries, and when a batch's commit hook may run. The task tells it what happens (batches and heartbeats
 * handed out, records acknowledged, offsets committed); it holds no Connect type.
 *
 * <p>Offsets. The input's checkpoint is its source offset ({@link SourceOffsets}). A batch's new checkpoint travels on
 * the batch's <em>last</em> record; the records before it carry the checkpoint that was valid before the batch, so a
 * partly written batch never commits past unwritten records. A batch without records (an empty System Log page that
 * still moves the cursor) emits nothing: its checkpoint rides on the stream's next record, and until then a restart
 * re-reads from the previous one (which finds the same nothing).
 *
 * <p>Last fire. When a run completes, the offset of the stream's next record also carries
 * {@value SourceOffsets#LAST_FIRE_KEY}, when that run started. A run that fails or is stopped part-way does not count:
 * the offset keeps the fire of the last completed run. When no record follows a completed run, a heartbeat (if
 * configured) carries the offset instead ({@link #onNoRecord()}).
 *
 * <p>Commit hooks. Id sets that a new checkpoint supersedes are removed only after that checkpoint is committed: the
 * hook of the newest batch handed out runs once Connect has committed the offsets of all its records, and no newer
 * checkpoint is pending (a batch without records that moved past it). Older batches' hooks are skipped: the newest
 * one's removes whatever theirs would. Records never acknowledged (a batch the worker failed to send) keep the hook
 * from running.
 *
 * <p>Thread safety: the fetch thread hands out, Connect's threads acknowledge and commit; every method is synchronized.
 */
final class StreamOffsets {

    /** The offset valid before the next record: the checkpoint of the last batch handed out, and {@link #lastFire}. */
    private Map<String, Object> offset;
    /** The checkpoint in {@link #offset}. */
    private Checkpoint checkpoint;
    /** When the last completed run started, null if none did (or is known to have): in {@link #offset}. */
    private Instant lastFire;
    /** False while {@link #offset} has not gone out on a record (it is not committed, nor on its way). */
    private boolean offsetSent;
    /** The batch without records whose checkpoint is in {@link #offset} but on no record yet, or null. */
    private Batch unsent;
    /** The newest batch whose checkpoint went out on a record, and its number. */
    private Batch newest;
    private long handedOut;
    /** True while a batch without records moved the checkpoint past {@link #newest} (not committed yet). */
    private boolean emptyPending;
    /** Records handed out and not yet acknowledged. */
    private long outstanding;
    /** What {@link #handedOut} / {@link #outstanding} were at the previous commit. */
    private long handedOutAtCommit;
    private long outstandingAtCommit = -1;
    /** Batches up to this number are in the committed offsets; the newest one's hook has run up to here. */
    private long committed;
    private long tidied;

    /**
     * @param checkpoint the committed checkpoint
     * @param lastFire   the committed last fire, or null
     */
    StreamOffsets(Checkpoint checkpoint, Instant lastFire) {
        moveTo(checkpoint, lastFire);
        this.offsetSent = true; // it is the committed one
    }

    /** The offset of the next record becomes this checkpoint and last fire. */
    private void moveTo(Checkpoint checkpoint, Instant lastFire) {
        this.checkpoint = checkpoint;
        this.lastFire = lastFire;
        this.offset = SourceOffsets.offset(checkpoint, lastFire);
        this.offsetSent = false;
    }

    /** @return the offset the stream's next record carries */
    synchronized Map<String, Object> offset() {
        return offset;
    }

    /** @return when the last completed run started, as in {@link #offset()}; null if unknown */
    synchronized Instant lastFire() {
        return lastFire;
    }

    /** @return true while {@link #offset()} is on no record: neither committed nor on its way */
    synchronized boolean onNoRecord() {
        return !offsetSent;
    }

    /** @param fire when the run that just completed started: it goes into the offset of the stream's next record */
    synchronized void runCompleted(Instant fire) {
        moveTo(checkpoint, fire);
    }

    /** @param batch a batch without records: its checkpoint rides on the stream's next record */
    synchronized void emptyBatch(Batch batch) {
        emptyPending = true;
        moveTo(batch.checkpoint(), lastFire);
        unsent = batch;
    }

    /**
     * A batch's records go out: all but the last carry {@link #offset()} as it was before this call, the last one the
     * offset returned.
     *
     * @param newest  the newest batch whose checkpoint the last record carries: the batch, or one without records that
     *                was fetched right after it
     * @param records how many records go out
     * @return the offset of the last record
     */
    synchronized Map<String, Object> handOut(Batch newest, int records) {
        moveTo(newest.checkpoint(), lastFire);
        offsetSent = true;
        unsent = null;
        this.newest = newest;
        handedOut++;
        emptyPending = false;
        outstanding += records;
        return offset;
    }

    /** A heartbeat record went out with {@link #offset()}: like a batch's last record. */
    synchronized void heartbeatHandedOut() {
        if (unsent != null) {
            newest = unsent; // its commit hook may run once the heartbeat's offset is committed
            handedOut++;
            emptyPending = false;
        }
        outstanding++;
        unsent = null;
        offsetSent = true;
    }

    /** One record handed out was acknowledged (written to Kafka). */
    synchronized void acknowledged() {
        outstanding--;
    }

    /**
     * Connect committed offsets: they certainly cover every batch handed out before the previous commit, if all its
     * records had been acknowledged by then (Connect commits a partition's offsets only up to its first unacknowledged
     * record).
     */
    synchronized void offsetsCommitted() {
        if (outstandingAtCommit == 0) {
            committed = Math.max(committed, handedOutAtCommit);
        }
        handedOutAtCommit = handedOut;
        outstandingAtCommit = outstanding;
    }

    /**
     * @return the newest batch when its checkpoint is committed with no newer checkpoint pending and its hook has not
     *         been handed out yet (it is handed out once); else null
     */
    synchronized Batch takeDueCommitHook() {
        if (newest != null && !emptyPending && committed >= handedOut && tidied < handedOut) {
            tidied = handedOut;
            return newest;
        }
        return null;
    }
}
