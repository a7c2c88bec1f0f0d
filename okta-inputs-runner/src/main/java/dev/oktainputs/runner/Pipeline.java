package dev.oktainputs.runner;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.CheckpointStore;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.api.RecordSink;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.RunMetrics;
import dev.oktainputs.core.schedule.CronSchedule;
import dev.oktainputs.core.schedule.ScheduledPoller;
import dev.oktainputs.core.time.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the inputs of one org, each on its own thread and schedule, all on one shared
 * {@link dev.oktainputs.core.http.OktaClient} (so one rate budget). For every batch: write the records to the
 * sink, and only after the sink returns, save the checkpoint. A failing sink is retried with back-off and the
 * checkpoint never moves past records that were not written.
 *
 * <p>When a run completes, its start is saved as the input's last fire ({@code <input>.schedule} in the checkpoint
 * store), so a restarted pipeline waits for the next cron fire; a run that failed or was stopped mid-way saves none,
 * so the next start resumes it at once from its checkpoint.
 *
 * <p>This class owns the threads and their lifecycle (run once, start, stop); {@link InputDriver} takes each input
 * through a run (poll, write, save).
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    /** One input of the pipeline. */
    public record Entry(OktaInput input, InputContext context, CronSchedule schedule) {
    }

    /**
     * What one run of one input did.
     *
     * @param input    the input
     * @param started  when the run started
     * @param finished when it ended
     * @param batches  batches (usually pages) written
     * @param upserts  UPSERT records written
     * @param deletes  DELETE records written
     * @param failure  why it failed, or null
     * @param metrics  what the input reported about a completed run ({@link dev.oktainputs.core.InputRun#metrics()},
     *                 e.g. the System Log's {@code duplicates_dropped} and {@code lag}); empty otherwise
     */
    public record RunResult(String input, Instant started, Instant finished, long batches, long upserts, long deletes,
                            Exception failure, RunMetrics metrics) {

        /** A result without input metrics. */
        public RunResult(String input, Instant started, Instant finished, long batches, long upserts, long deletes,
                         Exception failure) {
            this(input, started, finished, batches, upserts, deletes, failure, RunMetrics.EMPTY);
        }

        /** @return upserts + deletes */
        public long records() {
            return upserts + deletes;
        }

        /** @return true when the run completed */
        public boolean ok() {
            return failure == null;
        }
    }

    /** Hears about progress; every method has an empty default. Called from the inputs' threads. */
    public interface Listener {
        /**
         * @param input the input
         * @param at when its run started
         */
        default void runStarted(String input, Instant at) {
        }

        /**
         * @param input the input
         * @param records records just written
         * @param checkpoint the checkpoint just saved
         */
        default void batchWritten(String input, List<OktaRecord> records, Checkpoint checkpoint) {
        }

        /** @param result how the run ended */
        default void runFinished(RunResult result) {
        }

        /**
         * @param input the input
         * @param attempt the failed attempt
         * @param error why the sink failed
         */
        default void sinkFailed(String input, int attempt, Exception error) {
        }
    }

    private final List<Entry> entries;
    private final Clock clock;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final InputDriver driver;
    private final Map<String, ScheduledPoller> pollers = new LinkedHashMap<>();
    private final List<Thread> threads = new ArrayList<>();

    private Pipeline(Builder b) {
        this.entries = List.copyOf(b.entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one input");
        }
        this.clock = b.clock;
        this.driver = new InputDriver(entries.get(0).context().orgUrl().toString(), b, stopped::get);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs every input once, concurrently, and returns when all are done (or {@link #stop()} was called).
     *
     * @return one result per input, in the order given
     * @throws IOException when a checkpoint cannot be loaded
     */
    public List<RunResult> runOnce() throws IOException {
        Map<String, RunResult> results = new java.util.concurrent.ConcurrentHashMap<>();
        for (Entry e : entries) {
            ScheduledPoller poller = poller(e);
            poller.triggerNow();
            threads.add(thread(e.input().name(), () -> results.put(e.input().name(), driver.drive(e, poller))));
        }
        joinAll();
        List<RunResult> ordered = new ArrayList<>();
        for (Entry e : entries) {
            RunResult r = results.get(e.input().name());
            ordered.add(r == null ? new RunResult(e.input().name(), null, clock.instant(), 0, 0, 0,
                    new IllegalStateException("stopped before the run ended")) : r);
        }
        return ordered;
    }

    /**
     * Starts every input on its schedule, each on its own thread, until {@link #stop()}.
     *
     * @throws IOException when a checkpoint cannot be loaded
     */
    public void start() throws IOException {
        for (Entry e : entries) {
            ScheduledPoller poller = poller(e);
            threads.add(thread(e.input().name(), () -> {
                while (!stopped.get()) {
                    driver.drive(e, poller);
                }
            }));
        }
    }

    /** Stops promptly: waits and requests in flight are aborted, batches being written finish. */
    public void stop() {
        if (stopped.compareAndSet(false, true)) {
            synchronized (pollers) {
                pollers.values().forEach(ScheduledPoller::wakeup);
            }
        }
        joinAll();
    }

    @Override
    public void close() {
        stop();
        synchronized (pollers) {
            pollers.values().forEach(ScheduledPoller::close);
        }
    }

    /** @return true once {@link #stop()} was called */
    public boolean isStopped() {
        return stopped.get();
    }

    private ScheduledPoller poller(Entry e) throws IOException {
        ScheduledPoller p = driver.poller(e);
        synchronized (pollers) {
            pollers.put(e.input().name(), p);
        }
        return p;
    }

    private Thread thread(String name, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (RuntimeException ex) {
                LOG.error("{}: stopped by an unexpected error", name, ex);
            }
        }, "okta-input-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void joinAll() {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Settings of a pipeline. */
    public static final class Builder {
        // Package-private: InputDriver reads them.
        final List<Entry> entries = new ArrayList<>();
        RecordSink sink;
        CheckpointStore store;
        Clock clock = Clock.systemUTC();
        Sleeper sleeper = Sleeper.SYSTEM;
        Listener listener = new Listener() { };
        int sinkAttempts = 8;
        Duration pollInterval = Duration.ofSeconds(1);

        /**
         * @param input the input
         * @param context its context
         * @param schedule when it runs
         * @return this
         */
        public Builder input(OktaInput input, InputContext context, CronSchedule schedule) {
            entries.add(new Entry(input, context, schedule));
            return this;
        }

        /**
         * @param sink where records go
         * @return this
         */
        public Builder sink(RecordSink sink) {
            this.sink = sink;
            return this;
        }

        /**
         * @param store where checkpoints (and the schedule's last fire) live
         * @return this
         */
        public Builder checkpoints(CheckpointStore store) {
            this.store = store;
            return this;
        }

        /**
         * @param clock the clock
         * @param sleeper how to wait
         * @return this
         */
        public Builder time(Clock clock, Sleeper sleeper) {
            this.clock = clock;
            this.sleeper = sleeper;
            return this;
        }

        /**
         * @param listener who hears about progress
         * @return this
         */
        public Builder listener(Listener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * @param attempts attempts at writing one batch before the run fails (default 8)
         * @return this
         */
        public Builder sinkAttempts(int attempts) {
            this.sinkAttempts = attempts;
            return this;
        }

        /**
         * @param interval the longest a poll waits before checking for stop (default 1 s)
         * @return this
         */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = interval;
            return this;
        }

        /** @return the pipeline */
        public Pipeline build() {
            return new Pipeline(this);
        }
    }
}
