package dev.oktainputs.core;

/**
 * One execution of an input: a full or incremental listing, or a System Log poll until an empty page. Pull
 * {@link #next()} until it returns null. Not thread-safe, except {@link #wakeup()}.
 */
public interface InputRun extends AutoCloseable {

    /**
     * Fetches the next batch (usually one Okta page).
     *
     * @return the batch, or null when the run is complete
     * @throws dev.oktainputs.core.error.OktaException on failure; the last committed checkpoint stays valid
     */
    Batch next();

    /**
     * Aborts the request in flight from another thread; {@link #next()} then fails promptly with a
     * {@link dev.oktainputs.core.error.OktaTransportException}. Nothing is lost: the run resumes from the last
     * committed checkpoint.
     */
    void wakeup();

    /**
     * What this run has done so far (events, pages, ...), for the runner to report; complete once
     * {@link #next()} has returned null. Inputs that count nothing keep the default.
     *
     * @return the run's metrics
     */
    default RunMetrics metrics() {
        return RunMetrics.EMPTY;
    }

    /** Releases what the run holds. */
    @Override
    void close();
}
