package dev.oktainputs.kafka;

import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.error.OktaException;
import dev.oktainputs.core.schedule.PollResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the task's {@link FetchThread} does, one {@link #fetchNext()} at a time: reads one batch (one Okta page) of the
 * stream whose turn it is, taking the inputs that are in a run or due in turn, and makes it records, keeping each
 * stream's {@link StreamOffsets}; with no input due, it waits (at most {@code maxWait}) for the earliest next fire.
 * Before each fetch it runs the commit hooks that the committed offsets made due (so no batch is being made
 * meanwhile).
 */
final class FetchLoop {

    private static final Logger LOG = LoggerFactory.getLogger(FetchLoop.class);

    private final List<TaskStream> streams;
    private final RecordConverter converter;
    private final String heartbeatTopic;
    private final String org;
    private final Duration maxWait;
    private final Clock clock;
    private final Runnable idle;
    private final TaskMetrics metrics;
    private int next;
    /** A batch with records, fetched after the previous batch of its stream, that goes out with the next fetch. */
    private volatile Batch pending;
    private TaskStream pendingStream;
    /** A failure that follows the records in hand out of the previous fetch. */
    private RuntimeException deferred;
    private volatile boolean stopping;

    /**
     * @param streams        the task's inputs
     * @param converter      makes records
     * @param heartbeatTopic where a run that ends with an offset on no record sends a heartbeat, or null
     * @param org            the org URL
     * @param maxWait        the longest one fetch waits for the next fire
     * @param clock          the clock
     * @param idle           what to do when no input is in a run (the state topic releases its producer)
     */
    FetchLoop(List<TaskStream> streams, RecordConverter converter, String heartbeatTopic, String org, Duration maxWait,
              Clock clock, Runnable idle) {
        this(streams, converter, heartbeatTopic, org, maxWait, clock, idle, new TaskMetrics(null));
    }

    /** @param metrics the task's figures: records handed out, runs ended */
    FetchLoop(List<TaskStream> streams, RecordConverter converter, String heartbeatTopic, String org, Duration maxWait,
              Clock clock, Runnable idle, TaskMetrics metrics) {
        this.metrics = metrics;
        this.streams = streams;
        this.converter = converter;
        this.heartbeatTopic = heartbeatTopic;
        this.org = org;
        this.maxWait = maxWait;
        this.clock = clock;
        this.idle = idle;
    }

    /** @return the next batch of whichever input is in a run or due, as records; null after a wait of at most maxWait */
    List<SourceRecord> fetchNext() {
        if (stopping) {
            return null;
        }
        runDueCommitHooks();
        if (deferred != null) {
            RuntimeException e = deferred;
            deferred = null;
            throw e;
        }
        if (pending != null) {
            Batch b = pending;
            pending = null;
            return handOut(pendingStream, b);
        }
        Instant now = clock.instant();
        int n = streams.size();
        for (int i = 0; i < n; i++) {
            int idx = (next + i) % n;
            TaskStream s = streams.get(idx);
            if (s.poller().inRun() || !now.isBefore(s.poller().nextFire())) {
                next = (idx + 1) % n;
                return pollOne(s, Duration.ZERO);
            }
        }
        idle.run(); // no input in a run: an idle task holds no producer (nor its thread)
        TaskStream earliest = streams.get(0);
        for (TaskStream s : streams) {
            if (s.poller().nextFire().isBefore(earliest.poller().nextFire())) {
                earliest = s;
            }
        }
        return pollOne(earliest, maxWait);
    }

    /** Ends the loop: later fetches return null at once; the wait or request in flight is aborted, from any thread. */
    void stop() {
        stopping = true;
        streams.forEach(s -> s.poller().wakeup());
    }

    /** @return true once {@link #stop()} was called */
    boolean stopping() {
        return stopping;
    }

    /** @return true when a fetched batch waits to be handed out */
    boolean holdsBatch() {
        return pending != null;
    }

    /**
     * One batch of one input, as records; or, when the run just ended with an offset on no record, one heartbeat.
     */
    private List<SourceRecord> pollOne(TaskStream s, Duration wait) {
        List<SourceRecord> out = handOut(s, fetch(s, wait));
        if (out == null && heartbeatTopic != null && s.offsets().onNoRecord() && !s.poller().inRun() && !stopping) {
            return heartbeat(s);
        }
        return out;
    }

    /**
     * The run of {@code s} ended with an offset no record carries (its last batches had no records, or it had none):
     * one heartbeat record carries it, so that it is committed like a batch's.
     */
    private List<SourceRecord> heartbeat(TaskStream s) {
        StreamOffsets offsets = s.offsets();
        SourceRecord r = RecordConverter.heartbeat(heartbeatTopic, org, s.input().name(), s.partition(), offsets.offset(),
                offsets.lastFire(), clock.instant());
        offsets.heartbeatHandedOut();
        List<SourceRecord> out = new ArrayList<>(1);
        out.add(r);
        return out;
    }

    /**
     * A batch as records. When it has records and its run goes on, the batches right after it that have none (the
     * empty page that ends a System Log poll, the end of a full pass that only compacted its id set) are fetched too and
     * their checkpoint put on this batch's last record: otherwise it would wait for the stream's next record to be
     * committed.
     */
    private List<SourceRecord> handOut(TaskStream s, Batch batch) {
        if (batch == null) {
            return null;
        }
        StreamOffsets offsets = s.offsets();
        if (batch.records().isEmpty()) {
            offsets.emptyBatch(batch); // nothing to send: the checkpoint rides on this stream's next record
            return null;
        }
        List<SourceRecord> out = new ArrayList<>(batch.records().size());
        List<OktaRecord> records = batch.records();
        metrics.records(records);
        for (int i = 0; i < records.size() - 1; i++) {
            out.add(converter.convert(records.get(i), s.partition(), offsets.offset()));
        }
        Batch newest = batch;
        while (s.poller().inRun() && !stopping) {
            Batch more;
            try {
                more = fetch(s, Duration.ZERO);
            } catch (RuntimeException e) {
                // The records in hand go out first (the poller is already past them); the failure follows.
                deferred = e;
                break;
            }
            if (more == null) {
                break;
            }
            if (!more.records().isEmpty()) {
                // A batch with records of its own: it goes out with the next fetch, after this one.
                pendingStream = s;
                pending = more;
                break;
            }
            newest = more;
        }
        // When the run ended just now, fetch() has noted its fire: it goes out with this record.
        out.add(converter.convert(records.get(records.size() - 1), s.partition(), offsets.handOut(newest, out.size() + 1)));
        return out;
    }

    /**
     * The poller's next batch, or null; when the poll ends a run that completed (not failed, not stopped), the run's
     * fire goes into the offset of the stream's next record.
     */
    private Batch fetch(TaskStream s, Duration wait) {
        try {
            PollResult polled = s.poller().poll(wait);
            if (polled instanceof PollResult.RunEnded ended && ended.completed() && !stopping) {
                s.offsets().runCompleted(ended.fire());
            }
            if (polled instanceof PollResult.RunEnded ended && !stopping) {
                metrics.runEnded(s.input().name(), ended.completed(), clock.instant(), s.poller().lastRunMetrics());
            }
            return polled instanceof PollResult.NextBatch nextBatch ? nextBatch.batch() : null;
        } catch (OktaException e) {
            if (stopping) {
                return null;
            }
            metrics.runEnded(s.input().name(), false, clock.instant(), s.poller().lastRunMetrics());
            String message = s.input().name() + ": " + ConnectorKeys.inConnectorTerms(e.getMessage());
            if (e.isRetriable()) {
                // The run is over; the next fire resumes from the last checkpoint handed out.
                LOG.warn("{} (retried at the next scheduled run)", message);
                throw new RetriableException(message, e);
            }
            throw new ConnectException(message, e);
        } catch (UncheckedIOException e) {
            if (stopping) {
                return null;
            }
            // The state topic (or the cache) could not be written: the run is over, the next fire resumes.
            String message = s.input().name() + ": " + e.getMessage();
            LOG.warn("{} (retried at the next scheduled run)", message);
            throw new RetriableException(message, e);
        } catch (RuntimeException e) {
            if (stopping) {
                return null;
            }
            throw new ConnectException(s.input().name() + ": " + ConnectorKeys.inConnectorTerms(e.getMessage()), e);
        }
    }

    /**
     * Runs the commit hook of each stream whose newest batch is committed ({@link StreamOffsets#takeDueCommitHook()}),
     * which deletes the id sets its checkpoint no longer names.
     */
    private void runDueCommitHooks() {
        for (TaskStream s : streams) {
            Batch due = s.offsets().takeDueCommitHook();
            if (due != null) {
                try {
                    due.committed();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("{}: tidying up superseded id sets failed (retried after a later batch): {}", s.input().name(),
                            e.getMessage());
                }
            }
        }
    }
}
