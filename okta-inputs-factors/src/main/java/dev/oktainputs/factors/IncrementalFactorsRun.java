package dev.oktainputs.factors;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.RunMetrics;
import dev.oktainputs.core.config.SyncOptions;
import dev.oktainputs.core.error.OktaErrorDetails;
import dev.oktainputs.core.error.OktaException;
import dev.oktainputs.core.error.OktaNotFoundException;
import dev.oktainputs.core.error.OktaTransportException;
import dev.oktainputs.core.fanout.Edge;
import dev.oktainputs.core.fanout.FanOutRun;
import dev.oktainputs.core.http.Page;
import dev.oktainputs.core.http.PageCursor;
import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.state.DeletionTracker;
import dev.oktainputs.core.time.OktaTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run of {@code user_factors} between full passes: reads only the users whose factors may have changed
 * ({@link FactorChanges}), their factors {@code concurrency} at a time, emits the new and changed factors and DELETEs
 * the factors each re-read user no longer has; a user that no longer exists (404 {@code E0000007}) has all its known
 * factors deleted.
 *
 * <p>Checkpoint: the format of {@link FanOutRun} ({@code since}, {@code runs_since_full}, the id set's {@code id_gen} /
 * {@code id_segments}) plus {@code log_next}, the System Log cursor. Batches of {@link #USERS_PER_BATCH} users; only
 * the last one moves {@code since} and {@code log_next}, so a run cut short is read again from the start (its records
 * repeat, none is lost).
 */
final class IncrementalFactorsRun implements InputRun {

    /** Checkpoint key of the System Log cursor (a path relative to the org). */
    static final String LOG_NEXT = "log_next";
    /** Users whose factors go into one batch. */
    static final int USERS_PER_BATCH = 100;
    private static final Logger LOG = LoggerFactory.getLogger(IncrementalFactorsRun.class);

    private final InputContext context;
    private final OrgUrl org;
    private final String stream;
    private final Checkpoint start;
    private final FactorEdges edges;
    private final FactorChanges changes;
    private final Instant since;
    private final Duration overlap;
    private final DeletionTracker ids;
    private final ExecutorService workers;
    private volatile PageCursor current;
    private volatile boolean woken;
    private final List<CompletableFuture<?>> inFlight = new java.util.concurrent.CopyOnWriteArrayList<>();
    private FactorChanges.Found found;
    private Iterator<String> pending;
    private boolean done;
    private long vanished;

    IncrementalFactorsRun(InputContext context, Checkpoint start, String stream, FactorEdges edges, FactorChanges changes) {
        this.context = context;
        this.org = context.orgUrl();
        this.stream = stream;
        this.start = start;
        this.edges = edges;
        this.changes = changes;
        this.since = Instant.parse(start.getString("since"));
        this.overlap = context.options().get(SyncOptions.OVERLAP);
        this.ids = DeletionTracker.forEdges(context.idSets(), org.toString(), stream, start);
        int concurrency = context.options().get(SyncOptions.CONCURRENCY);
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "okta-" + stream + "-factors");
            t.setDaemon(true);
            return t;
        };
        this.workers = Executors.newFixedThreadPool(concurrency, threads);
    }

    @Override
    public Batch next() {
        if (done) {
            return null;
        }
        if (found == null) {
            String cursor = start.getString(LOG_NEXT);
            HttpUrl logPage = cursor != null ? org.resolve(cursor) : changes.firstLogPage(since);
            found = changes.read(logPage, edges.parents(org, since), c -> current = c);
            current = null;
            pending = found.users().iterator();
            LOG.info("{}: re-reading the factors of {} user(s): {} named by factor events in the System Log, {} created or"
                    + " updated since {}", stream, found.users().size(), found.fromEvents(), found.updated(), OktaTime.format(since));
        }
        List<String> users = new ArrayList<>(USERS_PER_BATCH);
        while (pending.hasNext() && users.size() < USERS_PER_BATCH) {
            users.add(pending.next());
        }
        List<OktaRecord> records = read(users);
        ids.saveNoted();
        Map<String, Object> cp = new HashMap<>();
        if (pending.hasNext()) {
            copy(cp, "since", "runs_since_full", LOG_NEXT);
            cp.putAll(ids.checkpointValues());
            return new Batch(records, Checkpoint.of(FanOutRun.VERSION, cp), ids.cleanup());
        }
        done = true;
        ids.finishPartialPass();
        cp.putAll(ids.checkpointValues());
        Instant passStart = found.serverTime() != null ? found.serverTime() : context.clock().instant();
        Instant next = passStart.minus(overlap);
        cp.put("since", OktaTime.format(next.isBefore(since) ? since : next));
        cp.put("runs_since_full", start.getLong("runs_since_full", 0) + 1);
        cp.put(LOG_NEXT, org.relativize(found.logNext()));
        if (vanished > 0) {
            LOG.info("{}: {} user(s) named by the System Log no longer exist; their known factors were emitted as DELETE",
                    stream, vanished);
        }
        return new Batch(records, Checkpoint.of(FanOutRun.VERSION, cp), ids.cleanup());
    }

    /** Reads the users' factors, {@code concurrency} requests at a time, and makes their records in the users' order. */
    private List<OktaRecord> read(List<String> users) {
        List<CompletableFuture<Page>> pages = new ArrayList<>(users.size());
        for (String user : users) {
            CompletableFuture<Page> f = CompletableFuture.supplyAsync(() -> {
                if (woken) {
                    throw stopped();
                }
                return context.client().getPage(edges.children(org, user));
            }, workers);
            inFlight.add(f);
            pages.add(f);
        }
        List<OktaRecord> records = new ArrayList<>();
        Instant now = context.clock().instant();
        for (int i = 0; i < users.size(); i++) {
            String user = users.get(i);
            Page page = await(pages.get(i));
            inFlight.remove(pages.get(i));
            if (page == null) { // the user is gone
                vanished++;
                ids.parentGone(user).forEach(key -> records.add(OktaRecord.delete(stream, key, now)));
                continue;
            }
            List<String> keys = new ArrayList<>(page.items().size());
            for (PageItem item : page.items()) {
                Edge e = edges.edge(user, item);
                if (e == null) {
                    continue;
                }
                keys.add(e.key());
                boolean changed = e.changed() != null && !e.changed().isBefore(since);
                if (changed || !ids.knows(e.key())) {
                    records.add(OktaRecord.upsert(stream, e.key(), e.timestamp() != null ? e.timestamp() : now, e.json()));
                }
            }
            ids.note(keys);
            ids.finishParent(user).forEach(key -> records.add(OktaRecord.delete(stream, key, now)));
        }
        return records;
    }

    /** @return the page, or null when Okta said the user does not exist (404 E0000007) */
    private Page await(CompletableFuture<Page> f) {
        try {
            return f.join();
        } catch (CancellationException e) {
            throw stopped();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof OktaNotFoundException nf && "E0000007".equals(nf.errorCode())) {
                return null;
            }
            if (cause instanceof OktaException oe) {
                throw oe;
            }
            throw e;
        }
    }

    private void copy(Map<String, Object> into, String... keys) {
        for (String k : keys) {
            Object v = start.values().get(k);
            if (v != null) {
                into.put(k, v);
            }
        }
    }

    private static OktaTransportException stopped() {
        return new OktaTransportException("The run was woken up or closed while reading factors; it resumes from its last"
                + " committed checkpoint.", OktaErrorDetails.NONE, null);
    }

    /** @return {@link RunMetrics#PARENTS_VANISHED}: users named by the System Log that no longer exist */
    @Override
    public RunMetrics metrics() {
        return RunMetrics.builder().count(RunMetrics.PARENTS_VANISHED, vanished).build();
    }

    @Override
    public void wakeup() {
        woken = true;
        PageCursor c = current;
        if (c != null) {
            c.wakeup();
        }
        inFlight.forEach(f -> f.cancel(true));
    }

    @Override
    public void close() {
        wakeup();
        workers.shutdownNow();
    }
}
