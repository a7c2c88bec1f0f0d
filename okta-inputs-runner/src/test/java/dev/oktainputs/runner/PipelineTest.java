package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.Inputs;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.schedule.CronSchedule;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.core.state.InMemoryIdSetStore;
import dev.oktainputs.testkit.FakeOkta;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.VirtualClock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The core Pipeline with a real input against the fake org: write first, checkpoint after, retry the sink. */
@FakeOkta(users = 1000, seed = 3)
class PipelineTest {

    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryIdSetStore idSets = new InMemoryIdSetStore();

    private Pipeline pipeline(OktaClient client, dev.oktainputs.api.RecordSink sink, VirtualClock clock, int sinkAttempts) {
        OktaInput users = Inputs.byName("users");
        return Pipeline.builder().sink(sink).checkpoints(checkpoints).time(clock, clock).sinkAttempts(sinkAttempts)
                .input(users, new InputContext(client, InputOptions.parse("users", users.options(),
                        Map.of("page_size", 100, "batch_max_records", 0)), // a batch per page
                        idSets), CronSchedule.parse("*/30 * * * *"))
                .build();
    }

    @Test
    void aFlakySinkIsRetriedWithBackoffAndNothingIsLost(FakeOktaServer okta, VirtualClock clock, RecordingSink sink) throws Exception {
        sink.failNextWrites(3);
        try (OktaClient client = okta.clientBuilder().build(); Pipeline p = pipeline(client, sink, clock, 8)) {
            List<Pipeline.RunResult> results = p.runOnce();
            assertThat(results).singleElement().satisfies(r -> {
                assertThat(r.ok()).isTrue();
                assertThat(r.records()).isEqualTo(1000);
            });
        }
        assertThat(sink.keys("users")).hasSize(1000).doesNotHaveDuplicates();
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void aSinkThatKeepsFailingNeverAdvancesTheCheckpoint(FakeOktaServer okta, VirtualClock clock, RecordingSink sink)
            throws Exception {
        try (OktaClient client = okta.clientBuilder().build()) {
            sink.failNextWrites(100);
            try (Pipeline p = pipeline(client, sink, clock, 3)) {
                Pipeline.RunResult r = p.runOnce().get(0);
                assertThat(r.ok()).isFalse();
                assertThat(r.failure()).hasMessageContaining("the sink failed 3 time(s)");
            }
            assertThat(checkpoints.load(okta.orgUrl(), "users")).isEmpty();
            sink.failNextWrites(0);
            try (Pipeline p = pipeline(client, sink, clock, 3)) {
                assertThat(p.runOnce().get(0).ok()).isTrue();
            }
        }
        assertThat(sink.keys("users")).hasSize(1000).doesNotHaveDuplicates();
    }

    @Test
    void aFailedWriteMidRunResumesAtTheUnwrittenPage(FakeOktaServer okta, VirtualClock clock, RecordingSink sink) throws Exception {
        try (OktaClient client = okta.clientBuilder().build()) {
            try (Pipeline p = pipeline(client, new dev.oktainputs.api.RecordSink() {
                int writes;

                @Override
                public void write(List<dev.oktainputs.api.OktaRecord> records) throws java.io.IOException {
                    if (++writes > 4) {
                        throw new java.io.IOException("disk full");
                    }
                    sink.write(records);
                }
            }, clock, 2)) {
                List<Pipeline.RunResult> r = p.runOnce();
                assertThat(r.get(0).ok()).isFalse();
                assertThat(r.get(0).failure()).hasMessageContaining("disk full");
            }
            assertThat(sink.records()).hasSize(400);
            // a run that did not complete is no fire: the next start resumes it at once, not an interval later
            assertThat(checkpoints.load(okta.orgUrl(), "users.schedule")).isEmpty();
            clock.advance(Duration.ofMinutes(3));
            java.time.Instant resumed = clock.instant();
            try (Pipeline p = pipeline(client, sink, clock, 2)) {
                Pipeline.RunResult r = p.runOnce().get(0);
                assertThat(r.ok()).isTrue();
                assertThat(r.started()).isEqualTo(resumed);
            }
            assertThat(checkpoints.load(okta.orgUrl(), "users.schedule")).hasValueSatisfying(cp ->
                    assertThat(cp.getString("last_fire")).isEqualTo(resumed.toString()));
        }
        assertThat(sink.keys("users")).hasSize(1000).doesNotHaveDuplicates();
    }

    private Pipeline scripted(OktaClient client, ScriptedInput input, dev.oktainputs.api.RecordSink sink, VirtualClock clock,
                              Pipeline.Listener listener) {
        return Pipeline.builder().sink(sink).checkpoints(checkpoints).time(clock, clock).listener(listener)
                .input(input, InputContext.withDefaults(client, input), CronSchedule.parse("*/30 * * * *")).build();
    }

    @Test
    void aRunWithoutBatchesCompletesAndCountsAsTheLastFire(FakeOktaServer okta, VirtualClock clock, RecordingSink sink)
            throws Exception {
        ScriptedInput input = new ScriptedInput(0, 1); // a second run would mean the first was not seen to end
        java.time.Instant start = clock.instant();
        try (OktaClient client = okta.clientBuilder().build(); Pipeline p = scripted(client, input, sink, clock, new Pipeline.Listener() { })) {
            assertThat(p.runOnce()).singleElement().satisfies(r -> {
                assertThat(r.ok()).isTrue();
                assertThat(r.started()).isEqualTo(start);
                assertThat(r.batches()).isZero();
            });
        }
        assertThat(checkpoints.load(okta.orgUrl(), "scripted.schedule")).hasValueSatisfying(cp ->
                assertThat(cp.getString("last_fire")).isEqualTo(start.toString()));
    }

    @Test
    void aRunStoppedPartWayIsNoLastFireAndKeepsTheCheckpointOfItsLastWrittenBatch(FakeOktaServer okta, VirtualClock clock,
                                                                                  RecordingSink sink) throws Exception {
        ScriptedInput input = new ScriptedInput(3, 1).hangOnPage(2);
        List<Pipeline.RunResult> finished = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (OktaClient client = okta.clientBuilder().build(); Pipeline p = scripted(client, input, sink, clock, new Pipeline.Listener() {
            @Override
            public void runFinished(Pipeline.RunResult result) {
                finished.add(result);
            }
        })) {
            p.start();
            assertThat(input.hanging.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("page 2 requested").isTrue();
            p.stop(); // aborts the request for page 2
        }
        assertThat(sink.keys("scripted")).containsExactly("k1");
        assertThat(checkpoints.load(okta.orgUrl(), "scripted")).hasValueSatisfying(cp -> assertThat(cp.getLong("n", 0)).isEqualTo(1));
        // Not a completed run: the next start runs the input at once, resuming from page 2.
        assertThat(checkpoints.load(okta.orgUrl(), "scripted.schedule")).isEmpty();
        assertThat(finished).isEmpty();
    }
}
