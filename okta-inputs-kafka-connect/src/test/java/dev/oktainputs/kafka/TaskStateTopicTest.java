package dev.oktainputs.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.VirtualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The id sets and de-duplication windows live in the state topic: a task that starts on another worker (another state
 * directory, nothing on its disk) reads them back and behaves exactly as the task that stopped would have; runs that
 * emit nothing do not grow the state.
 */
class TaskStateTopicTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(120).seed(11)
            .directory(DirectoryShape.of(12, 6, 0, 0)).build();

    @TempDir
    Path workerA;
    @TempDir
    Path workerB;

    private final MemoryStateLog stateLog = new MemoryStateLog();

    private Map<String, String> config(FakeOktaServer server, String families, Path stateDir, Map<String, String> more) {
        Map<String, String> c = new HashMap<>();
        c.put("name", "okta-move");
        c.put(OktaConnectorConfig.ORG_URL, server.orgUrl());
        c.put(OktaConnectorConfig.API_KEY, server.apiToken());
        c.put(OktaConnectorConfig.INPUTS, families);
        c.put(OktaConnectorConfig.STATE_DIR, stateDir.toString());
        c.put(OktaConnectorConfig.STATE_BOOTSTRAP, "kafka.invalid:9092"); // the state topic is the MemoryStateLog
        c.put("okta.users.page_size", "40");
        c.put("okta.users.full_sync_every", "1");
        c.put("okta.groups.page_size", "5");
        c.put("okta.users.cron", "*/30 * * * *");
        c.put("okta.groups.cron", "*/30 * * * *");
        c.putAll(more);
        return c;
    }

    /** A worker with its own disk that took over the committed offsets of {@code from}. */
    private static TaskHarness takeOver(TaskHarness from, Map<String, String> config) {
        TaskHarness to = new TaskHarness(config);
        to.committed.putAll(from.committed);
        return to;
    }

    private static Set<String> deletes(List<SourceRecord> records, String topic) {
        return records.stream().filter(r -> r.topic().equals(topic) && "DELETE".equals(TaskHarness.header(r, "okta.op")))
                .map(r -> (String) r.key()).collect(Collectors.toSet());
    }

    private static long files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.getFileName().toString().endsWith(".gz")).count();
        }
    }

    @Test
    void aTaskThatMovesToAnotherWorkerReportsTheDeletesMadeMeanwhile(FakeOktaServer server, FakeOrg org, VirtualClock clock)
            throws Exception {
        TaskHarness a = new TaskHarness(config(server, "users,groups", workerA, Map.of()));
        OktaSourceTask first = a.start(new OktaSourceTask(clock, clock, c -> stateLog));
        a.drain(first, 3); // the first full pass: every id set written and committed
        first.stop();

        // The worker is gone, with its disk. Meanwhile users and memberships are deleted.
        Set<String> edgesBefore = new HashSet<>(org.directory().membershipKeys());
        List<String> deletedUsers = org.users().stream().skip(7).limit(5).map(u -> u.id()).collect(Collectors.toList());
        deletedUsers.forEach(org::deleteUser);
        List<String> removedEdges = org.directory().removeRandomMemberships(6);
        clock.advance(Duration.ofMinutes(31));

        TaskHarness b = takeOver(a, config(server, "users,groups", workerB, Map.of()));
        int before = b.sent.size();
        OktaSourceTask moved = b.start(new OktaSourceTask(clock, clock, c -> stateLog));
        b.drain(moved, 3);
        moved.stop();
        List<SourceRecord> after = b.sent.subList(before, b.sent.size());
        // Exactly what an unmoved task reports: every deleted user, and every edge that existed and is gone (the
        // removed memberships and those of the deleted users).
        assertThat(deletes(after, "okta.users")).isEqualTo(new HashSet<>(deletedUsers));
        Set<String> expectedEdges = new HashSet<>(edgesBefore);
        expectedEdges.removeAll(org.directory().membershipKeys());
        assertThat(expectedEdges).containsAll(removedEdges);
        assertThat(deletes(after, "okta.group_members")).isEqualTo(expectedEdges);
        assertThat(files(workerB)).as("the moved task's cache is gone once it stopped").isZero();
    }

    @Test
    void aMovedSystemLogTaskDropsTheEventsItsPredecessorDelivered(FakeOktaServer server, FakeOrg org, VirtualClock clock) {
        org.systemLog().generate(300, Duration.ofMinutes(20));
        Map<String, String> more = Map.of("okta.system_log.page_size", "50", "okta.system_log.overlap", "PT30M",
                "okta.system_log.cron", "* * * * *");
        TaskHarness a = new TaskHarness(config(server, "system_log", workerA, more));
        OktaSourceTask first = a.start(new OktaSourceTask(clock, clock, c -> stateLog));
        a.drain(first, 3);
        first.stop();
        assertThat(a.sent("okta.system_log")).hasSize(300);

        List<String> appended = org.systemLog().append(40);
        clock.advance(Duration.ofMinutes(1));
        // On another worker: the run re-reads the last 30 minutes (the overlap) and must drop all it has delivered.
        TaskHarness b = takeOver(a, config(server, "system_log", workerB, more));
        OktaSourceTask moved = b.start(new OktaSourceTask(clock, clock, c -> stateLog));
        b.drain(moved, 3);
        moved.stop();
        assertThat(b.sent("okta.system_log")).extracting(r -> (String) r.key()).containsExactlyInAnyOrderElementsOf(appended);
    }

    @Test
    void atLeastOnceAMovedTaskRepeatsOnlyTheEventsWrittenAfterTheLastOffsetCommit(FakeOktaServer server, FakeOrg org,
                                                                              VirtualClock clock) {
        org.systemLog().generate(300, Duration.ofMinutes(20));
        Map<String, String> more = Map.of("okta.system_log.page_size", "50", "okta.system_log.cron", "* * * * *",
                "okta.system_log.batch_max_records", "0"); // a batch per page of 50
        TaskHarness a = new TaskHarness(config(server, "system_log", workerA, more));
        OktaSourceTask first = a.start(new OktaSourceTask(clock, clock, c -> stateLog));
        a.pollAndCommit(first);
        a.pollAndCommit(first); // 100 events written and their offsets committed
        List<String> uncommitted = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) { // 100 more written, but the worker dies before it commits their offsets
            first.poll().forEach(r -> uncommitted.add((String) r.key()));
        }
        assertThat(uncommitted).hasSize(100);
        first.stop();

        TaskHarness b = takeOver(a, config(server, "system_log", workerB, more));
        OktaSourceTask moved = b.start(new OktaSourceTask(clock, clock, c -> stateLog));
        b.drain(moved, 3);
        moved.stop();
        List<String> again = b.sent("okta.system_log").stream().map(r -> (String) r.key()).collect(Collectors.toList());
        List<String> delivered = a.sent("okta.system_log").stream().map(r -> (String) r.key()).collect(Collectors.toList());
        delivered.addAll(uncommitted);
        delivered.addAll(again);
        // Each event at least once; the only repeats are the events whose offsets were not committed.
        assertThat(new HashSet<>(delivered)).isEqualTo(new HashSet<>(org.systemLog().uuids()));
        Set<String> repeated = new HashSet<>(again);
        repeated.retainAll(new HashSet<>(uncommitted));
        assertThat(repeated).isEqualTo(new HashSet<>(uncommitted));
        assertThat(again).hasSize(200).doesNotHaveDuplicates();
    }

    @Test
    void runsThatEmitNothingLeaveTheStateAsItWas(FakeOktaServer server, FakeOrg org, VirtualClock clock) throws Exception {
        org.systemLog().generate(120, Duration.ofMinutes(10));
        Map<String, String> more = Map.of("okta.users.cron", "* * * * *", "okta.groups.cron", "* * * * *",
                "okta.system_log.cron", "* * * * *", "okta.system_log.page_size", "50",
                "okta.system_log.dedup_window", "P1D", "okta.users.full_sync_every", "0", "okta.groups.full_sync_every", "0");
        TaskHarness worker = new TaskHarness(config(server, "users,groups,system_log", workerA, more));
        OktaSourceTask task = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        worker.drain(task, 3);
        clock.advance(Duration.ofMinutes(1));
        worker.drain(task, 3); // the first quiet run
        int sent = worker.sent.size();
        String prefix = "okta-move/" + java.net.URI.create(server.orgUrl()).getAuthority() + "/";
        Map<String, Long> keysBefore = keysPerSet(prefix);
        long filesBefore = files(workerA);

        for (int run = 0; run < 20; run++) {
            clock.advance(Duration.ofMinutes(1));
            worker.drain(task, 3);
        }
        assertThat(worker.sent.size()).as("nothing changed, nothing emitted").isEqualTo(sent);
        assertThat(keysPerSet(prefix)).isEqualTo(keysBefore);
        assertThat(keysBefore).containsKeys("users", "group_members", "system_log.dedup");
        assertThat(files(workerA)).isEqualTo(filesBefore);
        task.stop();
    }

    private Map<String, Long> keysPerSet(String prefix) {
        return stateLog.liveKeys(prefix).stream().map(k -> k.substring(prefix.length(), k.indexOf('/', prefix.length())))
                .collect(Collectors.groupingBy(s -> s, java.util.TreeMap::new, Collectors.counting()));
    }

    @Test
    void aStateTopicThatCannotBeWrittenIsRetriedAtTheNextRun(FakeOktaServer server, FakeOrg org, VirtualClock clock) {
        TaskHarness worker = new TaskHarness(config(server, "users", workerA, Map.of()));
        OktaSourceTask task = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        stateLog.failWrites = true;
        assertThatThrownBy(() -> worker.drain(task, 3)).isInstanceOf(RetriableException.class)
                .hasMessageContaining("users").hasMessageContaining(OktaConnectorConfig.STATE_BOOTSTRAP);
        assertThat(worker.committed).isEmpty(); // nothing names state the topic does not hold
        stateLog.failWrites = false;
        clock.advance(Duration.ofMinutes(30));
        worker.drain(task, 3);
        task.stop();
        assertThat(worker.sent("okta.users").stream().map(r -> (String) r.key()).collect(Collectors.toSet()))
                .isEqualTo(org.users().stream().map(u -> u.id()).collect(Collectors.toSet()));
    }
}
