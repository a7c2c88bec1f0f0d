package dev.oktainputs.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.Inputs;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.RecordingSink;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What the inputs read from a fake org now, through the embedded API (the oracle the sinks' output is compared to). */
final class OrgTruth {

    private OrgTruth() {
    }

    /** @return per stream, key → JSON: each input run once from scratch, its records folded */
    static Map<String, Map<String, JsonNode>> fullSync(FakeOktaServer server, Collection<String> inputs) throws Exception {
        Map<String, Map<String, JsonNode>> expected = new LinkedHashMap<>();
        try (OktaClient client = server.clientBuilder().build()) {
            for (String name : inputs) {
                OktaInput input = Inputs.byName(name);
                RecordingSink sink = new RecordingSink();
                InputRunner.runOnce(input, InputContext.withDefaults(client, input), sink, new InMemoryCheckpointStore());
                for (OktaRecord r : sink.records()) {
                    Map<String, JsonNode> s = expected.computeIfAbsent(r.stream(), k -> new HashMap<>());
                    if (r.op() == OktaRecord.Op.DELETE) {
                        s.remove(r.key());
                    } else {
                        s.put(r.key(), Databases.read(r.jsonString()));
                    }
                }
                expected.putIfAbsent(name, new HashMap<>());
            }
        }
        return expected;
    }

    /**
     * Adds a problem when the written content differs from the org's: keys missing, extra, or with other JSON. Not
     * compared, by design (docs/directory.md): a group's lastMembershipUpdated (the groups input follows the profile),
     * and a group_members edge's member login and status, which are as they were when the edge was emitted (a member
     * deprovisioned since shows ACTIVE until the group is listed again; the users table has the change).
     */
    static void compare(String stream, Map<String, JsonNode> orgContent, Map<String, JsonNode> output, List<String> problems) {
        List<String> ignored = switch (stream) {
            case "groups" -> List.of("lastMembershipUpdated");
            case "group_members" -> List.of("login", "status");
            default -> List.of();
        };
        Map<String, JsonNode> expected = withoutFields(orgContent, ignored);
        Map<String, JsonNode> written = withoutFields(output, ignored);
        Set<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(written.keySet());
        Set<String> extra = new TreeSet<>(written.keySet());
        extra.removeAll(expected.keySet());
        List<String> stale = expected.keySet().stream().filter(written::containsKey)
                .filter(k -> !expected.get(k).equals(written.get(k))).sorted().toList();
        if (!missing.isEmpty() || !extra.isEmpty() || !stale.isEmpty()) {
            problems.add(stream + ": the table does not hold the org's content (" + expected.size() + " keys expected). Missing "
                    + missing.size() + " " + first(missing) + ", not in the org " + extra.size() + " " + first(extra)
                    + ", other than the org " + stale.size() + " " + first(stale)
                    + (stale.isEmpty() ? "" : "; the first is " + written.get(stale.get(0)) + ", the org has " + expected.get(stale.get(0))));
        }
    }

    private static Map<String, JsonNode> withoutFields(Map<String, JsonNode> records, List<String> fields) {
        if (fields.isEmpty()) {
            return records;
        }
        Map<String, JsonNode> copy = new HashMap<>();
        records.forEach((k, v) -> {
            JsonNode c = v == null ? null : v.deepCopy();
            if (c != null && c.isObject()) {
                ((ObjectNode) c).remove(fields);
            }
            copy.put(k, c);
        });
        return copy;
    }

    static List<String> first(Collection<String> keys) {
        return keys.stream().limit(5).toList();
    }
}
