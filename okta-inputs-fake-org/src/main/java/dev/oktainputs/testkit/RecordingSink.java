package dev.oktainputs.testkit;

import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.api.RecordSink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RecordSink} that keeps what it is given, for assertions. {@link #failNextWrites(int)} makes writes throw
 * {@link IOException} (keeping nothing), to test that a checkpoint does not advance past an unacknowledged batch.
 * Thread-safe.
 */
public final class RecordingSink implements RecordSink {

    private final List<OktaRecord> records = new ArrayList<>();
    private int writes;
    private int failedWrites;
    private int failuresPending;

    @Override
    public synchronized void write(List<OktaRecord> batch) throws IOException {
        if (failuresPending > 0) {
            failuresPending--;
            failedWrites++;
            throw new IOException("RecordingSink: injected write failure (" + batch.size() + " records refused)");
        }
        records.addAll(batch);
        writes++;
    }

    /**
     * Makes the next {@code n} calls to {@link #write(List)} throw IOException without keeping their records.
     *
     * @param n how many writes fail (replaces any count still pending)
     */
    public synchronized void failNextWrites(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
        failuresPending = n;
    }

    /** @return every record written successfully, in order */
    public synchronized List<OktaRecord> records() {
        return List.copyOf(records);
    }

    /**
     * @param stream a stream name, e.g. {@code users}
     * @return the records of that stream, in order
     */
    public synchronized List<OktaRecord> records(String stream) {
        return records.stream().filter(r -> r.stream().equals(stream)).toList();
    }

    /**
     * @param stream a stream name
     * @return the keys of that stream's records, in order (repeated when a key was written more than once)
     */
    public synchronized List<String> keys(String stream) {
        return records.stream().filter(r -> r.stream().equals(stream)).map(OktaRecord::key).toList();
    }

    /** @return how many writes succeeded (batches acknowledged) */
    public synchronized int writeCount() {
        return writes;
    }

    /** @return how many writes failed through {@link #failNextWrites(int)} */
    public synchronized int failedWriteCount() {
        return failedWrites;
    }

    /** Forgets the records and resets the counters and pending failures. */
    public synchronized void clear() {
        records.clear();
        writes = 0;
        failedWrites = 0;
        failuresPending = 0;
    }

    @Override
    public synchronized String toString() {
        return "RecordingSink{" + records.size() + " records in " + writes + " writes}";
    }
}
