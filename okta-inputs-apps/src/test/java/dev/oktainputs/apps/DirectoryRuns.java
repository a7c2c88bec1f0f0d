package dev.oktainputs.apps;

import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.api.RecordSink;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.core.state.InMemoryIdSetStore;
import dev.oktainputs.groups.GroupMembersInput;
import dev.oktainputs.groups.GroupsInput;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the directory inputs the way a scheduler would: one client for the org, one checkpoint store and one id-set
 * store across runs. Its sink keeps {@code stream op key} lines, not the JSON, so that a 20,000-user org's
 * records cost little in the test itself.
 */
final class DirectoryRuns implements AutoCloseable {

    static final List<OktaInput> ALL = List.of(new GroupsInput(), new GroupMembersInput(), new AppsInput(),
            new AppUsersInput(), new AppGroupsInput());

    final OktaClient client;
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryIdSetStore idSets = new InMemoryIdSetStore();

    DirectoryRuns(FakeOktaServer okta, VirtualClock clock) {
        client = okta.clientBuilder().build();
    }

    /** One run of each input, in order; returns the {@code stream op key} lines written. */
    List<String> run(List<OktaInput> inputs, Map<String, ?> options) throws Exception {
        List<String> lines = new ArrayList<>();
        RecordSink sink = records -> {
            for (OktaRecord r : records) {
                lines.add(r.stream() + " " + r.op() + " " + r.key());
            }
        };
        for (OktaInput input : inputs) {
            Map<String, Object> own = new java.util.HashMap<>();
            options.forEach((k, v) -> {
                if (input.options().stream().anyMatch(o -> o.name().equals(k))) {
                    own.put(k, v);
                }
            });
            InputContext ctx = new InputContext(client, InputOptions.parse(input.name(), input.options(), own), idSets);
            InputRunner.runOnce(input, ctx, sink, checkpoints);
        }
        return lines;
    }

    @Override
    public void close() {
        client.close();
    }
}
