package dev.oktainputs.runner;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.api.RecordSink;
import java.io.IOException;
import java.util.List;

/**
 * A sink that keeps the checkpoints itself and commits each batch together with its checkpoint, atomically (the
 * database sinks: one transaction). The pipeline hands such a sink the batch and the checkpoint in one call instead of
 * writing, then saving: a crash at any point leaves both as they were before the call, or both after it.
 */
public interface CheckpointedSink extends RecordSink {

    /**
     * Writes the batch and saves the checkpoint, both or neither.
     *
     * @param org        the org, as checkpoints are keyed
     * @param input      the input whose checkpoint it is
     * @param records    the batch, in order; may be empty
     * @param checkpoint the checkpoint that follows the batch
     * @throws IOException when nothing was committed; the caller retries and does not advance its checkpoint
     */
    void write(String org, String input, List<OktaRecord> records, Checkpoint checkpoint) throws IOException;
}
