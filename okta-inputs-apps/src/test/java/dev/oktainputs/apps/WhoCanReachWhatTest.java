package dev.oktainputs.apps;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.oktainputs.groups.GroupMembersInput;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeDirectory;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakeUser;
import dev.oktainputs.testkit.VirtualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Which apps can user X reach, directly or through groups?" answered from the emitted records alone: the
 * records are applied to a table keyed by (stream, key) as any sink would (UPSERT replaces, DELETE removes), and
 * the question is a join over that table's JSON. The fake org is the ground truth it is checked against, before
 * and after assignments change.
 */
class WhoCanReachWhatTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(1500).seed(77)
            .directory(DirectoryShape.of(150, 25, 40, 60).withAppGroups(4)).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, JsonNode> table = new HashMap<>();
    private final RecordSink sink = records -> records.forEach(this::apply);

    private void apply(OktaRecord r) {
        String key = r.stream() + " " + r.key();
        if (r.op() == OktaRecord.Op.DELETE) {
            table.remove(key);
        } else {
            try {
                table.put(key, JSON.readTree(r.jsonBytesUnsafe()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The answer from the table: app id → "direct" and/or the groups that grant it. */
    private Map<String, Set<String>> reach(String userId) {
        Set<String> groups = new TreeSet<>();
        Map<String, Set<String>> apps = new HashMap<>();
        table.forEach((k, edge) -> {
            if (k.startsWith("group_members ") && edge.get("userId").asText().equals(userId)) {
                groups.add(edge.get("groupId").asText());
            }
        });
        table.forEach((k, edge) -> {
            if (k.startsWith("app_users ") && edge.get("userId").asText().equals(userId)) {
                apps.computeIfAbsent(edge.get("appId").asText(), a -> new TreeSet<>()).add("direct");
            } else if (k.startsWith("app_groups ") && groups.contains(edge.get("groupId").asText())) {
                apps.computeIfAbsent(edge.get("appId").asText(), a -> new TreeSet<>()).add(edge.get("groupId").asText());
            }
        });
        return apps;
    }

    /** The same question asked of the fake org itself. */
    private static Map<String, Set<String>> truth(FakeDirectory dir, String userId) {
        Map<String, Set<String>> apps = new HashMap<>();
        dir.apps().forEach(app -> {
            if (dir.appUsers(app.id()).contains(userId)) {
                apps.computeIfAbsent(app.id(), a -> new TreeSet<>()).add("direct");
            }
            for (String g : dir.appGroups(app.id())) {
                if (dir.members(g).contains(userId)) {
                    apps.computeIfAbsent(app.id(), a -> new TreeSet<>()).add(g);
                }
            }
        });
        return apps;
    }

    private void runAll(OktaClient client, InMemoryCheckpointStore checkpoints, InMemoryIdSetStore idSets) throws Exception {
        for (OktaInput input : List.of(new GroupMembersInput(), new AppUsersInput(), new AppGroupsInput())) {
            InputRunner.runOnce(input, new InputContext(client, InputOptions.defaults(input.name(), input.options()), idSets),
                    sink, checkpoints);
        }
    }

    @Test
    void answersFromTheRecordsAloneAndFollowsChanges(FakeOktaServer server, FakeOrg org, VirtualClock clock) throws Exception {
        FakeDirectory dir = org.directory();
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
        InMemoryIdSetStore idSets = new InMemoryIdSetStore();
        try (OktaClient client = server.clientBuilder().build()) {
            runAll(client, checkpoints, idSets);
            List<String> users = org.users().stream().map(FakeUser::id).toList();
            int viaGroups = 0;
            int direct = 0;
            for (String user : users.subList(0, 300)) {
                Map<String, Set<String>> answer = reach(user);
                assertThat(answer).as(user).isEqualTo(truth(dir, user));
                viaGroups += answer.values().stream().anyMatch(s -> !s.contains("direct") || s.size() > 1) ? 1 : 0;
                direct += answer.values().stream().anyMatch(s -> s.contains("direct")) ? 1 : 0;
            }
            assertThat(viaGroups).as("users reaching an app through a group").isGreaterThan(20);
            assertThat(direct).as("users with a direct assignment").isGreaterThan(20);

            // X loses a direct assignment and a group that grants another app; the next runs' DELETEs update the answer
            String x = users.stream().filter(u -> reach(u).values().stream().anyMatch(s -> s.contains("direct"))
                    && reach(u).values().stream().anyMatch(s -> s.stream().anyMatch(g -> !g.equals("direct")))).findFirst().orElseThrow();
            Map<String, Set<String>> before = reach(x);
            String directApp = before.entrySet().stream().filter(e -> e.getValue().contains("direct")).findFirst().orElseThrow().getKey();
            String grantingGroup = before.values().stream().flatMap(Set::stream).filter(g -> !g.equals("direct")).findFirst().orElseThrow();
            clock.advance(Duration.ofMinutes(20));
            dir.unassignUser(directApp, x);
            dir.removeMember(grantingGroup, x);
            clock.advance(Duration.ofMinutes(1));
            runAll(client, checkpoints, idSets);
            Map<String, Set<String>> after = reach(x);
            assertThat(after).isEqualTo(truth(dir, x)).isNotEqualTo(before);
            assertThat(after.values()).noneMatch(s -> s.contains(grantingGroup));
        }
    }
}
