package dev.oktainputs.systemlog;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.state.IdSetNames;
import dev.oktainputs.core.state.IdSetStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The ids a stream emitted recently, each with a time, bounded by age and by count and persisted crash-safely:
 * what an event stream (the System Log) uses to drop events it has already written when Okta, an overlap
 * re-read or a retry delivers them again.
 *
 * <p>Storage is an {@link IdSetStore} set named {@code <stream>.<name>} whose entries are {@code id@epochMillis},
 * laid out like {@link dev.oktainputs.core.state.DeletionTracker}'s: a base generation plus segments, named by the stream's checkpoint
 * ({@code <name>_gen}, {@code <name>_segments}). {@link #save()} writes the ids added for one batch as a new
 * segment <em>before</em> the batch is handed out, and returns the values that name it; the batch's checkpoint
 * carries them. A segment therefore counts only once the checkpoint naming it is saved, which the caller does
 * only after the sink wrote the batch: the window never claims an id whose record was not written, so it never
 * drops an event that was lost. The converse gap is inherent: records the sink wrote just before a crash whose
 * checkpoint was not saved yet are unknown to the window and come again (at-least-once).
 *
 * <p>{@link #compact(Instant)} (once per run, and by itself every {@value #MAX_SEGMENTS} segments or
 * {@value #MAX_ADDED} added entries, whichever comes first) drops entries
 * older than {@code maxAge} and then all but the {@code maxIds} newest, and writes the rest as the next base
 * generation. Memory: Okta's event uuids (canonical UUIDs) are held as two {@code long}s and a time in primitive
 * arrays, about 40 bytes each with the index; other ids as strings in a map (≈ 150 bytes each). The window holds the
 * entries kept at the last compaction plus those added since (at most {@value #MAX_SEGMENTS} batches and about
 * {@value #MAX_ADDED} entries); files are read
 * and the compacted base written line by line, never as one list of strings.
 */
public final class RecentIdWindow {

    /** Segments after which {@link #save()} compacts by itself, to bound file count and memory. */
    public static final int MAX_SEGMENTS = 128;
    /**
     * Entries added since the last compaction after which {@link #save()} compacts by itself, whatever the number of
     * segments: bounds memory when batches are large (128 pages of 1,000 events, as with a batch per page).
     */
    public static final int MAX_ADDED = 128_000;

    private final IdSetStore store;
    private final String org;
    private final String set;
    private final String name;
    private final Duration maxAge;
    private final int maxIds;
    private long generation;
    private int segments;
    /** The window's canonical UUIDs (Okta's event uuids): two longs and a time each. Null until loaded. */
    private UuidTimeTable uuids;
    /** Every other id (hash keys, detection entries) with its time. */
    private Map<String, Long> others;
    private final List<String> pending = new ArrayList<>();
    /** Entries added since the last compaction (by this process). */
    private int addedSinceCompaction;
    private Instant newest = Instant.EPOCH;
    /** The {@code @millis} of the last entry added, and its time. */
    private String suffix;
    private long suffixMillis;

    /**
     * @param store      where the window lives
     * @param org        the org
     * @param stream     the stream
     * @param name       the window's name, e.g. {@code dedup}: its set and checkpoint keys derive from it
     * @param checkpoint the checkpoint the run started from (names the current window)
     * @param maxAge     entries older than this (by their time) are dropped at compaction
     * @param maxIds     at most this many entries are kept at compaction (the newest)
     */
    public RecentIdWindow(IdSetStore store, String org, String stream, String name, Checkpoint checkpoint,
                          Duration maxAge, int maxIds) {
        this.store = Objects.requireNonNull(store, "store");
        this.org = org;
        if (IdSetNames.STREAM_SET.equals(name)) {
            throw new IllegalArgumentException("a window cannot be named '" + name + "': its keys are the deletion tracker's");
        }
        this.name = name;
        this.set = IdSetNames.set(stream, name);
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        if (maxIds < 1 || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("a window needs a positive age and count, got " + maxAge + " and " + maxIds);
        }
        this.maxIds = maxIds;
        this.generation = checkpoint.getLong(generationKey(), 0);
        this.segments = (int) checkpoint.getLong(segmentsKey(), 0);
    }

    /** @return the checkpoint key of the base generation, {@code <name>_gen} */
    public String generationKey() {
        return name + IdSetNames.GENERATION_SUFFIX;
    }

    /** @return the checkpoint key of the segment count, {@code <name>_segments} */
    public String segmentsKey() {
        return name + IdSetNames.SEGMENTS_SUFFIX;
    }

    /**
     * @param id an id
     * @return true when the id is in the window (written before, or added in this run)
     */
    public boolean contains(String id) {
        load();
        long[] uuid = UuidTimeTable.parse(id);
        return uuid != null ? uuids.get(uuid[0], uuid[1]) != UuidTimeTable.ABSENT : others.containsKey(id);
    }

    /**
     * Adds an id in memory; {@link #save()} persists it with the batch.
     *
     * @param id the id; must not contain {@code '\n'}
     * @param at its time (when it was seen, or when it happened: the caller picks one and sticks to it)
     * @return false when the id was already in the window (nothing changes)
     */
    public boolean add(String id, Instant at) {
        if (id.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("an id contains a newline");
        }
        load();
        long millis = at.toEpochMilli();
        long[] uuid = UuidTimeTable.parse(id);
        boolean added = uuid != null ? uuids.putIfAbsent(uuid[0], uuid[1], millis) : others.putIfAbsent(id, millis) == null;
        if (!added) {
            return false;
        }
        if (millis != suffixMillis || suffix == null) { // a page's events share one time: format it once
            suffixMillis = millis;
            suffix = "@" + millis;
        }
        pending.add(id.concat(suffix));
        addedSinceCompaction++;
        if (at.isAfter(newest)) {
            newest = at;
        }
        return true;
    }

    /**
     * @return the entries, id to time, of the whole window: a copy that holds every id as a string, meant for small
     *         windows (the detection state), not for a large dedup window
     */
    public Map<String, Long> entriesByTime() {
        load();
        Map<String, Long> all = new HashMap<>(others);
        for (int i = 0; i < uuids.size(); i++) {
            all.put(UuidTimeTable.format(uuids.hi(i), uuids.lo(i)), uuids.time(i));
        }
        return Collections.unmodifiableMap(all);
    }

    /** @return how many ids the window holds */
    public int size() {
        load();
        return uuids.size() + others.size();
    }

    /**
     * Writes the ids added since the last save as a segment, compacting first when {@value #MAX_SEGMENTS}
     * segments exist or {@value #MAX_ADDED} entries were added since the last compaction, and names the result.
     *
     * @return the values to put into the checkpoint of the batch the added ids belong to
     */
    public Map<String, Object> save() {
        if (!pending.isEmpty()) {
            if (segments >= MAX_SEGMENTS || addedSinceCompaction >= MAX_ADDED) {
                return compact(newest);
            }
            try {
                store.saveSegmentUnordered(org, set, generation, segments + 1, pending); // uuids: order helps no one
            } catch (IOException e) {
                throw new UncheckedIOException("could not save the " + name + " window of " + set + ": " + e.getMessage(), e);
            }
            segments++;
            pending.clear();
        }
        return checkpointValues();
    }

    /**
     * Drops entries older than {@code now - maxAge}, then all but the {@code maxIds} newest, and writes what is
     * left (including unsaved additions) as the next base generation. When that would be the stored base again
     * (nothing dropped, no segment, nothing added), it writes nothing and the window keeps its generation.
     *
     * @param now the time to measure age against, on the same clock as the entries' times
     * @return the values naming the compacted window, for the checkpoint
     */
    public Map<String, Object> compact(Instant now) {
        load();
        long oldest = now.minus(maxAge).toEpochMilli();
        long[] times = new long[uuids.size() + others.size()];
        int n = 0;
        for (int i = 0; i < uuids.size(); i++) {
            if (uuids.time(i) >= oldest) {
                times[n++] = uuids.time(i);
            }
        }
        for (long t : others.values()) {
            if (t >= oldest) {
                times[n++] = t;
            }
        }
        if (n == times.length && n <= maxIds && segments == 0 && pending.isEmpty()) {
            // Nothing ages out, nothing is over the count and nothing was added: the stored base is the window as it
            // is, so a quiet run writes no new generation that would wait for a commit.
            return checkpointValues();
        }
        // Keep the maxIds newest: everything after the cut-off time, and of the entries at it the first ids in order.
        long cutoff = oldest;
        Set<String> tiedKept = null; // null: every entry at the cut-off stays (but for lastTied)
        long[] lastTied = null; // {hi, lo} of the last uuid kept at the cut-off, when only uuids are at it
        if (n > maxIds) {
            Arrays.sort(times, 0, n);
            cutoff = times[n - maxIds];
            int above = 0;
            for (int i = n - maxIds; i < n; i++) {
                above += times[i] > cutoff ? 1 : 0;
            }
            int keepTied = maxIds - above; // at least 1: the entry at times[n - maxIds] is at the cut-off
            long c = cutoff;
            if (others.values().stream().noneMatch(t -> t == c)) {
                // Only uuids at the cut-off (a dedup window: a page's events, or a second's pages, share Okta's time):
                // id order is the table's order once sorted, so the last one kept is found without a string.
                uuids.sortById();
                int tied = 0;
                for (int i = 0; i < uuids.size(); i++) {
                    if (uuids.time(i) == cutoff && ++tied == keepTied) {
                        lastTied = new long[] {uuids.hi(i), uuids.lo(i)};
                    }
                }
                if (tied <= keepTied) {
                    lastTied = null; // all of them stay
                }
            } else {
                List<String> tied = new ArrayList<>();
                for (int i = 0; i < uuids.size(); i++) {
                    if (uuids.time(i) == cutoff) {
                        tied.add(UuidTimeTable.format(uuids.hi(i), uuids.lo(i)));
                    }
                }
                others.forEach((id, t) -> {
                    if (t == c) {
                        tied.add(id);
                    }
                });
                tied.sort(null);
                tiedKept = new HashSet<>(tied.subList(0, Math.min(tied.size(), keepTied)));
            }
        }
        times = null;
        long c = cutoff;
        Set<String> ties = tiedKept;
        long[] last = lastTied;
        UuidTimeTable.EntryFilter keepUuid = last != null
                ? (hi, lo, t) -> t > c || t == c && UuidTimeTable.compareIds(hi, lo, last[0], last[1]) <= 0
                : (hi, lo, t) -> t > c || t == c && (ties == null || ties.contains(UuidTimeTable.format(hi, lo)));
        List<String> keptOthers = new ArrayList<>();
        others.forEach((id, t) -> {
            if (t > c || t == c && (ties == null || ties.contains(id))) {
                keptOthers.add(id);
            }
        });
        keptOthers.sort(null);
        uuids.sortById();
        try {
            store.saveBaseInOrder(org, set, generation + 1, new Lines(keepUuid, keptOthers));
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the " + name + " window of " + set + ": " + e.getMessage(), e);
        }
        uuids.retain(keepUuid);
        others.keySet().retainAll(new HashSet<>(keptOthers));
        generation++;
        segments = 0;
        addedSinceCompaction = 0;
        pending.clear();
        return checkpointValues();
    }

    /** @return the values that name the window as saved so far */
    public Map<String, Object> checkpointValues() {
        return Map.of(generationKey(), generation, segmentsKey(), (long) segments);
    }

    /** @return a commit hook that deletes the files the saved window no longer uses */
    public Batch.CommitHook cleanup() {
        long g = generation;
        int s = segments;
        return () -> store.retainOnly(org, set, g, s);
    }

    /** Reads the window named by the checkpoint, file by file, on first use. */
    private void load() {
        if (uuids != null) {
            return;
        }
        UuidTimeTable loadedUuids = new UuidTimeTable();
        Map<String, Long> loadedOthers = new HashMap<>();
        try {
            store.forEach(org, set, generation, segments, line -> {
                int at = line.lastIndexOf('@');
                if (at > 0) {
                    long millis = Long.parseLong(line.substring(at + 1));
                    String id = line.substring(0, at);
                    long[] uuid = UuidTimeTable.parse(id);
                    if (uuid != null) {
                        loadedUuids.putMax(uuid[0], uuid[1], millis);
                    } else {
                        loadedOthers.merge(id, millis, Math::max);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the " + name + " window of " + set + " holds a damaged entry: " + e.getMessage()
                    + ". Delete the stream's checkpoint to start over.", e);
        }
        uuids = loadedUuids;
        others = loadedOthers;
    }

    /**
     * The lines of a compacted base ({@code id@millis}), made one at a time in id order: the uuids (sorted by
     * {@link UuidTimeTable#sortById()}) merged with the other ids (sorted), so no list of all lines is built.
     */
    private final class Lines implements Iterator<String> {
        private final UuidTimeTable.EntryFilter keep;
        private final List<String> keptOthers;
        private int u;
        private int o;
        private String nextUuid;

        Lines(UuidTimeTable.EntryFilter keep, List<String> keptOthers) {
            this.keep = keep;
            this.keptOthers = keptOthers;
            advanceUuid();
        }

        private void advanceUuid() {
            nextUuid = null;
            while (u < uuids.size() && nextUuid == null) {
                if (keep.test(uuids.hi(u), uuids.lo(u), uuids.time(u))) {
                    // The id is compared only with other ids (rare): a window of uuids alone writes each line at once.
                    nextUuid = keptOthers.isEmpty() ? "" : UuidTimeTable.format(uuids.hi(u), uuids.lo(u));
                } else {
                    u++;
                }
            }
        }

        @Override
        public boolean hasNext() {
            return nextUuid != null || o < keptOthers.size();
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (nextUuid != null && (o == keptOthers.size() || nextUuid.compareTo(keptOthers.get(o)) <= 0)) {
                String line = UuidTimeTable.line(uuids.hi(u), uuids.lo(u), uuids.time(u));
                u++;
                advanceUuid();
                return line;
            }
            String id = keptOthers.get(o++);
            return id + "@" + others.get(id);
        }
    }

    @Override
    public String toString() {
        return "RecentIdWindow[" + set + " gen " + generation + "+" + segments + ", max " + maxIds + " / " + maxAge + "]";
    }
}
