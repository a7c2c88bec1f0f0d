package dev.oktainputs.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.Fault;
import dev.oktainputs.testkit.RequestAuthenticator;
import dev.oktainputs.testkit.ServiceApp;
import dev.oktainputs.testkit.TestKeyPair;
import dev.oktainputs.testkit.VirtualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class OktaSourceTaskTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(300).seed(5)
            .directory(DirectoryShape.of(20, 10, 0, 0)).build();

    @TempDir
    Path state;

    /** The state topic every task of a test shares, as the tasks of a connector share theirs. */
    private final MemoryStateLog stateLog = new MemoryStateLog();

    private Map<String, String> config(FakeOktaServer server, String families, Map<String, String> more) {
        Map<String, String> c = new HashMap<>();
        c.put("name", "okta-test");
        c.put(OktaConnectorConfig.ORG_URL, server.orgUrl());
        c.put(OktaConnectorConfig.API_KEY, server.apiToken());
        c.put(OktaConnectorConfig.INPUTS, families);
        c.put(OktaConnectorConfig.STATE_DIR, state.toString());
        c.put(OktaConnectorConfig.STATE_BOOTSTRAP, "kafka.invalid:9092"); // the state topic is the test's MemoryStateLog
        c.put("okta.users.page_size", "50");
        c.put("okta.groups.page_size", "7");
        c.putAll(more);
        return c;
    }

    private static String someGroup(FakeOrg org, int skip) {
        return org.directory().groups().stream().map(g -> g.id())
                .filter(id -> !id.equals(org.directory().everyoneGroupId()) && !org.directory().members(id).isEmpty())
                .skip(skip).findFirst().orElseThrow();
    }

    @Test
    void everyStreamGoesToItsTopicWithKeysHeadersAndTheCheckpointOnEachBatchsLastRecord(FakeOktaServer server, FakeOrg org,
                                                                                      VirtualClock clock) {
        TaskHarness worker = new TaskHarness(config(server, "users,groups", Map.of("okta.users.batch_max_records", "100")));
        OktaSourceTask task = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        worker.drain(task, 3);
        task.stop();

        List<SourceRecord> users = worker.sent("okta.users");
        assertThat(users.stream().map(r -> (String) r.key()).collect(Collectors.toSet()))
                .isEqualTo(org.users().stream().map(u -> u.id()).collect(Collectors.toSet()));
        assertThat(worker.sent("okta.group_members").stream().map(r -> (String) r.key()).collect(Collectors.toSet()))
                .isEqualTo(org.directory().membershipKeys());
        assertThat(worker.sent("okta.groups")).hasSize(org.directory().groups().size());

        SourceRecord first = users.get(0);
        assertThat(first.sourcePartition()).isEqualTo(Map.of("org", server.orgUrl(), "stream", "users"));
        assertThat(first.keySchema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(first.valueSchema()).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) first.value();
        assertThat(value.get("id")).isEqualTo(first.key());
        assertThat(value).containsKeys("status", "profile", "lastUpdated");
        assertThat(TaskHarness.header(first, "okta.stream")).isEqualTo("users");
        assertThat(TaskHarness.header(first, "okta.op")).isEqualTo("UPSERT");
        assertThat(first.timestamp()).isPositive();

        // 300 users in pages of 50, batches of two pages: the records of one batch carry the offset before it, the last
        // one the new one.
        assertThat(users.get(0).sourceOffset()).isEqualTo(Map.of("checkpoint_version", 0L));
        assertThat(users.get(98).sourceOffset()).isEqualTo(users.get(0).sourceOffset());
        assertThat(users.get(99).sourceOffset()).isNotEqualTo(users.get(0).sourceOffset());
        assertThat(users.get(100).sourceOffset()).isEqualTo(users.get(99).sourceOffset());
        assertThat(users.get(99).sourceOffset()).containsKey("checkpoint_version");
        assertThat(users.get(199).sourceOffset()).isNotEqualTo(users.get(99).sourceOffset());
    }

    @Test
    void recordsAreStampedWhenReadAndCarryOktasTimeInAHeaderOrAreStampedWithOktasTimeWhenAsked(FakeOktaServer server,
                                                                                              FakeOrg org, VirtualClock clock) {
        Instant start = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        TaskHarness worker = new TaskHarness(config(server, "users", Map.of()));
        OktaSourceTask task = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        worker.drain(task, 3);
        task.stop();
        Instant end = clock.instant();
        List<SourceRecord> users = worker.sent("okta.users");
        assertThat(users).hasSize(org.users().size());
        for (SourceRecord r : users) {
            Instant lastUpdated = Instant.parse((String) ((Map<?, ?>) r.value()).get("lastUpdated"));
            assertThat(lastUpdated).isBefore(start); // the org's users changed before the test began
            assertThat(Instant.ofEpochMilli(r.timestamp())).isBetween(start, end);
            assertThat(Instant.parse(TaskHarness.header(r, "okta.timestamp"))).isEqualTo(lastUpdated);
        }

        TaskHarness eventTime = new TaskHarness(config(server, "users", Map.of("name", "okta-event-time",
                OktaConnectorConfig.RECORD_TIMESTAMP, "okta")));
        OktaSourceTask task2 = eventTime.start(new OktaSourceTask(clock, clock, c -> stateLog));
        eventTime.drain(task2, 3);
        task2.stop();
        assertThat(eventTime.sent("okta.users")).hasSize(org.users().size()).allSatisfy(r -> assertThat(r.timestamp())
                .isEqualTo(Instant.parse((String) ((Map<?, ?>) r.value()).get("lastUpdated")).toEpochMilli()));

        assertThatThrownBy(() -> new OktaConnectorConfig(config(server, "users", Map.of(OktaConnectorConfig.RECORD_TIMESTAMP,
                "lastUpdated")))).hasMessageContaining("okta.record.timestamp").hasMessageContaining("read");
    }

    @Test
    void aRemovedMembershipBecomesATombstoneAndTheNextRunResumesFromTheCommittedOffsets(FakeOktaServer server, FakeOrg org,
                                                                                       VirtualClock clock) {
        Map<String, String> cfg = config(server, "groups", Map.of("okta.groups.cron", "*/30 * * * *"));
        TaskHarness worker = new TaskHarness(cfg);
        OktaSourceTask task = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        worker.drain(task, 3);
        task.stop();
        int before = worker.sent.size();

        clock.advance(Duration.ofMinutes(15));
        String group = someGroup(org, 3);
        String member = org.directory().members(group).get(0);
        org.directory().removeMember(group, member);
        clock.advance(Duration.ofMinutes(16)); // past the 00:30 fire, which the stopped task missed

        // A new task (a restart, a rebalance) starts from the committed offsets: it runs the missed fire at once,
        // with no full re-read: one removal.
        OktaSourceTask again = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        worker.drain(again, 3);
        again.stop();
        List<SourceRecord> after = worker.sent.subList(before, worker.sent.size());
        List<SourceRecord> deletes = after.stream().filter(r -> "DELETE".equals(TaskHarness.header(r, "okta.op"))).collect(Collectors.toList());
        assertThat(deletes).hasSize(1);
        SourceRecord tombstone = deletes.get(0);
        assertThat(tombstone.topic()).isEqualTo("okta.group_members");
        assertThat(tombstone.key()).isEqualTo(group + "/" + member);
        assertThat(tombstone.value()).isNull();
        assertThat(tombstone.valueSchema()).isNull();
    }

    @Test
    void withoutTombstonesADeleteIsAMarkerRecord(FakeOktaServer server, FakeOrg org, VirtualClock clock) {
        Map<String, String> cfg = config(server, "groups", Map.of("tombstones.on.delete", "false"));
        TaskHarness worker = new TaskHarness(cfg);
        OktaSourceTask task = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        worker.drain(task, 3);
        clock.advance(Duration.ofMinutes(15));
        String group = someGroup(org, 1);
        String member = org.directory().members(group).get(0);
        org.directory().removeMember(group, member);
        clock.advance(Duration.ofMinutes(16));
        worker.drain(task, 3);
        task.stop();
        SourceRecord marker = worker.sent.stream().filter(r -> "DELETE".equals(TaskHarness.header(r, "okta.op"))).findFirst().orElseThrow();
        assertThat(marker.value()).isEqualTo(Map.of("id", group + "/" + member, "deleted", true));
    }

    @Test
    void theSystemLogResumesFromItsOffsetWithoutLossOrDuplicates(FakeOktaServer server, FakeOrg org, VirtualClock clock) {
        org.systemLog().generate(700, Duration.ofMinutes(30));
        Map<String, String> cfg = config(server, "system_log", Map.of("okta.system_log.page_size", "100",
                "okta.system_log.batch_max_records", "200")); // batches of two pages
        TaskHarness worker = new TaskHarness(cfg);
        OktaSourceTask task = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        for (int i = 0; i < 2; i++) {
            worker.pollAndCommit(task); // stopped mid-run, after two batches of two pages
        }
        task.stop();
        // A run stopped part-way has not completed: no fire is stored, so the next task runs the input at once.
        assertThat(worker.committed.get(Map.of("org", server.orgUrl(), "stream", "system_log"))).containsKey("next")
                .doesNotContainKey("last_fire");
        List<String> appended = org.systemLog().append(120);
        OktaSourceTask again = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        worker.drain(again, 3);
        again.stop();

        List<String> uuids = worker.sent("okta.system_log").stream().map(r -> (String) r.key()).collect(Collectors.toList());
        assertThat(uuids).doesNotHaveDuplicates();
        assertThat(new HashSet<>(uuids)).isEqualTo(new HashSet<>(org.systemLog().uuids()));
        assertThat(uuids).containsAll(appended);
    }

    @Test
    void aSystemLogOffsetMovedToADateReReadsFromThere(FakeOktaServer server, FakeOrg org, VirtualClock clock) {
        org.systemLog().generate(400, Duration.ofMinutes(40));
        Map<String, String> cfg = config(server, "system_log", Map.of("okta.system_log.page_size", "100"));
        TaskHarness worker = new TaskHarness(cfg);
        OktaSourceTask task = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        worker.drain(task, 2);
        task.stop();
        assertThat(worker.sent).hasSize(400);

        // What docs/kafka-connect.md says an operator PATCHes: version and query as GET .../offsets shows them, next from a date,
        // and no dedup_* keys (else the events already delivered would be dropped as duplicates).
        Map<String, String> partition = Map.of("org", server.orgUrl(), "stream", "system_log");
        Map<String, ?> current = worker.committed.get(partition);
        java.time.Instant since = clock.instant().minus(Duration.ofMinutes(10));
        String sinceText = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(since);
        Map<String, Object> moved = new HashMap<>();
        moved.put("checkpoint_version", current.get("checkpoint_version"));
        moved.put("query", current.get("query"));
        moved.put("next", "/api/v1/logs?since=" + sinceText + "&limit=100");
        assertThat(new OktaSourceConnector().alterOffsets(cfg, Map.of(partition, moved))).isTrue();
        worker.committed.put(partition, moved);
        worker.sent.clear();

        OktaSourceTask again = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        worker.drain(again, 2);
        again.stop();
        Set<String> reread = worker.sent.stream().map(r -> (String) r.key()).collect(Collectors.toSet());
        Set<String> recent = org.systemLog().uuids().stream()
                .filter(u -> !org.systemLog().published(u).isBefore(since)).collect(Collectors.toSet());
        assertThat(reread).containsAll(recent).hasSizeLessThan(400); // persisted from the date on: published at most 2 s before
        assertThat(reread).allSatisfy(u -> assertThat(org.systemLog().published(u)).isAfter(since.minusSeconds(3)));
    }

    private static final Map<String, String> HOURLY_USERS = Map.of("okta.users.cron", "0 * * * *");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> usersOffset(TaskHarness worker, FakeOktaServer server) {
        return (Map<String, Object>) worker.committed.get(Map.of("org", server.orgUrl(), "stream", "users"));
    }

    private static long userListings(FakeOktaServer server, int from) {
        List<dev.oktainputs.testkit.RecordedOktaRequest> all = server.requests();
        return all.subList(from, all.size()).stream().filter(r -> r.path().equals("/api/v1/users")).count();
    }

    /** A first task runs users at once (no fire stored yet) and completes the run; returns the worker. */
    private TaskHarness firstRunCompleted(FakeOktaServer server, VirtualClock clock) {
        TaskHarness worker = new TaskHarness(config(server, "users", HOURLY_USERS));
        java.time.Instant started = clock.instant();
        OktaSourceTask task = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        worker.drain(task, 3);
        task.stop();
        assertThat(worker.sent("okta.users")).hasSize(300);
        // The run's last record carries when it started; the records before it (the run still going) do not.
        assertThat(usersOffset(worker, server)).containsEntry("last_fire", started.toString());
        assertThat(worker.sent("okta.users").get(298).sourceOffset()).doesNotContainKey("last_fire");
        return worker;
    }

    @Test
    void aRestartAfterARecentRunWaitsForTheNextCronFire(FakeOktaServer server, FakeOrg org, VirtualClock clock) {
        TaskHarness worker = firstRunCompleted(server, clock); // at 00:00, hourly
        int sent = worker.sent.size();
        List<String> added = org.addUsers(2);
        clock.advance(Duration.ofMinutes(20));

        int requests = server.requestCount();
        OktaSourceTask again = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        for (int i = 0; i < 5; i++) {
            worker.pollAndCommit(again);
        }
        assertThat(server.requestCount()).as("no request before the next fire").isEqualTo(requests);
        assertThat(worker.sent).hasSize(sent);

        java.time.Instant nextFire = java.time.Instant.parse("2025-01-01T01:00:00Z");
        clock.advanceTo(nextFire);
        worker.drain(again, 3);
        again.stop();
        List<SourceRecord> run = worker.sent.subList(sent, worker.sent.size());
        assertThat(run.stream().map(r -> (String) r.key())).containsAll(added);
        // The run of 01:00 (a poll that was still waiting may have let the virtual clock tick a second past it).
        assertThat(java.time.Instant.parse((String) usersOffset(worker, server).get("last_fire")))
                .isBetween(nextFire, nextFire.plusSeconds(10));
    }

    @Test
    void aRestartAfterMissedFiresRunsOnceAtStartThenFollowsTheSchedule(FakeOktaServer server, FakeOrg org, VirtualClock clock) {
        TaskHarness worker = firstRunCompleted(server, clock); // at 00:00, hourly
        int sent = worker.sent.size();
        List<String> added = org.addUsers(2);
        clock.advance(Duration.ofMinutes(150)); // 02:30: the fires of 01:00 and 02:00 were missed
        java.time.Instant restart = clock.instant();

        int requests = server.requestCount();
        OktaSourceTask again = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        worker.drain(again, 3);
        // One incremental run (one page), not one per missed fire.
        assertThat(userListings(server, requests)).isEqualTo(1);
        assertThat(worker.sent.subList(sent, worker.sent.size()).stream().map(r -> (String) r.key())).containsAll(added);
        assertThat(usersOffset(worker, server)).containsEntry("last_fire", restart.toString());

        int afterRun = server.requestCount();
        clock.advanceTo(java.time.Instant.parse("2025-01-01T02:59:50Z"));
        for (int i = 0; i < 3; i++) {
            worker.pollAndCommit(again);
        }
        assertThat(server.requestCount()).as("nothing until 03:00").isEqualTo(afterRun);
        clock.advanceTo(java.time.Instant.parse("2025-01-01T03:00:00Z"));
        worker.drain(again, 3);
        again.stop();
        assertThat(userListings(server, afterRun)).isEqualTo(1);
    }

    @Test
    void anOffsetWithoutLastFireRunsAtOnceAsBefore(FakeOktaServer server, FakeOrg org, VirtualClock clock) {
        TaskHarness worker = firstRunCompleted(server, clock); // at 00:00, hourly
        // What an offset written before last_fire existed looks like: the checkpoint alone.
        Map<String, String> partition = Map.of("org", server.orgUrl(), "stream", "users");
        Map<String, Object> old = new HashMap<>(worker.committed.get(partition));
        old.remove("last_fire");
        worker.committed.put(partition, old);
        int sent = worker.sent.size();
        List<String> added = org.addUsers(2);
        clock.advance(Duration.ofMinutes(20));
        java.time.Instant restart = clock.instant();

        int requests = server.requestCount();
        OktaSourceTask again = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        worker.drain(again, 3);
        again.stop();
        assertThat(userListings(server, requests)).isEqualTo(1);
        assertThat(worker.sent.subList(sent, worker.sent.size()).stream().map(r -> (String) r.key())).containsAll(added);
        assertThat(usersOffset(worker, server)).containsEntry("last_fire", restart.toString());
    }

    @Test
    void aRunThatEmitsNothingCommitsNoFireSoARestartBeforeTheNextRecordRunsAtOnce(FakeOktaServer server, FakeOrg org, VirtualClock clock) {
        TaskHarness worker = firstRunCompleted(server, clock); // at 00:00, hourly
        int sent = worker.sent.size();
        OktaSourceTask again = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        clock.advanceTo(java.time.Instant.parse("2025-01-01T01:00:00Z"));
        worker.drain(again, 3); // the 01:00 run finds no change: no record, nothing committed
        assertThat(worker.sent).hasSize(sent);
        assertThat(usersOffset(worker, server)).containsEntry("last_fire", "2025-01-01T00:00:00Z");

        String added = org.addUsers(1).get(0);
        clock.advanceTo(java.time.Instant.parse("2025-01-01T01:30:00Z"));
        again.stop();
        // Restarted before the 02:00 run: the committed fire is 00:00, so it runs at once (costing one request).
        int requests = server.requestCount();
        java.time.Instant restart = clock.instant();
        OktaSourceTask third = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        worker.drain(third, 3);
        third.stop();
        assertThat(userListings(server, requests)).isEqualTo(1);
        assertThat(worker.sent.subList(sent, worker.sent.size())).extracting(r -> (String) r.key()).contains(added);
        assertThat(usersOffset(worker, server)).containsEntry("last_fire", restart.toString());
    }

    @Test
    void withAHeartbeatTopicARunThatEmitsNothingCommitsItsOffsetOnOneHeartbeat(FakeOktaServer server, FakeOrg org,
                                                                              VirtualClock clock) {
        Map<String, String> more = new HashMap<>(HOURLY_USERS);
        more.put(OktaConnectorConfig.HEARTBEAT_TOPIC, "okta.heartbeats");
        TaskHarness worker = new TaskHarness(config(server, "users", more));
        OktaSourceTask task = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        worker.drain(task, 3); // 00:00: 300 users; the last one carries the offset, no heartbeat needed
        assertThat(worker.sent("okta.users")).hasSize(300);
        assertThat(worker.sent("okta.heartbeats")).isEmpty();
        Map<String, Object> afterFirst = usersOffset(worker, server);

        java.time.Instant fire = java.time.Instant.parse("2025-01-01T01:00:00Z");
        clock.advanceTo(fire);
        worker.drain(task, 3); // 01:00: nothing changed
        task.stop();
        assertThat(worker.sent("okta.users")).hasSize(300);
        assertThat(worker.sent("okta.heartbeats")).singleElement().satisfies(beat -> {
            assertThat(beat.key()).isEqualTo("users");
            assertThat(beat.sourcePartition()).isEqualTo(Map.of("org", server.orgUrl(), "stream", "users"));
            assertThat(beat.value()).isEqualTo(Map.of("org", server.orgUrl(), "stream", "users", "last_fire", fire.toString()));
            assertThat(TaskHarness.header(beat, "okta.stream")).isEqualTo("users");
            // The run's whole offset: its checkpoint (which moved on) and its fire.
            assertThat(new HashMap<String, Object>(beat.sourceOffset())).containsEntry("last_fire", fire.toString())
                    .containsKey("checkpoint_version").isNotEqualTo(afterFirst);
        });
        assertThat(usersOffset(worker, server)).isEqualTo(worker.sent("okta.heartbeats").get(0).sourceOffset());

        // Restarted at 01:30: the committed fire is 01:00, so the task waits for 02:00.
        clock.advanceTo(java.time.Instant.parse("2025-01-01T01:30:00Z"));
        int requests = server.requestCount();
        OktaSourceTask again = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        for (int i = 0; i < 5; i++) {
            worker.pollAndCommit(again);
        }
        again.stop();
        assertThat(server.requestCount()).isEqualTo(requests);
        assertThat(worker.sent("okta.heartbeats")).hasSize(1);
    }

    @Test
    void pollReturnsNullWhileWaitingForTheNextFire(FakeOktaServer server, VirtualClock clock) {
        TaskHarness worker = new TaskHarness(config(server, "users", Map.of("okta.poll.max.wait.ms", "1000")));
        OktaSourceTask task = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        worker.drain(task, 1);
        int requests = server.requestCount();
        var before = clock.instant();
        assertThat(task.poll()).isNull();
        assertThat(task.poll()).isNull();
        assertThat(Duration.between(before, clock.instant())).isEqualTo(Duration.ofSeconds(2)); // waited 1 s per poll, virtually
        assertThat(server.requestCount()).isEqualTo(requests);
        task.stop();
    }

    @Test
    void pollReturnsWhileOktaIsSlowAndStopAbortsTheCallInFlight(FakeOktaServer server, VirtualClock clock) throws Exception {
        server.enqueueFault(Fault.latency(Duration.ofMinutes(5)));
        TaskHarness worker = new TaskHarness(config(server, "users", Map.of("okta.poll.max.wait.ms", "50")));
        OktaSourceTask task = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        TestUtils.waitForCondition(() -> task.poll() == null && server.requestCount() == 1, 30_000,
                "the first page was requested and poll() came back without it");
        Thread stopper = new Thread(task::stop, "stopper"); // from another thread, as Connect may
        stopper.start();
        TestUtils.waitForCondition(() -> !stopper.isAlive(), 30_000, "stop() returned");
        // stop() returned because the fetch thread ended: the five-minute call was aborted, not waited for (stop() waits
        // for the thread itself, not only for its pool, which reports termination just before the thread exits).
        assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName))
                .noneMatch(n -> n.startsWith("okta-fetch-okta-test"));
        assertThat(task.poll()).isNull();
    }

    @Test
    void anOAuthServiceAppWithDpopReadsWithTheInputsScopes(FakeOktaServer server, FakeOrg org, VirtualClock clock) {
        TestKeyPair key = TestKeyPair.rsa(2048, "kid-7");
        server.registerServiceApp(ServiceApp.builder("0oaconnect").key("kid-7", key.publicKey())
                .grant("okta.users.read", "okta.logs.read").requireDpop(true).build());
        Map<String, String> cfg = config(server, "users", Map.of(OktaConnectorConfig.CLIENT_ID, "0oaconnect",
                OktaConnectorConfig.KEY_ID, "kid-7", OktaConnectorConfig.PRIVATE_KEY, key.pkcs8Pem()));
        cfg.remove(OktaConnectorConfig.API_KEY);
        TaskHarness worker = new TaskHarness(cfg);
        OktaSourceTask task = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        worker.drain(task, 2);
        task.stop();
        assertThat(worker.sent("okta.users")).hasSize(org.userCount());
        assertThat(server.issuedTokens()).isNotEmpty().allSatisfy(t -> {
            assertThat(t.clientId()).isEqualTo("0oaconnect");
            assertThat(t.scopes()).containsExactly("okta.users.read"); // the task's inputs' scopes only
            assertThat(t.dpop()).isTrue();
        });
    }

    @Test
    void aPageInHandGoesOutBeforeTheFailureOfTheRequestAfterIt(FakeOktaServer server, VirtualClock clock) {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        RequestAuthenticator valid = RequestAuthenticator.ssws(server::apiToken);
        server.authenticator("SSWS", r -> calls.incrementAndGet() == 1 ? valid.authenticate(r) : RequestAuthenticator.invalidToken());
        TaskHarness worker = new TaskHarness(config(server, "users", Map.of()));
        OktaSourceTask task = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        List<SourceRecord> first = null;
        while (first == null) {
            first = task.poll();
        }
        assertThat(first).hasSize(50);
        assertThat(first.get(49).sourceOffset()).containsKey("checkpoint_version").isNotEqualTo(first.get(0).sourceOffset());
        assertThatThrownBy(() -> {
            while (task.poll() == null) {
                Thread.onSpinWait();
            }
        }).isInstanceOf(ConnectException.class).hasMessageContaining("users");
        task.stop();
    }

    @Test
    void retriableOktaErrorsAreRetriableAndAuthErrorsFailTheTaskClearly(FakeOktaServer server, VirtualClock clock) {
        TaskHarness worker = new TaskHarness(config(server, "users", Map.of()));
        OktaSourceTask task = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        for (int i = 0; i < 10; i++) {
            server.enqueueFault(Fault.status(503));
        }
        assertThatThrownBy(task::poll).isInstanceOf(RetriableException.class).hasMessageContaining("users");
        task.stop();

        Map<String, String> bad = config(server, "users", Map.of(OktaConnectorConfig.API_KEY, "not-the-token"));
        TaskHarness other = new TaskHarness(bad);
        OktaSourceTask denied = other.start(new OktaSourceTask(clock, clock, c -> stateLog));
        assertThatThrownBy(denied::poll).isInstanceOf(ConnectException.class).isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("users").hasMessageNotContaining("not-the-token");
        denied.stop();
    }

    /** Core's names of the settings ({@code api_token}, {@code client_id}, ...), which the connector's messages must not use. */
    static final java.util.regex.Pattern CORE_NAMES =
            java.util.regex.Pattern.compile("(?<![\\w.])(org_url|api_token|client_id|key_id|private_key|dpop|inputs\\.\\w+)(?![\\w])");

    @Test
    void taskFailuresNameTheConnectorsKeysNotCoresFieldNames(FakeOktaServer server, VirtualClock clock) {
        Map<String, String> none = config(server, "users", Map.of());
        none.remove(OktaConnectorConfig.API_KEY);
        assertThatThrownBy(() -> new TaskHarness(none).start(new OktaSourceTask(clock, clock, c -> stateLog)))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("okta.api.key: no credentials. Fix: set okta.api.key to an Okta API token, or"
                        + " okta.oauth.client.id, okta.oauth.key.id and okta.oauth.private.key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern(CORE_NAMES));

        TestKeyPair key = TestKeyPair.rsa(2048, "kid-7");
        server.registerServiceApp(ServiceApp.builder("0oanames").key("kid-7", key.publicKey()).grant("okta.users.read").build());
        Map<String, String> wrongKid = config(server, "users", Map.of(OktaConnectorConfig.CLIENT_ID, "0oanames",
                OktaConnectorConfig.KEY_ID, "kid-8", OktaConnectorConfig.PRIVATE_KEY, key.pkcs8Pem()));
        wrongKid.remove(OktaConnectorConfig.API_KEY);
        OktaSourceTask task = new TaskHarness(wrongKid).start(new OktaSourceTask(clock, clock, c -> stateLog));
        try {
            assertThatThrownBy(task::poll).isInstanceOf(ConnectException.class).hasMessageStartingWith("users: ")
                    .hasMessageContaining("okta.oauth.key.id")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern(CORE_NAMES));
        } finally {
            task.stop();
        }
    }

    @Test
    void supersededIdSetsAreRemovedFromTheStateTopicOnceTheOffsetsThatNameThemAreCommitted(FakeOktaServer server,
                                                                                         FakeOrg org, VirtualClock clock)
            throws Exception {
        TaskHarness worker = new TaskHarness(config(server, "users", Map.of("okta.users.full_sync_every", "1")));
        OktaSourceTask task = worker.start(new OktaSourceTask(clock, clock, c -> stateLog));
        worker.drain(task, 2);
        for (int pass = 0; pass < 2; pass++) {
            org.deleteUser(org.users().get(pass).id()); // a change: the full pass writes a new base
            clock.advance(Duration.ofMinutes(31));
            worker.drain(task, 2);
        }
        task.stop();
        // What the committed users offset names is in the state topic, and nothing older.
        Map<String, ?> offset = worker.committed.get(Map.of("org", server.orgUrl(), "stream", "users"));
        long gen = ((Number) offset.get("id_gen")).longValue();
        assertThat(gen).isEqualTo(2); // the first pass keeps its segments; each pass with a deletion compacts
        String users = "okta-test/" + java.net.URI.create(server.orgUrl()).getAuthority() + "/users/";
        assertThat(stateLog.liveKeys(users)).isNotEmpty().allMatch(k -> k.startsWith(users + gen + "/"));
        try (var s = java.nio.file.Files.walk(state)) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".gz")).count())
                    .as("the task's cache directory goes when it stops").isZero();
        }
    }
}
