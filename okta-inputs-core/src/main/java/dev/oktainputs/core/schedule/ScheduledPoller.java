package dev.oktainputs.core.schedule;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.RunMetrics;
import dev.oktainputs.core.error.OktaException;
import dev.oktainputs.core.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns (input, cron schedule) into {@link #poll(Duration)}, the loop both the standalone runner and the Kafka
 * Connect task drive: each call says what it did ({@link PollResult}): waited (at most {@code maxWait}) for the next
 * fire, handed out the next {@link Batch} of the current run, or saw the run end (completed, or stopped by
 * {@link #wakeup()}); a run that fails throws.
 *
 * <ul>
 *   <li>Runs never overlap: fires that come while a run is still going are skipped (and logged).</li>
 *   <li>Misfires after downtime run once, not once per missed fire: the next fire is always computed from now.</li>
 *   <li>A poller that never ran (no last fire known) runs at once, then follows the schedule.</li>
 *   <li>{@link #wakeup()} from another thread aborts the wait or the HTTP call in flight; the batch being
 *       written by the caller is not affected, and the run resumes from the last committed checkpoint.</li>
 * </ul>
 *
 * <p>The poller remembers the checkpoint of the last batch it handed out and opens the next run from it: the
 * caller writes and commits each batch before polling again (or, on Kafka Connect, hands the records over
 * with their offsets).
 */
public final class ScheduledPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledPoller.class);

    /** Hears about runs; every method has an empty default. */
    public interface Listener {
        /**
         * @param input the input
         * @param fire the fire that started the run
         */
        default void runStarted(String input, Instant fire) {
        }

        /**
         * @param input the input
         * @param skipped fires skipped because the run was still going
         */
        default void firesSkipped(String input, long skipped) {
        }

        /**
         * @param input the input
         * @param failure the failure, null when the run completed
         */
        default void runEnded(String input, OktaException failure) {
        }
    }

    private final OktaInput input;
    private final InputContext context;
    private final CronSchedule schedule;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Listener listener;
    private Checkpoint checkpoint;
    private Instant nextFire;
    private Instant lastFire;
    private volatile InputRun run;
    private volatile RunMetrics lastRunMetrics = RunMetrics.EMPTY;
    private volatile boolean woken;
    private volatile Thread waiting;

    /**
     * @param input      the input
     * @param context    its context (client, options, stores)
     * @param schedule   when it runs
     * @param checkpoint where the first run resumes
     * @param lastFire   when it last started a run (persisted by the caller), or null if never
     * @param clock      the clock
     * @param sleeper    how to wait
     * @param listener   who hears about runs, may be null
     */
    public ScheduledPoller(OktaInput input, InputContext context, CronSchedule schedule, Checkpoint checkpoint,
                           Instant lastFire, Clock clock, Sleeper sleeper, Listener listener) {
        this.input = Objects.requireNonNull(input);
        this.context = Objects.requireNonNull(context);
        this.schedule = Objects.requireNonNull(schedule);
        this.checkpoint = Objects.requireNonNull(checkpoint);
        this.clock = Objects.requireNonNull(clock);
        this.sleeper = Objects.requireNonNull(sleeper);
        this.listener = listener == null ? new Listener() { } : listener;
        this.lastFire = lastFire;
        this.nextFire = lastFire == null ? clock.instant() : schedule.nextFireAfter(lastFire).orElse(Instant.MAX);
    }

    /** Makes the next {@link #poll} start a run at once, whatever the schedule says (used by {@code --once}). */
    public synchronized void triggerNow() {
        if (run == null) {
            nextFire = clock.instant();
        }
    }

    /**
     * @param maxWait how long to wait at most for the next fire
     * @return {@link PollResult.NextBatch} with the next batch of the current run (which may start now);
     *         {@link PollResult#WAITED} when no run was due within {@code maxWait} (or the wait was woken up);
     *         {@link PollResult.RunEnded} when the run ended: completed, or stopped part-way by {@link #wakeup()}
     * @throws OktaException when the run failed; the run is over, the checkpoint stays where it was, and the
     *                       next fire retries
     */
    public PollResult poll(Duration maxWait) {
        if (run == null) {
            Instant now = clock.instant();
            if (now.isBefore(nextFire)) {
                Duration wait = Duration.between(now, nextFire);
                pause(wait.compareTo(maxWait) < 0 ? wait : maxWait);
                if (woken || clock.instant().isBefore(nextFire)) {
                    woken = false;
                    return PollResult.WAITED;
                }
            }
            start();
        }
        Batch batch;
        try {
            batch = run.next();
        } catch (OktaException e) {
            boolean stopped = woken;
            end(stopped ? null : e);
            woken = false;
            if (stopped) {
                return new PollResult.RunEnded(lastFire, false);
            }
            throw e;
        } catch (RuntimeException e) {
            end(null);
            throw e;
        }
        if (batch == null) {
            end(null);
            return new PollResult.RunEnded(lastFire, true);
        }
        checkpoint = batch.checkpoint();
        return new PollResult.NextBatch(batch);
    }

    private void start() {
        Instant fire = clock.instant();
        lastFire = fire;
        nextFire = schedule.nextFireAfter(fire).orElse(Instant.MAX);
        woken = false;
        lastRunMetrics = RunMetrics.EMPTY;
        run = input.open(context, checkpoint);
        listener.runStarted(input.name(), fire);
    }

    private void end(OktaException failure) {
        InputRun ended = run;
        run = null;
        lastRunMetrics = metricsOf(ended); // at the end of the run, by the injected clock (e.g. the System Log's lag)
        ended.close();
        Instant now = clock.instant();
        long skipped = 0;
        while (!nextFire.isAfter(now) && skipped < 100_000) {
            skipped++;
            nextFire = schedule.nextFireAfter(nextFire).orElse(Instant.MAX);
        }
        if (skipped > 0) {
            LOG.warn("{}: skipped {} scheduled fire(s) of {} because the previous run was still going", input.name(), skipped, schedule);
            listener.firesSkipped(input.name(), skipped);
        }
        listener.runEnded(input.name(), failure);
    }

    private void pause(Duration d) {
        waiting = Thread.currentThread();
        try {
            if (!woken) {
                sleeper.sleep(d);
            }
        } catch (InterruptedException e) {
            // woken up: fall through; the interrupt was ours, so it is not kept
        } finally {
            waiting = null;
            if (woken) {
                Thread.interrupted(); // a wakeup that raced the end of the sleep must not poison the next I/O
            }
        }
    }

    /**
     * Ends the current run without completing it, because the caller could not write a batch it handed out:
     * the next run resumes from {@code lastCommitted}, so nothing unwritten is skipped.
     *
     * @param lastCommitted the checkpoint of the last batch that was written and saved
     * @param failure       why, for the listener
     */
    public void abandonRun(Checkpoint lastCommitted, OktaException failure) {
        checkpoint = Objects.requireNonNull(lastCommitted);
        if (run != null) {
            end(failure);
        }
    }

    /** Aborts the wait or the request in flight, from any thread. */
    public void wakeup() {
        woken = true;
        Thread t = waiting;
        if (t != null) {
            t.interrupt();
        }
        InputRun r = run;
        if (r != null) {
            r.wakeup();
        }
    }

    private RunMetrics metricsOf(InputRun ended) {
        try {
            return ended.metrics();
        } catch (RuntimeException e) {
            LOG.warn("{}: the run's metrics could not be read: {}", input.name(), e.toString());
            return RunMetrics.EMPTY;
        }
    }

    /**
     * @return what the last run that ended (completed or failed) reported ({@link InputRun#metrics()}, taken when it
     *         ended), or {@link RunMetrics#EMPTY} before any run ended
     */
    public RunMetrics lastRunMetrics() {
        return lastRunMetrics;
    }

    /** @return true while a run is in progress */
    public boolean inRun() {
        return run != null;
    }

    /** @return when the next run is due */
    public Instant nextFire() {
        return nextFire;
    }

    /** @return when the last run started, or null */
    public Instant lastFire() {
        return lastFire;
    }

    /** @return the checkpoint the next run would resume from */
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    /** @return the input */
    public OktaInput input() {
        return input;
    }

    @Override
    public void close() {
        InputRun r = run;
        run = null;
        if (r != null) {
            r.close();
        }
    }
}
