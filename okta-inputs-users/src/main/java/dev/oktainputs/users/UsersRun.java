package dev.oktainputs.users;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.DeletionTracker;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.http.Page;
import dev.oktainputs.core.http.PageCursor;
import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.http.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the users input.
 *
 * <p>Checkpoint (version 1): {@code mode} (full | incremental), {@code next} (path and query of the next page
 * while a pass is in progress), {@code pass_start} (Okta's time when the pass began),
 * {@code since} (where the next incremental pass starts), {@code seen} ({@code id@millis} of users already
 * emitted at or after {@code since}, to drop boundary re-reads), {@code runs_since_full}, and the id set's
 * {@code id_gen} / {@code id_segments}.
 *
 * <p>Why {@code since} is the pass's start minus the overlap and not the newest {@code lastUpdated} seen: a
 * user updated while the pass runs may already have been passed by the cursor; its new {@code lastUpdated}
 * is after the pass began, so the next pass sees it.
 */
final class UsersRun implements InputRun {

    static final int VERSION = 1;
    static final String EPOCH = "1970-01-01T00:00:00.000Z";
    private static final int MAX_SEEN = 500;
    private static final DateTimeFormatter OKTA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final InputContext context;
    private final OrgUrl org;
    private final Checkpoint start;
    private final boolean full;
    private final boolean resumed;
    private final PageCursor cursor;
    private final DeletionTracker ids;
    private final Map<String, Long> alreadyEmitted;
    private final Duration overlap;
    private final List<String> seenNow = new ArrayList<>();
    private Instant passStart;
    private boolean done;

    UsersRun(InputContext context, Checkpoint checkpoint) {
        this.context = context;
        this.org = context.orgUrl();
        this.start = checkpoint;
        this.overlap = context.options().get(UsersInput.OVERLAP);
        String next = checkpoint.getString("next");
        PageRequest first;
        if (next != null) {
            full = "full".equals(checkpoint.getString("mode"));
            resumed = full; // a full pass that did not start in this run has not seen every id
            String ps = checkpoint.getString("pass_start");
            passStart = ps == null ? null : Instant.parse(ps);
            first = PageRequest.array(org.resolve(next), "okta.users.read");
        } else {
            int every = context.options().get(UsersInput.FULL_SYNC_EVERY);
            long runsSinceFull = checkpoint.getLong("runs_since_full", 0);
            full = checkpoint.getString("since") == null
                    || context.options().get(UsersInput.FULL_SYNC)
                    || every > 0 && runsSinceFull + 1 >= every;
            resumed = false;
            String since = full ? EPOCH : checkpoint.getString("since");
            first = PageRequest.array(org.httpUrl().newBuilder()
                    .encodedPath("/api/v1/users")
                    .addQueryParameter("limit", Integer.toString(context.options().get(UsersInput.PAGE_SIZE)))
                    .addQueryParameter("filter", "lastUpdated " + (full ? "gt" : "ge") + " \"" + since + "\"")
                    .build(), "okta.users.read");
        }
        this.cursor = new PageCursor(context.client(), first);
        this.ids = new DeletionTracker(context.idSets(), org.toString(), UsersInput.NAME, checkpoint, full);
        // A full pass re-emits everything (that is what a re-sync is for); incremental passes drop re-reads.
        this.alreadyEmitted = full ? Map.of() : parseSeen(checkpoint.getString("seen"));
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
        List<String> pageIds = new ArrayList<>(page.items().size());
        for (PageItem item : page.items()) {
            if (item.id() == null) {
                continue;
            }
            pageIds.add(item.id());
            Instant updated = parseTime(item.lastUpdated());
            if (updated != null && !updated.isBefore(nextSince) && seenNow.size() < MAX_SEEN) {
                seenNow.add(item.id() + "@" + updated.toEpochMilli());
            }
            Long emitted = alreadyEmitted.get(item.id());
            if (emitted != null && updated != null && emitted == updated.toEpochMilli()) {
                continue; // this exact version was emitted by the previous pass
            }
            records.add(OktaRecord.upsert(UsersInput.NAME, item.id(), updated == null ? context.clock().instant() : updated,
                    item.json()));
        }
        ids.observe(pageIds);

        Map<String, Object> cp = new HashMap<>(ids.checkpointValues());
        cp.put("mode", full ? "full" : "incremental");
        if (cursor.hasNext()) {
            cp.put("next", org.relativize(cursor.nextUrl()));
            cp.put("pass_start", passStart.toString());
            copy(cp, "since", "seen", "runs_since_full");
            return new Batch(records, Checkpoint.of(VERSION, cp), ids.cleanup());
        }
        done = true;
        Instant now = context.clock().instant();
        if (full) {
            for (String gone : ids.finishFullPass(!resumed)) {
                records.add(OktaRecord.delete(UsersInput.NAME, gone, now));
            }
            cp.putAll(ids.checkpointValues());
        }
        String previousSince = start.getString("since");
        Instant since = nextSince;
        if (previousSince != null && !full && Instant.parse(previousSince).isAfter(since)) {
            since = Instant.parse(previousSince);
        }
        cp.put("since", OKTA_TIME.format(since));
        cp.put("seen", String.join(",", seenNow));
        cp.put("runs_since_full", full ? 0L : start.getLong("runs_since_full", 0) + 1);
        return new Batch(records, Checkpoint.of(VERSION, cp), ids.cleanup());
    }

    private void copy(Map<String, Object> into, String... keys) {
        for (String k : keys) {
            Object v = start.values().get(k);
            if (v != null) {
                into.put(k, v);
            }
        }
    }

    static Map<String, Long> parseSeen(String seen) {
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

    private static Instant parseTime(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public void wakeup() {
        cursor.wakeup();
    }

    @Override
    public void close() {
        // nothing held between batches
    }
}
