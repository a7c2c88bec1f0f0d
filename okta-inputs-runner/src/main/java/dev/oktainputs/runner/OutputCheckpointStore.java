package dev.oktainputs.runner;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.CheckpointStore;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the JSON Lines files and the checkpoints agree after a crash, so a restart neither loses nor repeats a
 * record in the output.
 *
 * <p>The pipeline writes a batch, then saves its checkpoint. A kill between the two leaves records in the files that
 * no checkpoint covers; the input reads them again on restart, so they would appear twice (for the System Log, events
 * twice: its uuid window only knows checkpointed events). This store closes that gap: every checkpoint an input
 * saves also records the length of the input's output files at that moment (key {@value #KEY_PREFIX}{@code <stream>},
 * in the same atomically replaced file), and {@link #recover(String)}, run at start-up before anything is written,
 * cuts each file back to the length its input's checkpoint recorded. The output then holds exactly the batches the
 * checkpoints account for, and the restarted input continues right after them.
 *
 * <p>An input without a checkpoint (never ran, or killed before its first one) is cut back to the length its files
 * had when the runner started, kept in {@code <input>.output}. Inputs never see the extra keys. A stream that two
 * inputs write is not tracked (its length says nothing about either checkpoint).
 */
final class OutputCheckpointStore implements CheckpointStore {

    /** Checkpoint keys of the output lengths: this prefix plus the stream name. */
    static final String KEY_PREFIX = "runner.output_bytes.";
    private static final String BASELINE_SUFFIX = ".output";
    private static final Logger LOG = LoggerFactory.getLogger(OutputCheckpointStore.class);

    private final CheckpointStore delegate;
    private final JsonLinesFileSink sink;
    private final Map<String, List<String>> streamsByInput;

    /**
     * @param delegate       where checkpoints live
     * @param sink           the file sink the inputs write to
     * @param streamsByInput each input's streams ({@link dev.oktainputs.core.OktaInput#streams()})
     */
    OutputCheckpointStore(CheckpointStore delegate, JsonLinesFileSink sink, Map<String, List<String>> streamsByInput) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.sink = Objects.requireNonNull(sink, "sink");
        Map<String, Integer> writers = new HashMap<>();
        streamsByInput.values().forEach(streams -> streams.forEach(s -> writers.merge(s, 1, Integer::sum)));
        Map<String, List<String>> tracked = new LinkedHashMap<>();
        streamsByInput.forEach((input, streams) -> tracked.put(input, streams.stream().filter(s -> writers.get(s) == 1).toList()));
        this.streamsByInput = tracked;
    }

    /**
     * Cuts every tracked output file back to the length its input's last checkpoint recorded, then remembers the
     * lengths as the baseline of inputs that have no checkpoint yet. Call once, before the pipeline writes.
     *
     * @param org the org, as the pipeline names it
     * @throws IOException when a checkpoint cannot be read or a file cannot be cut
     */
    void recover(String org) throws IOException {
        for (Map.Entry<String, List<String>> e : streamsByInput.entrySet()) {
            String input = e.getKey();
            Optional<Checkpoint> checkpoint = delegate.load(org, input);
            Map<String, Object> committed = checkpoint.map(Checkpoint::values).orElse(Map.of());
            Optional<Checkpoint> baseline = delegate.load(org, input + BASELINE_SUFFIX);
            Map<String, Object> lengths = new LinkedHashMap<>();
            boolean stale = false;
            for (String stream : e.getValue()) {
                String key = KEY_PREFIX + stream;
                Object length = committed.getOrDefault(key, baseline.map(b -> b.values().get(key)).orElse(null));
                if (length instanceof Long l) {
                    long cut = sink.rollBack(stream, l);
                    if (cut > 0) {
                        LOG.warn("{}: removed {} bytes of {} written after the last checkpoint (the previous run stopped before"
                                + " saving it); those records are read again", input, cut, sink.file(stream));
                    }
                }
                long now = sink.length(stream);
                lengths.put(key, now);
                // a file rotated or replaced since: measure from the file that is there now
                stale |= committed.get(key) instanceof Long l && l != now;
            }
            if (stale) {
                Map<String, Object> values = new LinkedHashMap<>(committed);
                values.putAll(lengths);
                delegate.save(org, input, Checkpoint.of(checkpoint.get().version(), values));
            }
            if (!lengths.isEmpty() && !baseline.map(Checkpoint::values).orElse(Map.of()).equals(lengths)) {
                delegate.save(org, input + BASELINE_SUFFIX, Checkpoint.of(1, lengths));
            }
        }
    }

    @Override
    public Optional<Checkpoint> load(String org, String stream) throws IOException {
        Optional<Checkpoint> cp = delegate.load(org, stream);
        if (cp.isEmpty() || !streamsByInput.containsKey(stream)) {
            return cp;
        }
        Map<String, Object> values = new LinkedHashMap<>(cp.get().values());
        values.keySet().removeIf(k -> k.startsWith(KEY_PREFIX));
        return values.isEmpty() ? Optional.empty() : Optional.of(Checkpoint.of(cp.get().version(), values));
    }

    /** Saves the checkpoint with the current length of the input's output files (just written, so the batch's end). */
    @Override
    public void save(String org, String stream, Checkpoint checkpoint) throws IOException {
        List<String> streams = streamsByInput.get(stream);
        if (streams == null || streams.isEmpty()) {
            delegate.save(org, stream, checkpoint);
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>(checkpoint.values());
        for (String s : streams) {
            values.put(KEY_PREFIX + s, sink.length(s));
        }
        delegate.save(org, stream, Checkpoint.of(Math.max(1, checkpoint.version()), values));
    }

    @Override
    public String toString() {
        return delegate + " with output lengths of " + sink;
    }
}
