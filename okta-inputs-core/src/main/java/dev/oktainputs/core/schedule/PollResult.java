package dev.oktainputs.core.schedule;

import dev.oktainputs.core.Batch;
import java.time.Instant;
import java.util.Objects;

/**
 * What one {@link ScheduledPoller#poll} did: waited for the next fire, handed out the next batch of the run in progress,
 * or saw that run end. A run that fails is not a result: {@code poll} throws (the run is over then, too).
 */
public sealed interface PollResult permits PollResult.Waited, PollResult.NextBatch, PollResult.RunEnded {

    /** The one {@link Waited}. */
    Waited WAITED = new Waited();

    /**
     * No run is in progress and none was due: the poll waited (at most its {@code maxWait}, less when woken up) and no
     * run started.
     */
    record Waited() implements PollResult {
    }

    /**
     * The next batch of the run in progress (a run that started in this poll, or goes on).
     *
     * @param batch the batch; the poller resumes its next run from the batch's checkpoint
     */
    record NextBatch(Batch batch) implements PollResult {
        public NextBatch {
            Objects.requireNonNull(batch, "batch");
        }
    }

    /**
     * The run that started at {@code fire} ended in this poll (it may also have started in it, when it had no batch).
     *
     * @param fire      when the run started
     * @param completed true when the run handed out its last batch; false when {@link ScheduledPoller#wakeup()}
     *                  stopped it part-way, so the next run resumes from the last checkpoint handed out
     */
    record RunEnded(Instant fire, boolean completed) implements PollResult {
        public RunEnded {
            Objects.requireNonNull(fire, "fire");
        }
    }
}
