package dev.oktainputs.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.TestTime;
import dev.oktainputs.core.auth.ApiKeyCredentials;
import dev.oktainputs.core.error.OktaErrorDetails;
import dev.oktainputs.core.error.OktaServerException;
import dev.oktainputs.core.http.OktaClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The poller's scheduling rules, with a scripted input (no HTTP: these rules do not depend on Okta) whose runs
 * take a given amount of virtual time.
 */
class ScheduledPollerTest {

    private static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");
    private final TestTime time = new TestTime(T0);
    private final OktaClient client = OktaClient.builder(OrgUrl.parse("https://acme.okta.com"),
            new ApiKeyCredentials(Secret.of("unused"))).time(time, time).build();
    private final List<Checkpoint> openedWith = new ArrayList<>();
    private final List<Instant> runStarts = new ArrayList<>();
    private final List<Long> skipped = new ArrayList<>();
    private Duration runTakes = Duration.ZERO;
    private int pagesPerRun = 2;
    private boolean failNext;

    private final OktaInput input = new OktaInput() {
        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public Set<String> requiredScopes() {
            return Set.of();
        }

        @Override
        public InputRun open(InputContext context, Checkpoint checkpoint) {
            openedWith.add(checkpoint);
            long base = checkpoint.getLong("n", 0);
            return new InputRun() {
                int page;

                @Override
                public Batch next() {
                    if (failNext) {
                        failNext = false;
                        throw new OktaServerException("boom", OktaErrorDetails.NONE, null);
                    }
                    if (page == pagesPerRun) {
                        return null;
                    }
                    page++;
                    time.advance(runTakes.dividedBy(pagesPerRun));
                    long n = base + page;
                    return Batch.of(List.of(OktaRecord.upsert("scripted", "k" + n, time.instant(),
                            "{}".getBytes(StandardCharsets.UTF_8))), Checkpoint.of(1, Map.of("n", n)));
                }

                @Override
                public void wakeup() {
                }

                @Override
                public void close() {
                }
            };
        }
    };

    @AfterEach
    void close() {
        client.close();
    }

    private ScheduledPoller poller(String cron, Instant lastFire) {
        return new ScheduledPoller(input, InputContext.withDefaults(client, input), CronSchedule.parse(cron),
                Checkpoint.empty(), lastFire, time, time, new ScheduledPoller.Listener() {
                    @Override
                    public void runStarted(String name, Instant fire) {
                        runStarts.add(fire);
                    }

                    @Override
                    public void firesSkipped(String name, long n) {
                        skipped.add(n);
                    }
                });
    }

    /** Polls until the current or next run ends, which must complete; returns the batches. */
    private List<Batch> drainOneRun(ScheduledPoller p) {
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            PollResult r = p.poll(Duration.ofMinutes(10));
            if (r instanceof PollResult.NextBatch next) {
                out.add(next.batch());
            } else if (r instanceof PollResult.RunEnded ended) {
                assertThat(ended.completed()).as("the run completed").isTrue();
                assertThat(ended.fire()).isEqualTo(runStarts.get(runStarts.size() - 1));
                return out;
            }
        }
        throw new AssertionError("no run ended");
    }

    @Test
    void aNewPollerRunsAtOnceThenFollowsTheSchedule() {
        ScheduledPoller p = poller("*/30 * * * *", null);
        assertThat(drainOneRun(p)).hasSize(2);
        assertThat(runStarts).containsExactly(T0);
        assertThat(p.nextFire()).isEqualTo(Instant.parse("2026-03-10T10:30:00Z"));
        // Waiting is done in slices of at most maxWait, each one saying it waited.
        assertThat(p.poll(Duration.ofMinutes(10))).isEqualTo(PollResult.WAITED);
        assertThat(time.instant()).isEqualTo(Instant.parse("2026-03-10T10:10:00Z"));
        drainOneRun(p);
        assertThat(runStarts).containsExactly(T0, Instant.parse("2026-03-10T10:30:00Z"));
    }

    @Test
    void eachRunResumesFromTheLastBatchHandedOut() {
        ScheduledPoller p = poller("*/30 * * * *", null);
        drainOneRun(p);
        drainOneRun(p);
        assertThat(openedWith).extracting(c -> c.getLong("n", 0)).containsExactly(0L, 2L);
    }

    @Test
    void firesDuringALongRunAreSkippedNotQueued() {
        runTakes = Duration.ofMinutes(95);
        ScheduledPoller p = poller("*/30 * * * *", null);
        drainOneRun(p);
        // The run went 10:00-11:35: the fires at 10:30, 11:00 and 11:30 were skipped.
        assertThat(skipped).containsExactly(3L);
        assertThat(p.nextFire()).isEqualTo(Instant.parse("2026-03-10T12:00:00Z"));
    }

    @Test
    void misfiresAfterDowntimeRunOnceNotOncePerMissedFire() {
        // Last run was 5 hours ago: ten fires were missed while the process was down.
        ScheduledPoller p = poller("*/30 * * * *", T0.minus(Duration.ofHours(5)));
        drainOneRun(p);
        assertThat(runStarts).containsExactly(T0);
        assertThat(p.nextFire()).isEqualTo(Instant.parse("2026-03-10T10:30:00Z"));
        assertThat(p.poll(Duration.ofSeconds(1))).isEqualTo(PollResult.WAITED);
        assertThat(runStarts).hasSize(1);
    }

    @Test
    void aFailedRunIsOverAndTheNextFireRetriesFromTheSameCheckpoint() {
        ScheduledPoller p = poller("*/30 * * * *", null);
        drainOneRun(p);
        time.advance(Duration.ofMinutes(30));
        failNext = true;
        assertThatThrownBy(() -> p.poll(Duration.ofMinutes(1))).isInstanceOf(OktaServerException.class);
        assertThat(p.inRun()).isFalse();
        time.advance(Duration.ofMinutes(30));
        drainOneRun(p);
        assertThat(openedWith).extracting(c -> c.getLong("n", 0)).containsExactly(0L, 2L, 2L);
    }

    @Test
    void anAbandonedRunResumesFromTheLastCommittedCheckpoint() {
        ScheduledPoller p = poller("*/30 * * * *", null);
        Batch first = ((PollResult.NextBatch) p.poll(Duration.ofMinutes(1))).batch();
        assertThat(p.poll(Duration.ofMinutes(1))).isInstanceOf(PollResult.NextBatch.class);
        p.abandonRun(first.checkpoint(), null); // the second batch could not be written
        time.advance(Duration.ofMinutes(30));
        drainOneRun(p);
        assertThat(openedWith).extracting(c -> c.getLong("n", 0)).containsExactly(0L, 1L);
    }

    @Test
    void aRunWithoutBatchesStartsAndEndsInOnePollAndSaysWhenItStarted() {
        pagesPerRun = 0;
        ScheduledPoller p = poller("*/30 * * * *", null);
        assertThat(p.poll(Duration.ofMinutes(10))).isEqualTo(new PollResult.RunEnded(T0, true));
        assertThat(p.inRun()).isFalse();
        assertThat(runStarts).containsExactly(T0);
        assertThat(p.poll(Duration.ofMinutes(10))).isEqualTo(PollResult.WAITED);
    }

    @Test
    void aRunStoppedPartWayByWakeupEndsWithoutCompletingAndTheNextRunResumesFromItsLastBatch() {
        ScheduledPoller p = poller("*/30 * * * *", null);
        assertThat(p.poll(Duration.ofMinutes(1))).isInstanceOf(PollResult.NextBatch.class);
        p.wakeup();
        failNext = true; // what the aborted request does
        assertThat(p.poll(Duration.ofMinutes(1))).isEqualTo(new PollResult.RunEnded(T0, false));
        assertThat(p.inRun()).isFalse();
        time.advance(Duration.ofMinutes(30));
        drainOneRun(p);
        assertThat(openedWith).extracting(c -> c.getLong("n", 0)).containsExactly(0L, 1L);
    }

    @Test
    void wakeupEndsAWaitAtOnce() {
        ScheduledPoller p = poller("0 0 1 1 *", Instant.parse("2026-01-01T00:00:00Z"));
        p.wakeup();
        assertThat(p.poll(Duration.ofDays(1))).isEqualTo(PollResult.WAITED);
        assertThat(time.instant()).isEqualTo(T0);
        assertThat(runStarts).isEmpty();
        p.triggerNow();
        assertThat(drainOneRun(p)).hasSize(2);
    }
}
