package dev.oktainputs.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.api.RecordSink;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.core.state.InMemoryIdSetStore;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * One input under test with its own in-memory state: runs it once at a time the way a scheduler would, keeping the
 * checkpoints and id sets between runs so a second run sees what the first one left.
 *
 * <pre>{@code
 * private final InputHarness harness = new InputHarness(new NetworkZonesInput());
 * ...
 * harness.run(client, sink, Map.of("page_size", 3));
 * JsonNode zone = InputHarness.json(sink, "network_zones", id);
 * }</pre>
 */
public final class InputHarness {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OktaInput input;
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryIdSetStore idSets = new InMemoryIdSetStore();

    /**
     * A harness with empty checkpoints and id sets.
     *
     * @param input the input to run
     */
    public InputHarness(OktaInput input) {
        this.input = Objects.requireNonNull(input, "input");
    }

    /**
     * The input this harness runs.
     *
     * @return the input given to the constructor
     */
    public OktaInput input() {
        return input;
    }

    /**
     * Runs the input once with its options parsed from {@code options} (undeclared keys fail as in a config file).
     *
     * @param client the client to read Okta with
     * @param sink where the records go
     * @param options the input's options by YAML key; the declared defaults fill the rest
     * @return what the run wrote
     * @throws Exception whatever the run throws
     */
    public InputRunner.Result run(OktaClient client, RecordSink sink, Map<String, ?> options) throws Exception {
        InputOptions parsed = InputOptions.parse(input.name(), input.options(), options);
        return InputRunner.runOnce(input, new InputContext(client, parsed, idSets), sink, checkpoints);
    }

    /**
     * Runs the input once with its default options.
     *
     * @param client the client to read Okta with
     * @param sink where the records go
     * @return what the run wrote
     * @throws Exception whatever the run throws
     */
    public InputRunner.Result run(OktaClient client, RecordSink sink) throws Exception {
        return run(client, sink, Map.of());
    }

    /**
     * The checkpoints the runs saved and read.
     *
     * @return this harness's checkpoint store
     */
    public InMemoryCheckpointStore checkpoints() {
        return checkpoints;
    }

    /**
     * The id sets the runs saved and read (the ids each listing saw, for removals).
     *
     * @return this harness's id set store
     */
    public InMemoryIdSetStore idSets() {
        return idSets;
    }

    /**
     * The JSON of the first record with {@code key} on {@code stream}.
     *
     * @param sink the sink the records went to
     * @param stream the stream name
     * @param key the record key
     * @return the record's JSON, parsed
     * @throws NoSuchElementException if the sink holds no such record
     */
    public static JsonNode json(RecordingSink sink, String stream, String key) {
        OktaRecord record = sink.records(stream).stream().filter(r -> r.key().equals(key)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no record " + key + " on " + stream));
        try {
            return JSON.readTree(record.jsonString());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
