package dev.oktainputs.runner;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.CheckpointStore;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.api.RecordSink;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.error.OktaException;
import dev.oktainputs.core.schedule.PollResult;
import dev.oktainputs.core.schedule.ScheduledPoller;
import dev.oktainputs.core.time.Sleeper;
import dev.oktainputs.runner.Pipeline.Entry;
import dev.oktainputs.runner.Pipeline.Listener;
import dev.oktainputs.runner.Pipeline.RunResult;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the inputs of a {@link Pipeline} through their runs, one run per {@link #drive} call, on the caller's thread:
 * polls the input's {@link ScheduledPoller}, writes each batch to the sink (retrying a failing sink with back-off), and
 * only after the sink returns saves the batch's checkpoint. Also keeps each input's schedule state
 * ({@code <input>.schedule} in the checkpoint store): the start of its last completed run, read back into the poller.
 * It keeps no state between calls: the pipeline's threads share one driver.
 */
final class InputDriver {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class); // the logger these lines always had
    private static final String SCHEDULE_SUFFIX = ".schedule";

    private final String org;
    private final RecordSink sink;
    private final CheckpointStore store;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Listener listener;
    private final int sinkAttempts;
    private final Duration pollInterval;
    private final BooleanSupplier stopped;

    /**
     * @param org      the org of every input, as checkpoints are keyed
     * @param settings the pipeline's settings
     * @param stopped  whether the pipeline was stopped
     */
    InputDriver(String org, Pipeline.Builder settings, BooleanSupplier stopped) {
        this.org = org;
        this.sink = Objects.requireNonNull(settings.sink, "sink");
        this.store = Objects.requireNonNull(settings.store, "store");
        this.clock = settings.clock;
        this.sleeper = settings.sleeper;
        this.listener = settings.listener;
        this.sinkAttempts = settings.sinkAttempts;
        this.pollInterval = settings.pollInterval;
        this.stopped = stopped;
    }

    /**
     * @param e the input
     * @return its poller, resuming from its saved checkpoint and last fire
     * @throws IOException when they cannot be loaded
     */
    ScheduledPoller poller(Entry e) throws IOException {
        String name = e.input().name();
        Checkpoint cp = store.load(org, name).orElse(Checkpoint.empty());
        String last = store.load(org, name + SCHEDULE_SUFFIX).map(c -> c.getString("last_fire")).orElse(null);
        return new ScheduledPoller(e.input(), e.context(), e.schedule(), cp,
                last == null ? null : Instant.parse(last), clock, sleeper, null);
    }

    /**
     * Polls one input until its current run ends (or it fails, or the pipeline stops).
     *
     * @param e      the input
     * @param poller its poller, from {@link #poller(Entry)}
     * @return what the run did
     */
    RunResult drive(Entry e, ScheduledPoller poller) {
        String name = e.input().name();
        Checkpoint committed = poller.checkpoint();
        Instant started = null;
        long batches = 0;
        long upserts = 0;
        long deletes = 0;
        while (!stopped.getAsBoolean()) {
            PollResult polled;
            try {
                polled = poller.poll(pollInterval);
            } catch (OktaException ex) {
                LOG.error("{}: run failed: {}", name, ex.getMessage());
                return finish(new RunResult(name, started, clock.instant(), batches, upserts, deletes, ex,
                        poller.lastRunMetrics()));
            } catch (RuntimeException ex) {
                // e.g. the state directory became unreadable: this run is over, the next fire tries again
                LOG.error("{}: run failed: {}", name, ex.toString());
                return finish(new RunResult(name, started, clock.instant(), batches, upserts, deletes, ex));
            }
            if (polled instanceof PollResult.RunEnded ended) {
                // Only a completed run counts as the last fire: after a crash, a failure or a stop mid-run, the
                // next start resumes the run at once from its checkpoint rather than a whole interval later.
                if (!ended.completed()) {
                    break;
                }
                if (started == null) { // a run without batches: it started in the poll that ended it
                    started = ended.fire();
                    listener.runStarted(name, started);
                }
                saveLastFire(name, started);
                return finish(new RunResult(name, started, clock.instant(), batches, upserts, deletes, null,
                        poller.lastRunMetrics()));
            }
            if (!(polled instanceof PollResult.NextBatch next)) {
                continue; // waited: no run was due
            }
            Batch batch = next.batch();
            if (started == null) {
                started = poller.lastFire();
                listener.runStarted(name, started);
            }
            try {
                if (sink instanceof CheckpointedSink both) {
                    // rows and checkpoint in one transaction: the checkpoint store is the sink's
                    attempt(name, () -> both.write(org, name, batch.records(), batch.checkpoint()));
                } else if (!batch.records().isEmpty()) {
                    attempt(name, () -> sink.write(batch.records()));
                    store.save(org, name, batch.checkpoint());
                } else {
                    store.save(org, name, batch.checkpoint());
                }
                committed = batch.checkpoint();
                batch.committed();
            } catch (IOException | InterruptedException ex) {
                if (ex instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.error("{}: {} — the checkpoint was not advanced; the next run resumes before these records", name, ex.getMessage());
                poller.abandonRun(committed, null);
                return finish(new RunResult(name, started, clock.instant(), batches, upserts, deletes, ex));
            }
            batches++;
            for (OktaRecord r : batch.records()) {
                if (r.op() == OktaRecord.Op.DELETE) {
                    deletes++;
                } else {
                    upserts++;
                }
            }
            listener.batchWritten(name, batch.records(), batch.checkpoint());
        }
        return new RunResult(name, started, clock.instant(), batches, upserts, deletes,
                started == null ? null : new IllegalStateException("stopped"));
    }

    private RunResult finish(RunResult r) {
        listener.runFinished(r);
        return r;
    }

    private void saveLastFire(String name, Instant fire) {
        try {
            store.save(org, name + SCHEDULE_SUFFIX, Checkpoint.of(1, Map.of("last_fire", fire.toString())));
        } catch (IOException ex) {
            LOG.warn("{}: could not save the schedule state: {}", name, ex.getMessage());
        }
    }

    /** A write to the sink. */
    private interface SinkWrite {
        void run() throws IOException;
    }

    /** Writes with exponential back-off (1 s doubling to 60 s) for {@code sinkAttempts} attempts. */
    private void attempt(String name, SinkWrite write) throws IOException, InterruptedException {
        Duration backoff = Duration.ofSeconds(1);
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (IOException | RuntimeException ex) {
                listener.sinkFailed(name, attempt, ex);
                if (attempt >= sinkAttempts || stopped.getAsBoolean()) {
                    throw new IOException("the sink failed " + attempt + " time(s): " + ex.getMessage(), ex);
                }
                LOG.warn("{}: sink failed (attempt {}/{}): {}; retrying in {} s", name, attempt, sinkAttempts, ex.getMessage(),
                        backoff.toSeconds());
                sleeper.sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(60)) > 0 ? Duration.ofSeconds(60) : backoff.multipliedBy(2);
            }
        }
    }
}
