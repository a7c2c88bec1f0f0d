package dev.oktainputs.core;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.OktaRecord;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Records and the checkpoint that becomes valid once they are written. The caller writes {@link #records()}
 * to the sink, then saves {@link #checkpoint()}, then calls {@link #committed()} (which lets the input tidy
 * up state it no longer needs, such as superseded id sets).
 *
 * @param records    the records, in order; may be empty (a page with nothing new still moves the checkpoint)
 * @param checkpoint where the next run resumes once these records are written
 * @param onCommit   what to do after the checkpoint is saved, or null
 */
public record Batch(List<OktaRecord> records, Checkpoint checkpoint, CommitHook onCommit) {

    /** Runs after a batch's checkpoint has been saved. */
    @FunctionalInterface
    public interface CommitHook {
        /** @throws IOException when tidying up failed; the batch stays committed */
        void committed() throws IOException;
    }

    /** Validates and copies. */
    public Batch {
        records = List.copyOf(records);
        Objects.requireNonNull(checkpoint, "checkpoint");
    }

    /**
     * @param records    the records
     * @param checkpoint the checkpoint valid after them
     * @return a batch without a commit hook
     */
    public static Batch of(List<OktaRecord> records, Checkpoint checkpoint) {
        return new Batch(records, checkpoint, null);
    }

    /**
     * To be called by the driver after the checkpoint is saved.
     *
     * @throws IOException when the hook failed
     */
    public void committed() throws IOException {
        if (onCommit != null) {
            onCommit.committed();
        }
    }
}
