package dev.oktainputs.kafka;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.Families;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.Inputs;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.auth.ConnectionSettings;
import dev.oktainputs.core.error.OktaException;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.schedule.PollResult;
import dev.oktainputs.core.schedule.ScheduledPoller;
import dev.oktainputs.core.state.IdSetStore;
import dev.oktainputs.core.time.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the inputs of some families of one org: one {@link ScheduledPoller} per input (core's cron schedule and
 * {@link dev.oktainputs.core.InputRun}s), all on one {@link OktaClient}. A fetch thread reads one batch (one Okta page)
 * at a time, taking the inputs in turn; {@link #poll()} hands it out, or returns null when nothing is ready within
 * {@value OktaConnectorConfig#POLL_MAX_WAIT_MS} (no input due, Okta slow, a back-off under way), so the worker can
 * commit offsets and stop the task at any time.
 *
 * <p>Offsets. Each input's checkpoint is its source offset. The batch's new checkpoint travels on the batch's
 * <em>last</em> record; the records before it carry the checkpoint that was valid before the batch, so a partly
 * written batch never commits past unwritten records. A batch without records (an empty System Log page that still
 * moves the cursor) emits nothing: its checkpoint rides on the stream's next record, and until then a restart re-reads
 * from the previous one (which finds the same nothing). Id sets that a new checkpoint supersedes are removed from the
 * state topic ({@link KafkaIdSetStore}) only after that checkpoint is committed.
 *
 * <p>Schedule. When a run completes, the offset on its last record also carries {@value SourceOffsets#LAST_FIRE_KEY},
 * when that run started; a task that starts (a restart, a rebalance) hands it to the {@link ScheduledPoller}, so an input
 * whose last run is recent waits for its next cron fire, and one that missed fires meanwhile runs once at start. A run
 * whose end emits no record (nothing changed) commits nothing: its fire rides on the stream's next record, and until
 * then a restart runs the input at once, as an offset without the key (written before it existed) does; with
 * {@value OktaConnectorConfig#HEARTBEAT_TOPIC} set, such a run ends with one heartbeat record on that topic instead, which
 * carries the stream's offset. A run that fails or is stopped part-way does not count: a restart runs the input at
 * once, resuming from its checkpoint.
 */
public class OktaSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(OktaSourceTask.class);

    /** One input of the task. Counters are guarded by the task's {@code acks} monitor. */
    private static final class Stream {
        final OktaInput input;
        final ScheduledPoller poller;
        final Map<String, String> partition;
        /** The offset valid before the next record: the checkpoint of the last batch handed out, and {@link #lastFire}. */
        Map<String, Object> offset;
        /** The checkpoint in {@link #offset}. */
        Checkpoint checkpoint;
        /** When the last completed run started, null if none did (or is known to have): in {@link #offset}. */
        Instant lastFire;
        /** False while {@link #offset} has not gone out on a record (it is not committed, nor on its way). */
        boolean offsetSent;
        /** The batch without records whose checkpoint is in {@link #offset} but on no record yet, or null. */
        Batch unsent;
        /** The newest batch whose checkpoint went out on a record, and its number. */
        Batch newest;
        long handedOut;
        /** True while a batch without records moved the checkpoint past {@link #newest} (not committed yet). */
        boolean emptyPending;
        /** Records handed out and not yet acknowledged. */
        long outstanding;
        /** What {@link #handedOut} / {@link #outstanding} were at the previous commit. */
        long handedOutAtCommit;
        long outstandingAtCommit = -1;
        /** Batches up to this number are in the committed offsets; the newest one's hook has run up to here. */
        long committed;
        long tidied;

        Stream(OktaInput input, ScheduledPoller poller, Map<String, String> partition, Checkpoint checkpoint, Instant lastFire) {
            this.input = input;
            this.poller = poller;
            this.partition = partition;
            moveTo(checkpoint, lastFire);
            this.offsetSent = true; // it is the committed one
        }

        /** The offset of the next record becomes this checkpoint and last fire. */
        void moveTo(Checkpoint checkpoint, Instant lastFire) {
            this.checkpoint = checkpoint;
            this.lastFire = lastFire;
            this.offset = SourceOffsets.offset(checkpoint, lastFire);
            this.offsetSent = false;
        }
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final java.util.function.Function<OktaConnectorConfig, StateLog> stateLogs;
    private KafkaIdSetStore state;
    private ExecutorService fetcher;
    private volatile Thread fetchThread;
    private Future<List<SourceRecord>> inFlight;
    private final List<Stream> streams = new ArrayList<>();
    private final Map<Map<String, ?>, Stream> byPartition = new HashMap<>();
    private final Object acks = new Object();
    private OktaClient client;
    private RecordConverter converter;
    private String heartbeatTopic;
    private String org;
    private Duration maxWait;
    private int next;
    private Batch pending;
    private RuntimeException deferred;
    private Stream pendingStream;
    private volatile boolean stopping;

    /** For Connect. */
    public OktaSourceTask() {
        this(Clock.systemUTC(), Sleeper.SYSTEM, OktaSourceTask::kafkaStateLog);
    }

    /** For tests: time from a virtual clock; the state topic from {@code stateLogs}. */
    OktaSourceTask(Clock clock, Sleeper sleeper, java.util.function.Function<OktaConnectorConfig, StateLog> stateLogs) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.stateLogs = stateLogs;
    }

    private static StateLog kafkaStateLog(OktaConnectorConfig config) {
        return new KafkaStateLog(config.stateTopic(), config.stateClientConfig(), "okta-inputs-" + config.connectorName());
    }

    @Override
    public String version() {
        return Version.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        OktaConnectorConfig config = new OktaConnectorConfig(props);
        String threadName = "okta-fetch-" + props.getOrDefault("name", "task") + "-" + config.taskFamilies();
        fetcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            fetchThread = t;
            return t;
        });
        converter = new RecordConverter(config.topicPrefix(), config.tombstones(), config.timestampSource(), clock);
        heartbeatTopic = config.heartbeatTopic();
        maxWait = Duration.ofMillis(config.pollMaxWaitMs());
        Map<String, OktaInput> available = Inputs.discover(OktaSourceTask.class.getClassLoader());
        List<String> families = new ArrayList<>();
        List<OktaInput> inputs = new ArrayList<>();
        for (String family : config.taskFamilies()) {
            for (String name : Families.inputsOf(family)) {
                OktaInput input = available.get(name);
                if (input != null) {
                    families.add(family);
                    inputs.add(input);
                }
            }
        }
        if (inputs.isEmpty()) {
            throw new ConnectException("none of the inputs " + config.taskFamilies() + " is on the plugin path. Fix: install the"
                    + " complete okta-inputs-kafka-connect plugin directory");
        }
        ConnectionSettings settings = config.connectionSettings();
        for (String warning : settings.warnings()) { // e.g. a key id that differs from the JWK's kid; no secret in it
            int colon = warning.indexOf(": ");
            LOG.warn("{}: {}", OktaConnectorConfig.connectorKey(warning.substring(0, colon)), warning.substring(colon + 2));
        }
        try {
            client = OktaClient.builder(settings.orgUrl(), settings.credentials(Inputs.requiredScopes(inputs)))
                    .time(clock, sleeper).build();
        } catch (OktaException e) {
            throw new ConnectException(OktaConnectorConfig.inConnectorTerms(e.getMessage()));
        }
        org = client.orgUrl().toString();
        List<Map<String, String>> partitions = new ArrayList<>();
        inputs.forEach(i -> partitions.add(SourceOffsets.partition(org, i.name())));
        Map<Map<String, String>, Map<String, Object>> offsets = context.offsetStorageReader().offsets(partitions);
        IdSetStore idSets = new RebuildingIdSetStore(stateStore(config, inputs, partitions, offsets));
        for (int i = 0; i < inputs.size(); i++) {
            OktaInput input = inputs.get(i);
            Map<String, String> partition = partitions.get(i);
            Map<String, Object> stored = offsets == null ? null : offsets.get(partition);
            Checkpoint checkpoint;
            try {
                checkpoint = SourceOffsets.checkpoint(stored);
            } catch (IllegalArgumentException e) {
                throw new ConnectException("the stored offset of " + input.name() + " is not usable: " + e.getMessage()
                        + ". Fix: reset it (DELETE /connectors/<name>/offsets while the connector is stopped)");
            }
            InputContext ctx;
            try {
                ctx = new InputContext(client, config.options(families.get(i), input), idSets);
            } catch (OktaException e) {
                throw new ConnectException(OktaConnectorConfig.inConnectorTerms(e.getMessage()));
            }
            Instant lastFire = lastFire(input, stored);
            ScheduledPoller poller = new ScheduledPoller(input, ctx, config.schedule(families.get(i)), checkpoint, lastFire, clock,
                    sleeper, null);
            Stream stream = new Stream(input, poller, partition, checkpoint, lastFire);
            streams.add(stream);
            byPartition.put(partition, stream);
            LOG.info("{} {}: starting from {} on {}; {}", org, input.name(), checkpoint.isEmpty() ? "the beginning" : checkpoint,
                    config.schedule(families.get(i)), lastFire == null ? "no completed run known, runs now"
                            : "last completed run started " + lastFire + ", next run " + poller.nextFire());
        }
    }

    /**
     * The task's id sets: in the state topic, cached in a directory of this task instance, and filled from the topic
     * with the sets that the committed offsets name, before any input runs.
     */
    private IdSetStore stateStore(OktaConnectorConfig config, List<OktaInput> inputs, List<Map<String, String>> partitions,
                                  Map<Map<String, String>, Map<String, Object>> offsets) {
        String connector = config.connectorName();
        try {
            state = KafkaIdSetStore.open(stateLogs.apply(config), config.stateDir(connector),
                    String.join("+", config.taskFamilies()), connector, org);
            Map<String, Map<String, Object>> byStream = new HashMap<>();
            for (int i = 0; i < inputs.size(); i++) {
                byStream.put(inputs.get(i).name(), offsets == null ? null : offsets.get(partitions.get(i)));
            }
            state.restore(byStream);
            state.log().warnAboutTimeRetention(inputs.stream().filter(i -> !i.name().equals("system_log"))
                    .map(i -> config.topicPrefix() + i.name()).collect(java.util.stream.Collectors.toList()));
            return state;
        } catch (IOException | RuntimeException e) {
            throw new ConnectException(e.getMessage(), e);
        }
    }

    /**
     * The stored start of the input's last completed run: null when there is none (or it cannot be read, which costs
     * one run at once); never after now (a worker whose clock ran ahead must not postpone the schedule).
     */
    private Instant lastFire(OktaInput input, Map<String, Object> stored) {
        Instant fire;
        try {
            fire = SourceOffsets.lastFire(stored);
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: {}; ignoring it: the input runs now", input.name(), e.getMessage());
            return null;
        }
        Instant now = clock.instant();
        return fire != null && fire.isAfter(now) ? now : fire;
    }

    /**
     * Waits at most {@value OktaConnectorConfig#POLL_MAX_WAIT_MS} for the next batch, which the task's fetch thread
     * reads; returns null when none is ready by then (the fetch goes on and the next poll picks it up). So poll()
     * returns regularly even while Okta is slow or a retry back-off or rate-limit pause is under way, and the worker
     * can commit offsets and stop the task (it calls {@link #stop()} only once poll() has returned).
     */
    @Override
    public List<SourceRecord> poll() {
        if (stopping) {
            return null;
        }
        if (inFlight == null) {
            try {
                inFlight = fetcher.submit(this::fetchNext);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return null; // stopping
            }
        }
        try {
            List<SourceRecord> records = inFlight.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
            inFlight = null;
            return records;
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (CancellationException e) {
            inFlight = null;
            return null;
        } catch (ExecutionException e) {
            inFlight = null;
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new ConnectException(cause);
        }
    }

    /** On the fetch thread: the next batch of whichever input is in a run or due, or a wait of at most maxWait. */
    private List<SourceRecord> fetchNext() {
        if (stopping) {
            return null;
        }
        tidyCommitted();
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
            Stream s = streams.get(idx);
            if (s.poller.inRun() || !now.isBefore(s.poller.nextFire())) {
                next = (idx + 1) % n;
                return pollOne(s, Duration.ZERO);
            }
        }
        if (state != null) {
            state.idle(); // no input in a run: an idle task holds no producer (nor its thread)
        }
        Stream earliest = streams.get(0);
        for (Stream s : streams) {
            if (s.poller.nextFire().isBefore(earliest.poller.nextFire())) {
                earliest = s;
            }
        }
        return pollOne(earliest, maxWait);
    }

    /**
     * One batch of one input, as records. When the batch has records and its run goes on, the batches right after it
     * that have none (the empty page that ends a System Log poll, the end of a full pass that only compacted its id
     * set) are fetched too and their checkpoint put on this batch's last record: otherwise it would wait for the
     * stream's next record to be committed.
     */
    private List<SourceRecord> pollOne(Stream s, Duration wait) {
        List<SourceRecord> out = handOut(s, fetch(s, wait));
        if (out == null && heartbeatTopic != null && !s.offsetSent && !s.poller.inRun() && !stopping) {
            return heartbeat(s);
        }
        return out;
    }

    /**
     * The run of {@code s} ended with an offset no record carries (its last batches had no records, or it had none):
     * one heartbeat record carries it, so that it is committed like a batch's.
     */
    private List<SourceRecord> heartbeat(Stream s) {
        SourceRecord r = RecordConverter.heartbeat(heartbeatTopic, org, s.input.name(), s.partition, s.offset, s.lastFire,
                clock.instant());
        synchronized (acks) {
            if (s.unsent != null) {
                s.newest = s.unsent; // its commit hook may run once the heartbeat's offset is committed
                s.handedOut++;
                s.emptyPending = false;
            }
            s.outstanding++;
        }
        s.unsent = null;
        s.offsetSent = true;
        List<SourceRecord> out = new ArrayList<>(1);
        out.add(r);
        return out;
    }

    private List<SourceRecord> handOut(Stream s, Batch batch) {
        if (batch == null) {
            return null;
        }
        if (batch.records().isEmpty()) {
            // Nothing to send: the checkpoint rides on this stream's next record.
            synchronized (acks) {
                s.emptyPending = true;
            }
            s.moveTo(batch.checkpoint(), s.lastFire);
            s.unsent = batch;
            return null;
        }
        List<SourceRecord> out = new ArrayList<>(batch.records().size());
        List<OktaRecord> records = batch.records();
        for (int i = 0; i < records.size() - 1; i++) {
            out.add(converter.convert(records.get(i), s.partition, s.offset));
        }
        OktaRecord lastRecord = records.get(records.size() - 1);
        Batch newest = batch;
        while (s.poller.inRun() && !stopping) {
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
                // A batch with records of its own: it goes out with the next poll, after this one.
                pending = more;
                pendingStream = s;
                break;
            }
            newest = more;
        }
        // When the run ended just now, fetch() has set its fire: it goes out with this record.
        s.moveTo(newest.checkpoint(), s.lastFire);
        out.add(converter.convert(lastRecord, s.partition, s.offset));
        s.offsetSent = true;
        s.unsent = null;
        synchronized (acks) {
            s.newest = newest;
            s.handedOut++;
            s.emptyPending = false;
            s.outstanding += out.size();
        }
        return out;
    }

    /**
     * The poller's next batch; when that ends a run that completed (not failed, not stopped), the run's fire becomes
     * the stream's {@link Stream#lastFire}, for the offset of the stream's next record.
     */
    private Batch fetch(Stream s, Duration wait) {
        try {
            PollResult polled = s.poller.poll(wait);
            if (polled instanceof PollResult.RunEnded ended && ended.completed() && !stopping) {
                s.moveTo(s.checkpoint, ended.fire());
            }
            return polled instanceof PollResult.NextBatch next ? next.batch() : null;
        } catch (OktaException e) {
            if (stopping) {
                return null;
            }
            String message = s.input.name() + ": " + OktaConnectorConfig.inConnectorTerms(e.getMessage());
            if (e.isRetriable()) {
                // The run is over; the next fire resumes from the last checkpoint handed out.
                LOG.warn("{} (retried at the next scheduled run)", message);
                throw new RetriableException(message, e);
            }
            throw new ConnectException(message, e);
        } catch (java.io.UncheckedIOException e) {
            if (stopping) {
                return null;
            }
            // The state topic (or the cache) could not be written: the run is over, the next fire resumes.
            String message = s.input.name() + ": " + e.getMessage();
            LOG.warn("{} (retried at the next scheduled run)", message);
            throw new RetriableException(message, e);
        } catch (RuntimeException e) {
            if (stopping) {
                return null;
            }
            throw new ConnectException(s.input.name() + ": " + OktaConnectorConfig.inConnectorTerms(e.getMessage()), e);
        }
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        Stream s = byPartition.get(record.sourcePartition());
        if (s != null) {
            synchronized (acks) {
                s.outstanding--;
            }
        }
    }

    /**
     * Notes what the offsets committed now certainly cover: every batch handed out before the previous commit, if all
     * its records had been acknowledged by then (Connect commits a partition's offsets only up to its first
     * unacknowledged record).
     */
    @Override
    public void commit() {
        synchronized (acks) {
            for (Stream s : streams) {
                if (s.outstandingAtCommit == 0) {
                    s.committed = Math.max(s.committed, s.handedOutAtCommit);
                }
                s.handedOutAtCommit = s.handedOut;
                s.outstandingAtCommit = s.outstanding;
            }
        }
    }

    /**
     * On the poll thread (so no batch is being made meanwhile): a stream whose newest batch is committed, with no
     * newer checkpoint pending, runs that batch's commit hook, which deletes the id-set files its checkpoint no longer
     * names. Older batches' hooks are skipped: the newest one's removes whatever theirs would.
     */
    private void tidyCommitted() {
        for (Stream s : streams) {
            Batch due = null;
            synchronized (acks) {
                if (s.newest != null && !s.emptyPending && s.committed >= s.handedOut && s.tidied < s.handedOut) {
                    due = s.newest;
                    s.tidied = s.handedOut;
                }
            }
            if (due != null) {
                try {
                    due.committed();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("{}: tidying up superseded id sets failed (retried after a later batch): {}", s.input.name(),
                            e.getMessage());
                }
            }
        }
    }

    /** @return true when no input is in a run and no fetched batch waits, whatever the fetch thread waits for (bench) */
    boolean noRunInProgress() {
        return pending == null && streams.stream().noneMatch(s -> s.poller.inRun());
    }

    /** @return true when no input is in a run and nothing fetched waits to be handed out (for tests) */
    boolean idle() {
        return inFlight == null && pending == null && streams.stream().noneMatch(s -> s.poller.inRun());
    }

    /**
     * Aborts the cron wait, HTTP call, retry back-off or rate-limit pause in flight (from any thread), waits for the
     * fetch thread to end, and releases the client. Nothing is lost: the next start resumes from the committed offsets.
     */
    @Override
    public void stop() {
        stopping = true;
        streams.forEach(s -> s.poller.wakeup());
        if (fetcher != null) {
            fetcher.shutdownNow(); // interrupts a back-off or pause inside the client
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                boolean ended = fetcher.awaitTermination(30, TimeUnit.SECONDS);
                // A pool reports termination just before its worker thread exits: wait for the thread itself too.
                Thread t = fetchThread;
                if (ended && t != null) {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                    ended = !t.isAlive();
                }
                if (!ended) {
                    LOG.warn("the fetch thread did not end within 30 s of stop(); closing the client anyway");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        streams.forEach(s -> s.poller.close());
        if (client != null) {
            client.close();
        }
        if (state != null) {
            state.close();
        }
    }
}
