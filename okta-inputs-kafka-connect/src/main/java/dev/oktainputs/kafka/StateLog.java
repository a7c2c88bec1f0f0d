package dev.oktainputs.kafka;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A durable key/value log with compaction: where a Connect task keeps the state that must survive a move to another
 * worker (the id sets behind deletion detection, the System Log's de-duplication window). {@link KafkaStateLog} is
 * the real one, a compacted topic.
 */
interface StateLog extends AutoCloseable {

    /** One key and its value; a null value deletes the key (a tombstone). */
    record Entry(String key, byte[] value) {
    }

    /**
     * Writes the entries durably, in order: when this returns, a {@link #read} on any worker sees them.
     *
     * @param entries the entries
     * @throws IOException when the log cannot be written (it names the cause and the setting that fixes it)
     */
    void write(List<Entry> entries) throws IOException;

    /**
     * Reads the log to its current end.
     *
     * @param keyPrefix only keys starting with this are returned
     * @return every live key with that prefix and its latest value (deleted keys left out)
     * @throws IOException when the log cannot be read
     */
    Map<String, byte[]> read(String keyPrefix) throws IOException;

    /**
     * Logs one warning for each of the given topics that exists and keeps records only for a time (a directory stream's
     * topic must be a table: compacted, or kept forever). Problems reading the settings are not errors.
     *
     * @param directoryTopics the topics of the directory streams
     */
    default void warnAboutTimeRetention(Collection<String> directoryTopics) {
    }

    /** Releases what an idle task need not hold (the producer); the next write gets a new one. */
    default void idle() {
    }

    /** @return where the log is, for messages (never a credential) */
    String describe();

    @Override
    void close();
}
