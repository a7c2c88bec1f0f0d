package dev.oktainputs.systemlog;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.RunMetrics;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.http.Page;
import dev.oktainputs.core.http.PageCursor;
import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.http.PageRequest;
import dev.oktainputs.core.time.OktaTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * One run of the System Log input: an optional overlap re-read, then polling pages until the first empty one.
 *
 * <p>Checkpoint (version 1): {@code next} (path and query of the polling URL to resume from, as Okta gave it),
 * {@code polled_at} (Okta's time of the empty page that ended the last complete run), {@code query} (the filter,
 * q and page size the cursor was started with: when they change, the cursor restarts a minute before
 * {@code polled_at}, duplicates dropped), the dedup window's {@code dedup_gen} / {@code dedup_segments}, and with
 * detection on the threshold state's {@code detect_gen} / {@code detect_segments}.
 *
 * <p>Batches. While catching up, whole pages join a batch while the next full page still fits in
 * {@code batch_max_records}, and another page of the batch's average size in its byte budget (a sixteenth of the
 * JVM's maximum heap: with {@code -Xmx64m}, five 1.5 MB pages in hand were enough to run out of memory once in six runs);
 * the run's last pages close it at once.
 *
 * <p>Guarantees. Every batch's checkpoint is the {@code next} link of its last page, and the uuids of its records are
 * written to the dedup window as a segment that only that checkpoint names. The runner saves the checkpoint after the
 * sink wrote the batch, so the window knows exactly the events that were written and checkpointed: re-deliveries of
 * those (overlap re-reads, Okta sending an event again, a retried run) are dropped, and nothing unwritten is ever
 * dropped. A crash after the sink wrote a batch but before its checkpoint was saved re-fetches that one batch on the
 * next run and emits its events again, with the same key and bytes: at-least-once, at most one batch of duplicates per
 * crash, which keyed sinks (Kafka compaction, upserts) collapse. Closing that gap needs the sink to store the checkpoint
 * atomically with the records, or to be cut back to its checkpoint on restart, as the standalone runner's file sink is.
 */
final class SystemLogRun implements InputRun {

    static final int VERSION = 1;
    private static final String PATH = "/api/v1/logs";

    private final InputContext context;
    private final OrgUrl org;
    private final Checkpoint start;
    private final String query;
    private final RecentIdWindow seen;
    private final DetectionLabeler labeler;
    private PageCursor reread;
    private final PageCursor poll;
    private final Map<String, Object> carried = new HashMap<>();
    private final int pageSize;
    private final int batchMaxRecords;
    private final long maxBatchBytes;
    private boolean done;
    private long events;
    private long pages;
    private long duplicates;
    private long labelled;
    private Instant newest;

    SystemLogRun(InputContext context, Checkpoint checkpoint, DetectionRules rules, long maxBatchBytes) {
        this.context = context;
        this.maxBatchBytes = maxBatchBytes;
        this.org = context.orgUrl();
        this.start = checkpoint;
        InputOptions options = context.options();
        this.pageSize = options.get(SystemLogInput.PAGE_SIZE);
        this.batchMaxRecords = options.get(SystemLogInput.BATCH_MAX_RECORDS);
        this.query = "limit=" + pageSize + "&filter=" + nullToEmpty(options.get(SystemLogInput.FILTER))
                + "&q=" + nullToEmpty(options.get(SystemLogInput.Q));
        Instant now = context.clock().instant();
        String next = checkpoint.getString("next");
        Instant polledAt = OktaTime.parse(checkpoint.getString("polled_at"));
        HttpUrl first;
        if (next != null && query.equals(checkpoint.getString("query"))) {
            first = org.resolve(next);
        } else {
            // First run, or filter / q / page size changed: a fresh polling request (since = persistence time).
            Instant since = next != null && polledAt != null ? polledAt.minus(Duration.ofMinutes(1))
                    : now.minus(options.get(SystemLogInput.LOOKBACK));
            first = request(since, null);
        }
        this.poll = new PageCursor(context.client(), PageRequest.array(first, SystemLogInput.SCOPE));
        Duration overlap = options.get(SystemLogInput.OVERLAP);
        if (!overlap.isZero() && next != null && polledAt != null) {
            Instant from = polledAt.minus(overlap);
            Instant oldest = now.minus(SystemLogInput.RETENTION);
            from = from.isBefore(oldest) ? oldest : from;
            if (from.isBefore(polledAt)) {
                this.reread = new PageCursor(context.client(), PageRequest.array(request(from, polledAt), SystemLogInput.SCOPE));
            }
        }
        this.seen = new RecentIdWindow(context.idSets(), org.toString(), SystemLogInput.NAME, "dedup", checkpoint,
                options.get(SystemLogInput.DEDUP_WINDOW), options.get(SystemLogInput.DEDUP_MAX_IDS));
        this.labeler = rules == null ? null : new DetectionLabeler(rules, context.idSets(), org.toString(), checkpoint);
        for (String key : List.of("next", "polled_at", "query")) {
            Object v = checkpoint.values().get(key);
            if (v != null) {
                carried.put(key, v);
            }
        }
    }

    /** A polling request from {@code since}, or with {@code until} a bounded one (the overlap re-read). */
    private HttpUrl request(Instant since, Instant until) {
        InputOptions options = context.options();
        HttpUrl.Builder b = org.httpUrl().newBuilder().encodedPath(PATH)
                .addQueryParameter("since", OktaTime.format(since));
        if (until != null) {
            b.addQueryParameter("until", OktaTime.format(until));
        }
        b.addQueryParameter("sortOrder", "ASCENDING").addQueryParameter("limit", Integer.toString(pageSize));
        if (options.get(SystemLogInput.FILTER) != null) {
            b.addQueryParameter("filter", options.get(SystemLogInput.FILTER));
        }
        if (options.get(SystemLogInput.Q) != null) {
            b.addQueryParameter("q", options.get(SystemLogInput.Q));
        }
        return b.build();
    }

    @Override
    public Batch next() {
        if (done) {
            return null;
        }
        if (reread != null) {
            Page page = reread.fetch();
            pages++;
            if (page.items().isEmpty() || !reread.hasNext()) {
                reread.close();
                reread = null;
            }
            List<OktaRecord> records = admit(page);
            return batch(records, new HashMap<>(carried), false, null);
        }
        HttpUrl requested = poll.nextUrl();
        Page page = poll.fetch();
        pages++;
        List<OktaRecord> records = admit(page);
        // Whole pages join the batch while the next full page would still fit in batch_max_records: one durable write,
        // one window segment and one checkpoint for them all. The last page's cursor is the checkpoint.
        // A joining page that cannot be had does not take the pages in hand down with it: they go out as this batch
        // (checkpoint = the failed page's URL), and the failure is the next fetch's.
        long fetched = page.items().size();
        long bytes = bytes(page);
        int joined = 1;
        while (!page.items().isEmpty() && poll.hasNext() && fetched + pageSize <= batchMaxRecords
                && bytes + bytes / joined <= maxBatchBytes) {
            HttpUrl url = poll.nextUrl();
            Page more = poll.fetchOrDefer();
            if (more == null) {
                break;
            }
            page = more;
            requested = url;
            pages++;
            records.addAll(admit(page));
            fetched += page.items().size();
            bytes += bytes(page);
            joined++;
        }
        Map<String, Object> cp = new HashMap<>(carried);
        cp.put("query", query);
        if (!page.items().isEmpty() && poll.hasNext()) {
            cp.put("next", org.relativize(poll.nextUrl())); // = page.next(), or this page again when its next link was refused
            return batch(records, cp, false, null);
        }
        // The first empty page ends the run; its next link is where the next run resumes. (A page without a next link,
        // which Okta never sends to a polling request, also ends it; the next run asks for the same page again.)
        done = true;
        Instant okta = page.serverTime() != null ? page.serverTime() : context.clock().instant();
        cp.put("next", org.relativize(page.next() != null ? page.next() : requested));
        cp.put("polled_at", okta.toString());
        return batch(records, cp, true, okta);
    }

    /** @return the bytes of the page's events as Okta sent them */
    private static long bytes(Page page) {
        long n = 0;
        for (var item : page.items()) {
            n += item.json().length;
        }
        return n;
    }

    private Batch batch(List<OktaRecord> records, Map<String, Object> cp, boolean last, Instant now) {
        cp.putAll(last ? seen.compact(now) : seen.save());
        Batch.CommitHook cleanup = seen.cleanup();
        if (labeler != null) {
            cp.putAll(last ? labeler.compact(now) : labeler.save());
            Batch.CommitHook dedup = cleanup;
            Batch.CommitHook detect = labeler.cleanup();
            cleanup = () -> {
                dedup.committed();
                detect.committed();
            };
        }
        return new Batch(records, Checkpoint.of(VERSION, cp), cleanup);
    }

    /** The page's events that are not in the dedup window, as records, labelled when detection is on. */
    private List<OktaRecord> admit(Page page) {
        Instant okta = page.serverTime() != null ? page.serverTime() : context.clock().instant();
        List<OktaRecord> records = new ArrayList<>(page.items().size());
        for (PageItem item : page.items()) {
            String key = item.uuid() != null && !item.uuid().isEmpty() ? item.uuid() : "sha256-" + sha256(item.json());
            if (!seen.add(key, okta)) {
                duplicates++;
                continue;
            }
            Instant published = OktaTime.parse(item.published());
            if (published == null) {
                published = okta; // drifted or missing: the record still needs a time
            }
            OktaRecord record = OktaRecord.upsert(SystemLogInput.NAME, key, published, item.json());
            if (labeler != null) {
                Map<String, String> labels = labeler.labels(item.event(), key, published);
                if (!labels.isEmpty()) {
                    record = record.withLabels(labels);
                    labelled++;
                }
            }
            records.add(record);
            events++;
            if (newest == null || published.isAfter(newest)) {
                newest = published;
            }
        }
        return records;
    }

    @Override
    public RunMetrics metrics() {
        Duration lag = newest == null ? null : Duration.between(newest, context.clock().instant());
        return RunMetrics.builder().count("events", events).count("pages", pages).count("duplicates_dropped", duplicates)
                .count("events_labelled", labelled).duration("lag", lag == null || !lag.isNegative() ? lag : Duration.ZERO)
                .build();
    }

    @Override
    public void wakeup() {
        PageCursor r = reread;
        if (r != null) {
            r.wakeup();
        }
        poll.wakeup();
    }

    @Override
    public void close() {
        // a page prefetched for a batch nobody will ask for
        PageCursor r = reread;
        if (r != null) {
            r.close();
        }
        poll.close();
    }
    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "SystemLogRun[" + org + ", from " + start + "]";
    }
}
