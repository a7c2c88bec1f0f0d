package dev.oktainputs.api;

import java.io.IOException;
import java.util.List;

/**
 * Where records go. {@link #write(List)} returning normally is the acknowledgement: the records are durably
 * accepted, and the checkpoint that follows them may be saved. A sink that buffers must flush before it
 * returns.
 *
 * <p>Threads: core's {@code Pipeline} drives each input on a thread of its own and calls {@code write} from those
 * threads, so a sink shared by several inputs is called concurrently and must be thread-safe. The batches of one
 * input arrive one at a time, in order.
 */
@FunctionalInterface
public interface RecordSink {

    /**
     * Writes a batch, in order.
     *
     * @param records the batch; never null, may be empty
     * @throws IOException when the batch could not be durably written; the caller retries and does not
     *                     advance the checkpoint
     */
    void write(List<OktaRecord> records) throws IOException;
}
