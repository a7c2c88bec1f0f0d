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
import dev.oktainputs.core.schedule.ScheduledPoller;
import dev.oktainputs.core.store.FileIdSetStore;
import dev.oktainputs.core.store.IdSetStore;
import dev.oktainputs.core.time.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the inputs of some families of one org: one {@link ScheduledPoller} per input (core's cron schedule and
 * {@link dev.oktainputs.core.InputRun}s), all on one {@link OktaClient}. {@link #poll()} hands out one batch (one Okta
 * page) at a time, taking the inputs in turn, and returns null while no input is due (at most
 * {@value OktaConnectorConfig#POLL_MAX_WAIT_MS} later), so the worker can commit and stop.
 *
 * <p>Offsets. Each input's checkpoint is its source offset. The batch's new checkpoint travels on the batch's
 * <em>last</em> record; the records before it carry the checkpoint that was valid before the batch, so a partly
 * written batch never commits past unwritten records. A batch without records (an empty System Log page that still
 * moves the cursor) emits nothing: its checkpoint rides on the stream's next record, and until then a restart re-reads
 * from the previous one (which finds the same nothing). Id-set files that a new checkpoint supersedes are deleted
 * only after that checkpoint is committed.
 */
public class OktaSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(OktaSourceTask.class);

    /** One input of the task. */
    private static final class Stream {
        final OktaInput input;
        final ScheduledPoller poller;
        final Map<String, String> partition;
        Map<String, Object> offset;
        List<Batch> unsentHooks = new ArrayList<>();

        Stream(OktaInput input, ScheduledPoller poller, Map<String, String> partition, Map<String, Object> offset) {
            this.input = input;
            this.poller = poller;
            this.partition = partition;
            this.offset = offset;
        }
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final ReentrantLock pollLock = new ReentrantLock();
    private final List<Stream> streams = new ArrayList<>();
    private final Map<SourceRecord, List<Batch>> hooksByRecord = new IdentityHashMap<>();
    private List<Batch> ackedSinceCommit = new ArrayList<>();
    private List<Batch> ackedBeforeLastCommit = new ArrayList<>();
    private OktaClient client;
    private RecordConverter converter;
    private Duration maxWait;
    private int next;
    private volatile boolean stopping;

    /** For Connect. */
    public OktaSourceTask() {
        this(Clock.systemUTC(), Sleeper.SYSTEM);
    }

    /** For tests: time from a virtual clock. */
    OktaSourceTask(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public String version() {
        return Version.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        OktaConnectorConfig config = new OktaConnectorConfig(props);
        converter = new RecordConverter(config.topicPrefix(), config.tombstones());
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
        try {
            client = OktaClient.builder(settings.orgUrl(), settings.credentials(Inputs.requiredScopes(inputs)))
                    .time(clock, sleeper).build();
        } catch (OktaException e) {
            throw new ConnectException(e.getMessage());
        }
        String org = client.orgUrl().toString();
        IdSetStore idSets = new RebuildingIdSetStore(new FileIdSetStore(config.stateDir(props.get("name"))));
        List<Map<String, String>> partitions = new ArrayList<>();
        inputs.forEach(i -> partitions.add(SourceOffsets.partition(org, i.name())));
        Map<Map<String, String>, Map<String, Object>> offsets = context.offsetStorageReader().offsets(partitions);
        for (int i = 0; i < inputs.size(); i++) {
            OktaInput input = inputs.get(i);
            Map<String, String> partition = partitions.get(i);
            Checkpoint checkpoint;
            try {
                checkpoint = SourceOffsets.checkpoint(offsets == null ? null : offsets.get(partition));
            } catch (IllegalArgumentException e) {
                throw new ConnectException("the stored offset of " + input.name() + " is not usable: " + e.getMessage()
                        + ". Fix: reset it (DELETE /connectors/<name>/offsets while the connector is stopped)");
            }
            InputContext ctx;
            try {
                ctx = new InputContext(client, config.options(families.get(i), input), idSets);
            } catch (OktaException e) {
                throw new ConnectException(e.getMessage());
            }
            ScheduledPoller poller = new ScheduledPoller(input, ctx, config.schedule(families.get(i)), checkpoint, null, clock,
                    sleeper, null);
            streams.add(new Stream(input, poller, partition, SourceOffsets.offset(checkpoint)));
            LOG.info("{} {}: starting from {} on {}", org, input.name(), checkpoint.isEmpty() ? "the beginning" : checkpoint,
                    config.schedule(families.get(i)));
        }
    }

    @Override
    public List<SourceRecord> poll() {
        if (stopping) {
            return null;
        }
        pollLock.lock();
        try {
            if (stopping) {
                return null;
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
            Stream earliest = streams.get(0);
            for (Stream s : streams) {
                if (s.poller.nextFire().isBefore(earliest.poller.nextFire())) {
                    earliest = s;
                }
            }
            return pollOne(earliest, maxWait);
        } finally {
            pollLock.unlock();
        }
    }

    private List<SourceRecord> pollOne(Stream s, Duration wait) {
        Batch batch;
        try {
            batch = s.poller.poll(wait);
        } catch (OktaException e) {
            if (stopping) {
                return null;
            }
            String message = s.input.name() + ": " + e.getMessage();
            if (e.isRetriable()) {
                // The run is over; the next fire resumes from the last checkpoint handed out.
                LOG.warn("{} (retried at the next scheduled run)", message);
                throw new RetriableException(message, e);
            }
            throw new ConnectException(message, e);
        } catch (RuntimeException e) {
            if (stopping) {
                return null;
            }
            throw new ConnectException(s.input.name() + ": " + e.getMessage(), e);
        }
        if (batch == null) {
            return null;
        }
        Map<String, Object> newOffset = SourceOffsets.offset(batch.checkpoint());
        List<OktaRecord> records = batch.records();
        s.unsentHooks.add(batch);
        if (records.isEmpty()) {
            // Nothing to send: the checkpoint rides on this stream's next record.
            s.offset = newOffset;
            return null;
        }
        List<SourceRecord> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            boolean last = i == records.size() - 1;
            out.add(converter.convert(records.get(i), s.partition, last ? newOffset : s.offset));
        }
        s.offset = newOffset;
        synchronized (hooksByRecord) {
            hooksByRecord.put(out.get(out.size() - 1), s.unsentHooks);
        }
        s.unsentHooks = new ArrayList<>();
        return out;
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        synchronized (hooksByRecord) {
            List<Batch> hooks = hooksByRecord.remove(record);
            if (hooks != null) {
                ackedSinceCommit.addAll(hooks);
            }
        }
    }

    /**
     * Runs the commit hooks (id-set cleanup) of batches acknowledged before the previous offset commit: those are
     * certainly covered by the offsets committed now, whatever order acks and the offset snapshot came in.
     */
    @Override
    public void commit() {
        List<Batch> due;
        synchronized (hooksByRecord) {
            due = ackedBeforeLastCommit;
            ackedBeforeLastCommit = ackedSinceCommit;
            ackedSinceCommit = new ArrayList<>();
        }
        for (Batch b : due) {
            try {
                b.committed();
            } catch (IOException | RuntimeException e) {
                LOG.warn("tidying up superseded id sets failed (they are removed at a later commit): {}", e.getMessage());
            }
        }
    }

    /** Aborts a wait or HTTP call in flight (from any thread) and releases the client. */
    @Override
    public void stop() {
        stopping = true;
        streams.forEach(s -> s.poller.wakeup());
        boolean locked = false;
        try {
            locked = pollLock.tryLock(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            streams.forEach(s -> s.poller.close());
            if (client != null) {
                client.close();
            }
        } finally {
            if (locked) {
                pollLock.unlock();
            }
        }
    }
}
