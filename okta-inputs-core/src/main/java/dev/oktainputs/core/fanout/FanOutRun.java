package dev.oktainputs.core.fanout;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.RunMetrics;
import dev.oktainputs.core.config.SyncOptions;
import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.http.PageRequest;
import dev.oktainputs.core.state.DeletionTracker;
import dev.oktainputs.core.time.OktaTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of an edge input (group members, app users, app groups, role assignments): one or more phases, each a
 * {@link FanOut} over a parent listing, with deletion detection per parent.
 *
 * <ul>
 *   <li><b>Full sync</b> (first run, every {@code full_sync_every} runs, or {@code full_sync}): every parent is
 *       listed and every edge emitted; edges of parents that are gone are deleted at the end.</li>
 *   <li><b>Other runs</b>: sources that can ({@link EdgeSource#filtersParents()}) list only the parents whose
 *       edges changed since the previous run; the others list every parent. Only new edges, and known edges whose
 *       {@link Edge#changed()} is at or after the previous run's start (less {@code overlap}), are emitted.</li>
 *   <li>A parent listed from its first page to its last gets DELETEs for its edges that were not seen again, in
 *       the batch of its last page, before the checkpoint moves past it.</li>
 *   <li>A parent deleted after this run listed it (its child listing answers {@code 404 E0000007}, see
 *       {@link FanOut}) has no edges any more: every edge of it the id set holds goes out as DELETE at once, the run
 *       goes on, and {@link #metrics()} counts it ({@link RunMetrics#PARENTS_VANISHED}). The first is logged, the
 *       count at the end of the run.</li>
 * </ul>
 *
 * <p>Checkpoint (version 1): while a run is in progress {@code phase}, {@code mode} (full | incremental),
 * {@code pass_start} and the {@link FanOutPosition} ({@code parents_page}, {@code parent}, {@code child_next});
 * always {@code since}, {@code runs_since_full} and the id set's {@code id_gen} / {@code id_segments}. The last batch
 * carries the run's final checkpoint.
 *
 * <p>Batches: one or more whole child pages, in order. A batch starts with the next page, then takes the pages after
 * it as they arrive (waiting for requests under way, as a listing waits for its next page; never for a parent page
 * still to be requested) while the children listed stay within {@link SyncOptions#BATCH_MAX_RECORDS} (a page larger
 * than that is a batch of its own; 0 = one page per batch). A page that fails ends the batch: the pages in hand go out
 * and are checkpointed first, and the next batch fails with it.
 * The pages' new ids go into one id-set segment and the batch's checkpoint is the position after its last page, so
 * a batch costs the sink's durable write and the checkpoint's save once however many small pages (a group's few
 * members) it holds, and it is exactly as crash-safe as a batch of one page. A batch never spans two phases.
 */
public final class FanOutRun implements InputRun {

    /** Checkpoint format version. */
    public static final int VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(FanOutRun.class);

    private final InputContext context;
    private final OrgUrl org;
    private final String stream;
    private final List<EdgeSource<?>> sources;
    private final Function<String, Map<String, String>> deleteLabels;
    private final Checkpoint start;
    private final boolean fullSync;
    private final boolean resumed;
    private final boolean listsEveryParent;
    private final Instant since;
    private final Duration overlap;
    private final int concurrency;
    private final int maxMerged;
    private final DeletionTracker ids;
    private int phase;
    private FanOutPosition resumeAt;
    private volatile Phase<?> current;
    private Instant passStart;
    private boolean done;
    private long vanished;

    /**
     * @param context      the input's context; its options must include {@link SyncOptions#FULL_SYNC_EVERY},
     *                     {@link SyncOptions#FULL_SYNC}, {@link SyncOptions#OVERLAP} and {@link SyncOptions#CONCURRENCY}
     * @param checkpoint   the stream's last checkpoint
     * @param stream       the stream name (also the id set's name)
     * @param sources      the phases, run in order (usually one)
     * @param deleteLabels labels for a DELETE of a key (from import rules on the ids in the key)
     */
    public FanOutRun(InputContext context, Checkpoint checkpoint, String stream, List<EdgeSource<?>> sources,
                     Function<String, Map<String, String>> deleteLabels) {
        this.context = context;
        this.org = context.orgUrl();
        this.stream = stream;
        this.sources = List.copyOf(sources);
        this.deleteLabels = deleteLabels;
        this.start = checkpoint;
        this.overlap = context.options().get(SyncOptions.OVERLAP);
        this.concurrency = context.options().get(SyncOptions.CONCURRENCY);
        Integer merged = context.options().get(SyncOptions.BATCH_MAX_RECORDS); // null: the input does not declare it
        this.maxMerged = merged != null ? merged : SyncOptions.BATCH_MAX_RECORDS.defaultValue();
        String s = checkpoint.getString("since");
        this.since = s == null ? null : Instant.parse(s);
        if (checkpoint.values().containsKey("phase")) {
            resumed = true;
            fullSync = "full".equals(checkpoint.getString("mode"));
            phase = (int) checkpoint.getLong("phase", 0);
            resumeAt = FanOutPosition.readFrom(org, checkpoint);
            String ps = checkpoint.getString("pass_start");
            passStart = ps == null ? null : Instant.parse(ps);
        } else {
            resumed = false;
            int every = context.options().get(SyncOptions.FULL_SYNC_EVERY);
            fullSync = since == null || context.options().get(SyncOptions.FULL_SYNC)
                    || every > 0 && checkpoint.getLong("runs_since_full", 0) + 1 >= every;
        }
        this.listsEveryParent = fullSync || sources.stream().noneMatch(EdgeSource::filtersParents);
        this.ids = DeletionTracker.forEdges(context.idSets(), org.toString(), stream, checkpoint);
    }

    @Override
    public Batch next() {
        if (done) {
            return null;
        }
        while (true) {
            if (current == null) {
                current = new Phase<>(sources.get(phase), resumeAt);
                resumeAt = null;
            }
            Step step = current.batchOfPages();
            if (passStart == null) {
                Instant t = current.fanOut.firstServerTime();
                passStart = t != null ? t : context.clock().instant();
            }
            boolean phaseDone = step == null || step.lastOfListing();
            if (phaseDone) {
                current.fanOut.close();
                current = null;
            }
            if (phaseDone && phase + 1 == sources.size()) {
                return finish(step == null ? new ArrayList<>() : step.records());
            }
            if (phaseDone) {
                phase++;
                if (step == null) {
                    continue;
                }
            }
            return batch(step.records(), phaseDone ? null : step.position());
        }
    }

    private Batch batch(List<OktaRecord> records, FanOutPosition position) {
        ids.saveNoted();
        Map<String, Object> cp = new HashMap<>(ids.checkpointValues());
        cp.put("phase", (long) phase);
        cp.put("mode", fullSync ? "full" : "incremental");
        cp.put("pass_start", passStart.toString());
        if (position != null) {
            position.writeTo(org, cp);
        }
        copy(cp, "since", "runs_since_full");
        return new Batch(records, Checkpoint.of(VERSION, cp), ids.cleanup());
    }

    private Batch finish(List<OktaRecord> records) {
        done = true;
        if (vanished > 0) {
            LOG.info("{}: {} parent(s) vanished (deleted after this run listed them); their known edges were emitted"
                    + " as DELETE", stream, vanished);
        }
        Instant now = context.clock().instant();
        if (listsEveryParent) {
            for (String gone : ids.finishFullPass(!resumed)) {
                records.add(delete(gone, now));
            }
        } else {
            ids.finishPartialPass();
        }
        Map<String, Object> cp = new HashMap<>(ids.checkpointValues());
        Instant next = passStart.minus(overlap);
        if (since != null && !fullSync && since.isAfter(next)) {
            next = since;
        }
        cp.put("since", OktaTime.format(next));
        cp.put("runs_since_full", fullSync ? 0L : start.getLong("runs_since_full", 0) + 1);
        return new Batch(records, Checkpoint.of(VERSION, cp), ids.cleanup());
    }

    private OktaRecord delete(String key, Instant now) {
        return OktaRecord.delete(stream, key, now).withLabels(deleteLabels.apply(key));
    }

    private void copy(Map<String, Object> into, String... keys) {
        for (String k : keys) {
            Object v = start.values().get(k);
            if (v != null) {
                into.put(k, v);
            }
        }
    }

    private record Step(List<OktaRecord> records, FanOutPosition position, boolean lastOfListing) {
    }

    /** One phase: a source and its fan-out. */
    private final class Phase<P> {
        final EdgeSource<P> source;
        final FanOut<P> fanOut;

        Phase(EdgeSource<P> source, FanOutPosition resume) {
            this.source = source;
            PageRequest first = source.parents(org, fullSync || !source.filtersParents() ? null : since);
            this.fanOut = new FanOut<>(context.client(), first, resume, source::parent, p -> source.children(org, p),
                    concurrency, 2);
        }

        /** @return the next page and the pages after it as they arrive, within the batch's size; null at the end */
        Step batchOfPages() {
            ChildPage<P> page = fanOut.next();
            if (page == null) {
                return null;
            }
            Step step = step(page);
            int listed = page.page().items().size();
            while (!step.lastOfListing() && listed < maxMerged) {
                ChildPage<P> more = fanOut.nextWhenFetched(maxMerged - listed);
                if (more == null) {
                    break;
                }
                listed += more.page().items().size();
                Step next = step(more);
                step.records().addAll(next.records());
                step = new Step(step.records(), next.position(), next.lastOfListing());
            }
            return step;
        }

        private Step step(ChildPage<P> page) {
            List<OktaRecord> records = new ArrayList<>(page.page().items().size());
            List<String> keys = new ArrayList<>(page.page().items().size());
            for (PageItem item : page.page().items()) {
                Edge e = source.edge(page.parent(), item);
                if (e == null) {
                    continue;
                }
                keys.add(e.key());
                boolean changed = e.changed() != null && since != null && !e.changed().isBefore(since);
                if (fullSync || changed || !ids.knows(e.key())) {
                    Instant ts = e.timestamp() != null ? e.timestamp() : context.clock().instant();
                    records.add(OktaRecord.upsert(stream, e.key(), ts, e.json()).withLabels(e.labels()));
                }
            }
            ids.note(keys); // saved with the batch: one segment for all its pages
            if (page.vanished()) {
                parentVanished(page);
                Instant now = context.clock().instant();
                for (String gone : ids.parentGone(page.parentId())) {
                    records.add(delete(gone, now));
                }
            } else if (page.lastOfParent() && page.fromStart()) {
                Instant now = context.clock().instant();
                for (String gone : ids.finishParent(page.parentId())) {
                    records.add(delete(gone, now));
                }
            }
            return new Step(records, page.position(), page.lastOfListing());
        }
    }

    private void parentVanished(ChildPage<?> page) {
        if (vanished++ == 0) {
            String requestId = page.page().requestId() == null ? "" : ", request id " + page.page().requestId();
            LOG.info("{}: parent {} was deleted after this run listed it (Okta answered 404 E0000007 for its child"
                    + " listing{}): its known edges are emitted as DELETE and the run goes on. Nothing to fix: in a"
                    + " large org some parent is deleted during most fan-outs. Further ones are only counted (metric {},"
                    + " 'N parents vanished' in the run summary).", stream, page.parentId(), requestId,
                    RunMetrics.PARENTS_VANISHED);
        }
    }

    /** @return {@link RunMetrics#PARENTS_VANISHED}: the parents deleted while this run listed them */
    @Override
    public RunMetrics metrics() {
        return RunMetrics.builder().count(RunMetrics.PARENTS_VANISHED, vanished).build();
    }

    @Override
    public void wakeup() {
        Phase<?> p = current;
        if (p != null) {
            p.fanOut.wakeup();
        }
    }

    @Override
    public void close() {
        Phase<?> p = current;
        if (p != null) {
            p.fanOut.close();
        }
    }
}
