package dev.oktainputs.kafka;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.Inputs;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.auth.ConnectionSettings;
import dev.oktainputs.core.error.OktaException;
import dev.oktainputs.core.http.OktaClient;
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
import java.util.function.Function;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the inputs of some families of one org: one {@link ScheduledPoller} per input (core's cron schedule and
 * {@link dev.oktainputs.core.InputRun}s), all on one {@link OktaClient}. A {@link FetchThread} reads one batch (one Okta
 * page) at a time, taking the inputs in turn ({@link FetchLoop}); {@link #poll()} hands it out, or returns null when
 * nothing is ready within {@value OktaConnectorConfig#POLL_MAX_WAIT_MS} (no input due, Okta slow, a back-off under
 * way), so the worker can commit offsets and stop the task at any time.
 *
 * <p>Offsets. Each input's checkpoint is its source offset; which offset each record carries, and when the id sets
 * that a new checkpoint supersedes are removed from the state topic ({@link KafkaIdSetStore}), is
 * {@link StreamOffsets}' to decide: the task tells it what Connect acknowledged and committed.
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

    private final Clock clock;
    private final Sleeper sleeper;
    private final Function<OktaConnectorConfig, StateLog> stateLogs;
    private KafkaIdSetStore state;
    private final List<TaskStream> streams = new ArrayList<>();
    private final Map<Map<String, ?>, TaskStream> byPartition = new HashMap<>();
    private OktaClient client;
    private String org;
    private Duration maxWait;
    private FetchLoop loop;
    private FetchThread<List<SourceRecord>> fetchThread;
    private TaskMetrics metrics = new TaskMetrics(null);
    private okhttp3.OkHttpClient metricsHttp;

    /** For Connect. */
    public OktaSourceTask() {
        this(Clock.systemUTC(), Sleeper.SYSTEM, OktaSourceTask::kafkaStateLog);
    }

    /** For tests: time from a virtual clock; the state topic from {@code stateLogs}. */
    OktaSourceTask(Clock clock, Sleeper sleeper, Function<OktaConnectorConfig, StateLog> stateLogs) {
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
        maxWait = Duration.ofMillis(config.pollMaxWaitMs());
        List<String> families = new ArrayList<>();
        List<OktaInput> inputs = new ArrayList<>();
        for (String family : config.taskFamilies()) {
            for (OktaInput input : OktaConnectorConfig.FAMILIES.members(family)) {
                families.add(family);
                inputs.add(input);
            }
        }
        if (inputs.isEmpty()) {
            throw new ConnectException("none of the inputs " + config.taskFamilies() + " is on the plugin path. Fix: install the"
                    + " complete okta-inputs-kafka-connect plugin directory");
        }
        ConnectionSettings settings = config.connectionSettings();
        for (String warning : settings.warnings()) { // e.g. a key id that differs from the JWK's kid; no secret in it
            int colon = warning.indexOf(": ");
            LOG.warn("{}: {}", ConnectorKeys.connectorKey(warning.substring(0, colon)), warning.substring(colon + 2));
        }
        metrics = new TaskMetrics(TaskMetrics.of(context));
        try {
            OktaClient.Builder b = OktaClient.builder(settings.orgUrl(), settings.credentials(Inputs.requiredScopes(inputs)))
                    .time(clock, sleeper);
            if (metrics.enabled()) {   // every exchange with Okta counted, by bucket and status
                metricsHttp = new okhttp3.OkHttpClient.Builder().addNetworkInterceptor(metrics.http()).build();
                b.okHttpClient(metricsHttp);
            }
            client = b.build();
            metrics.governor(client.governor()::views);
        } catch (OktaException e) {
            throw new ConnectException(ConnectorKeys.inConnectorTerms(e.getMessage()));
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
                throw new ConnectException(ConnectorKeys.inConnectorTerms(e.getMessage()));
            }
            Instant lastFire = lastFire(input, stored);
            ScheduledPoller poller = new ScheduledPoller(input, ctx, config.schedule(families.get(i)), checkpoint, lastFire, clock,
                    sleeper, null);
            TaskStream stream = new TaskStream(input, poller, partition, new StreamOffsets(checkpoint, lastFire));
            streams.add(stream);
            byPartition.put(partition, stream);
            LOG.info("{} {}: starting from {} on {}; {}", org, input.name(), checkpoint.isEmpty() ? "the beginning" : checkpoint,
                    config.schedule(families.get(i)), lastFire == null ? "no completed run known, runs now"
                            : "last completed run started " + lastFire + ", next run " + poller.nextFire());
        }
        RecordConverter converter = new RecordConverter(config.topicPrefix(), config.tombstones(), config.timestampSource(),
                clock);
        loop = new FetchLoop(streams, converter, config.heartbeatTopic(), org, maxWait, clock, state::idle, metrics);
        fetchThread = new FetchThread<>("okta-fetch-" + props.getOrDefault("name", "task") + "-" + config.taskFamilies(),
                loop::fetchNext);
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
        if (loop == null || loop.stopping()) {
            return null;
        }
        return fetchThread.poll(maxWait);
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        TaskStream s = byPartition.get(record.sourcePartition());
        if (s != null) {
            s.offsets().acknowledged();
        }
    }

    /** Connect committed the offsets of the records acknowledged before: see {@link StreamOffsets#offsetsCommitted()}. */
    @Override
    public void commit() {
        streams.forEach(s -> s.offsets().offsetsCommitted());
    }

    /** @return true when no input is in a run and no fetched batch waits, whatever the fetch thread waits for (bench) */
    boolean noRunInProgress() {
        return !loop.holdsBatch() && streams.stream().noneMatch(s -> s.poller().inRun());
    }

    /** @return true when no input is in a run and nothing fetched waits to be handed out (for tests) */
    boolean idle() {
        return fetchThread.idle() && !loop.holdsBatch() && streams.stream().noneMatch(s -> s.poller().inRun());
    }

    /**
     * Aborts the cron wait, HTTP call, retry back-off or rate-limit pause in flight (from any thread), waits for the
     * fetch thread to end, and releases the client. Nothing is lost: the next start resumes from the committed offsets.
     */
    @Override
    public void stop() {
        if (loop != null) {
            loop.stop();
        }
        if (fetchThread != null) {
            fetchThread.stop(); // interrupts a back-off or pause inside the client
        }
        streams.forEach(s -> s.poller().close());
        if (client != null) {
            client.close();
        }
        if (metricsHttp != null) {
            metricsHttp.dispatcher().executorService().shutdown();
            metricsHttp.connectionPool().evictAll();
        }
        metrics.close();
        if (state != null) {
            state.close();
        }
    }
}
