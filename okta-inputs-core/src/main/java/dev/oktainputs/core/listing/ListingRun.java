package dev.oktainputs.core.listing;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.config.SyncOptions;
import dev.oktainputs.core.http.Page;
import dev.oktainputs.core.http.PageCursor;
import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.http.PageRequest;
import dev.oktainputs.core.json.JsonFields;
import dev.oktainputs.core.json.JsonRedaction;
import dev.oktainputs.core.state.DeletionTracker;
import dev.oktainputs.core.time.OktaTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * One run of a plain listing input (users, groups, apps, custom roles, API tokens):
 *
 * <ul>
 *   <li>A <b>full sync</b> (first run, every {@code full_sync_every} runs, or {@code full_sync}) lists everything
 *       and emits everything.</li>
 *   <li>Other runs of an endpoint with a {@code lastUpdated} filter list {@code filter=lastUpdated ge "<since>"}
 *       (with {@link ListingSpec#alsoChangedBy()}: {@code lastUpdated ge "<since>" or lastMembershipUpdated ge
 *       "<since>"}); endpoints without one list everything but emit only objects that are new or whose
 *       {@code lastUpdated} is at or after {@code since}. {@code since} is the previous run's start by Okta's clock
 *       less {@code overlap}, so one watermark serves every attribute; boundary re-reads already emitted are dropped
 *       ({@code seen}, keyed by the object's version: the latest of its change timestamps).</li>
 *   <li>{@code since} is only good for the attributes the run that set it filtered on ({@code since_attributes},
 *       absent = the main attribute alone, as in checkpoints written before {@code alsoChangedBy} existed). A run
 *       asked to follow an attribute its {@code since} does not cover is a full sync, once.</li>
 *   <li>Every run that lists everything and was not resumed emits DELETE for the ids it did not see again (set
 *       difference, {@link DeletionTracker}); the first run emits none.</li>
 * </ul>
 *
 * <p>Checkpoint (version 1): {@code mode}, {@code next} and {@code pass_start} while a run
 * is in progress; {@code since}, {@code seen}, {@code runs_since_full}, {@code id_gen}, {@code id_segments}; and
 * {@code since_attributes} when {@code since} covers more than the main attribute.
 */
public final class ListingRun implements InputRun {

    /** Checkpoint format version. */
    public static final int VERSION = 1;
    private static final String EPOCH = "1970-01-01T00:00:00.000Z";
    private static final int MAX_SEEN = 500;
    private static final String SINCE_ATTRIBUTES = "since_attributes";

    private final InputContext context;
    private final ListingSpec spec;
    private final OrgUrl org;
    private final Checkpoint start;
    private final boolean fullSync;
    private final boolean listsAll;
    private final boolean resumed;
    private final Instant since;
    private final Duration overlap;
    private final PageCursor cursor;
    private final DeletionTracker ids;
    private final Map<String, Long> alreadyEmitted;
    private final Set<String> versionPaths;
    /** The attributes {@code since} will cover once this run completes. */
    private final Set<String> covers;
    private final List<String> seenNow = new ArrayList<>();
    private Instant passStart;
    private boolean done;
    /** {@link SyncOptions#BATCH_MAX_RECORDS}: pages join a batch while the next full one still fits. */
    private final int batchMaxRecords;

    /**
     * @param context    the input's context; its options must include {@link SyncOptions#FULL_SYNC_EVERY},
     *                   {@link SyncOptions#FULL_SYNC} and {@link SyncOptions#OVERLAP}
     * @param checkpoint the stream's last checkpoint
     * @param spec       the endpoint
     */
    public ListingRun(InputContext context, Checkpoint checkpoint, ListingSpec spec) {
        this.context = context;
        this.spec = spec;
        this.org = context.orgUrl();
        this.start = checkpoint;
        this.overlap = context.options().get(SyncOptions.OVERLAP);
        Integer batchMax = context.options().get(SyncOptions.BATCH_MAX_RECORDS); // null: the input does not declare it
        this.batchMaxRecords = batchMax != null ? batchMax : SyncOptions.BATCH_MAX_RECORDS.defaultValue();
        String s = checkpoint.getString("since");
        this.since = s == null ? null : Instant.parse(s);
        this.versionPaths = Set.copyOf(spec.alsoChangedBy());
        Set<String> wanted = changeAttributes(spec);
        String next = checkpoint.getString("next");
        PageRequest first;
        if (next != null) {
            fullSync = "full".equals(checkpoint.getString("mode"));
            resumed = true;
            String ps = checkpoint.getString("pass_start");
            passStart = ps == null ? null : Instant.parse(ps);
            // a full listing sees every change; an incremental one only those its filter (in next) asked for
            covers = fullSync ? wanted : covered(checkpoint, spec);
            first = new PageRequest(org.resolve(next), spec.itemsField(), spec.scope());
        } else {
            int every = context.options().get(SyncOptions.FULL_SYNC_EVERY);
            fullSync = since == null || context.options().get(SyncOptions.FULL_SYNC)
                    || every > 0 && checkpoint.getLong("runs_since_full", 0) + 1 >= every
                    || !covered(checkpoint, spec).containsAll(wanted);
            resumed = false;
            covers = wanted;
            first = new PageRequest(firstUrl(), spec.itemsField(), spec.scope());
        }
        this.listsAll = fullSync || spec.filterAttribute() == null;
        this.cursor = new PageCursor(context.client(), first);
        this.ids = new DeletionTracker(context.idSets(), org.toString(), spec.stream(), checkpoint, listsAll);
        this.alreadyEmitted = fullSync ? Map.of() : parseSeen(checkpoint.getString("seen"));
    }

    private HttpUrl firstUrl() {
        HttpUrl.Builder url = org.httpUrl().newBuilder().encodedPath(spec.path());
        spec.query().forEach(url::addQueryParameter);
        if (spec.pageSize() > 0) {
            url.addQueryParameter("limit", Integer.toString(spec.pageSize()));
        }
        if (spec.filterAttribute() != null) {
            String filter;
            if (fullSync) {
                filter = spec.filterAttribute() + " gt \"" + EPOCH + "\"";
            } else {
                String at = " ge \"" + OktaTime.format(since) + "\"";
                filter = String.join(" or ", covers.stream().map(a -> a + at).toList()); // = changeAttributes(spec) here
            }
            url.addQueryParameter("filter", filter);
        }
        return url.build();
    }

    /** The attributes whose changes incremental runs look for: the main one, then {@code alsoChangedBy}. */
    private static Set<String> changeAttributes(ListingSpec spec) {
        Set<String> all = new LinkedHashSet<>();
        if (spec.filterAttribute() != null) {
            all.add(spec.filterAttribute());
            all.addAll(spec.alsoChangedBy());
        }
        return all;
    }

    /** The attributes a checkpoint's {@code since} covers; absent = the main attribute alone (older checkpoints). */
    private static Set<String> covered(Checkpoint checkpoint, ListingSpec spec) {
        String s = checkpoint.getString(SINCE_ATTRIBUTES);
        if (s == null) {
            return spec.filterAttribute() == null ? Set.of() : Set.of(spec.filterAttribute());
        }
        return s.isEmpty() ? Set.of() : new LinkedHashSet<>(List.of(s.split(",")));
    }

    @Override
    public Batch next() {
        if (done) {
            return null;
        }
        Page page = cursor.fetch();
        if (passStart == null) {
            passStart = page.serverTime() != null ? page.serverTime() : context.clock().instant();
        }
        Instant nextSince = passStart.minus(overlap);
        List<OktaRecord> records = new ArrayList<>(page.items().size());
        // Whole pages join the batch while the next full page would still fit in batch_max_records: one durable write,
        // one id-set segment and one checkpoint for them all; the last page's next link is the checkpoint.
        // A joining page that cannot be had does not take the pages in hand down with it: they go out as this batch
        // (checkpoint = the failed page's URL), and the failure is the next fetch's.
        long listed = admit(page, nextSince, records);
        while (cursor.hasNext() && listed + Math.max(spec.pageSize(), page.items().size()) <= batchMaxRecords) {
            Page more = cursor.fetchOrDefer();
            if (more == null) {
                break;
            }
            page = more;
            listed += admit(page, nextSince, records);
        }
        ids.saveNoted();

        Map<String, Object> cp = new HashMap<>(ids.checkpointValues());
        cp.put("mode", fullSync ? "full" : "incremental");
        if (cursor.hasNext()) {
            cp.put("next", org.relativize(cursor.nextUrl()));
            cp.put("pass_start", passStart.toString());
            copy(cp, "since", "seen", "runs_since_full");
            putCovers(cp);
            return new Batch(records, Checkpoint.of(VERSION, cp), ids.cleanup());
        }
        done = true;
        if (listsAll) {
            Instant now = context.clock().instant();
            for (String gone : ids.finishFullPass(!resumed)) {
                records.add(OktaRecord.delete(spec.stream(), gone, now).withLabels(spec.deleteLabels().apply(gone)));
            }
            cp.putAll(ids.checkpointValues());
        }
        Instant nextStart = nextSince;
        if (since != null && !fullSync && since.isAfter(nextStart)) {
            nextStart = since;
        }
        cp.put("since", OktaTime.format(nextStart));
        cp.put("seen", String.join(",", seenNow));
        cp.put("runs_since_full", fullSync ? 0L : start.getLong("runs_since_full", 0) + 1);
        putCovers(cp);
        return new Batch(records, Checkpoint.of(VERSION, cp), ids.cleanup());
    }

    /**
     * Turns one page's objects into records (all of them in a full sync, the changed ones otherwise) and notes their ids.
     *
     * @return the objects listed on the page
     */
    private int admit(Page page, Instant nextSince, List<OktaRecord> records) {
        List<String> pageIds = new ArrayList<>(page.items().size());
        for (PageItem item : page.items()) {
            if (item.id() == null) {
                continue;
            }
            pageIds.add(item.id());
            Instant updated = OktaTime.parse(item.lastUpdated());
            Instant version = version(item, updated);
            if (version != null && !version.isBefore(nextSince) && seenNow.size() < MAX_SEEN) {
                seenNow.add(item.id() + "@" + version.toEpochMilli());
            }
            if (!fullSync && !isNew(item.id(), version)) {
                continue;
            }
            records.add(OktaRecord.upsert(spec.stream(), item.id(), updated == null ? context.clock().instant() : updated,
                    JsonRedaction.redact(item.json(), spec.redacted())).withLabels(spec.labels().apply(item)));
        }
        ids.note(pageIds);
        return page.items().size();
    }

    /** Written only when it says more than its absence does, so other inputs' checkpoints stay as they were. */
    private void putCovers(Map<String, Object> cp) {
        if (spec.filterAttribute() != null && !covers.equals(Set.of(spec.filterAttribute()))) {
            cp.put(SINCE_ATTRIBUTES, String.join(",", covers));
        }
    }

    /** An object's version: the latest of its {@code lastUpdated} and the spec's other change timestamps. */
    private Instant version(PageItem item, Instant updated) {
        if (versionPaths.isEmpty()) {
            return updated;
        }
        Instant latest = updated;
        for (String value : JsonFields.read(item.json(), versionPaths).values()) {
            Instant t = OktaTime.parse(value);
            if (t != null && (latest == null || t.isAfter(latest))) {
                latest = t;
            }
        }
        return latest;
    }

    /** Whether an object listed by a run that is not a full sync is news: never emitted, or changed since. */
    private boolean isNew(String id, Instant updated) {
        Long emitted = alreadyEmitted.get(id);
        if (emitted != null && updated != null && emitted == updated.toEpochMilli()) {
            return false; // this exact version was emitted by the previous run
        }
        return !ids.knows(id) || updated == null || since == null || !updated.isBefore(since);
    }

    private void copy(Map<String, Object> into, String... keys) {
        for (String k : keys) {
            Object v = start.values().get(k);
            if (v != null) {
                into.put(k, v);
            }
        }
    }

    private static Map<String, Long> parseSeen(String seen) {
        Map<String, Long> m = new HashMap<>();
        if (seen == null || seen.isEmpty()) {
            return m;
        }
        for (String e : seen.split(",")) {
            int at = e.lastIndexOf('@');
            if (at > 0) {
                try {
                    m.put(e.substring(0, at), Long.parseLong(e.substring(at + 1)));
                } catch (NumberFormatException ignored) {
                    // a damaged entry only means a possible duplicate, never a loss
                }
            }
        }
        return m;
    }

    @Override
    public void wakeup() {
        cursor.wakeup();
    }

    @Override
    public void close() {
        cursor.close(); // a page prefetched for a batch nobody will ask for
    }
}
