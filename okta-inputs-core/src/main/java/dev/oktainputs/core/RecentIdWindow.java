package dev.oktainputs.core;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.store.IdSetStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ids a stream emitted recently, each with a time, bounded by age and by count and persisted crash-safely:
 * what an event stream (the System Log) uses to drop events it has already written when Okta, an overlap
 * re-read or a retry delivers them again.
 *
 * <p>Storage is an {@link IdSetStore} set named {@code <stream>.<name>} whose entries are {@code id@epochMillis},
 * laid out like {@link DeletionTracker}'s: a base generation plus segments, named by the stream's checkpoint
 * ({@code <name>_gen}, {@code <name>_segments}). {@link #save()} writes the ids added for one batch as a new
 * segment <em>before</em> the batch is handed out, and returns the values that name it; the batch's checkpoint
 * carries them. A segment therefore counts only once the checkpoint naming it is saved, which the caller does
 * only after the sink wrote the batch: the window never claims an id whose record was not written, so it never
 * drops an event that was lost. The converse gap is inherent: records the sink wrote just before a crash whose
 * checkpoint was not saved yet are unknown to the window and come again (at-least-once).
 *
 * <p>{@link #compact(Instant)} (once per run, and by itself every {@value #MAX_SEGMENTS} segments) drops entries
 * older than {@code maxAge} and then all but the {@code maxIds} newest, and writes the rest as the next base
 * generation. Memory: the entries (≈ 100 bytes each) plus those added since the last compaction.
 */
public final class RecentIdWindow {

    /** Segments after which {@link #save()} compacts by itself, to bound file count and memory. */
    public static final int MAX_SEGMENTS = 128;

    private final IdSetStore store;
    private final String org;
    private final String set;
    private final String name;
    private final Duration maxAge;
    private final int maxIds;
    private long generation;
    private int segments;
    private Map<String, Long> entries;
    private final List<String> pending = new ArrayList<>();
    private Instant newest = Instant.EPOCH;

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
        this.name = name;
        this.set = stream + "." + name;
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
        return name + "_gen";
    }

    /** @return the checkpoint key of the segment count, {@code <name>_segments} */
    public String segmentsKey() {
        return name + "_segments";
    }

    /**
     * @param id an id
     * @return true when the id is in the window (written before, or added in this run)
     */
    public boolean contains(String id) {
        return entries().containsKey(id);
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
        long millis = at.toEpochMilli();
        if (entries().putIfAbsent(id, millis) != null) {
            return false;
        }
        pending.add(id + "@" + millis);
        if (at.isAfter(newest)) {
            newest = at;
        }
        return true;
    }

    /** @return the entries, id to time, of the whole window (unmodifiable view) */
    public Map<String, Long> entriesByTime() {
        return Collections.unmodifiableMap(entries());
    }

    /** @return how many ids the window holds */
    public int size() {
        return entries().size();
    }

    /**
     * Writes the ids added since the last save as a segment, compacting first when {@value #MAX_SEGMENTS}
     * segments exist, and names the result.
     *
     * @return the values to put into the checkpoint of the batch the added ids belong to
     */
    public Map<String, Object> save() {
        if (!pending.isEmpty()) {
            if (segments >= MAX_SEGMENTS) {
                return compact(newest);
            }
            try {
                store.saveSegment(org, set, generation, segments + 1, pending);
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
     * left (including unsaved additions) as the next base generation.
     *
     * @param now the time to measure age against, on the same clock as the entries' times
     * @return the values naming the compacted window, for the checkpoint
     */
    public Map<String, Object> compact(Instant now) {
        long oldest = now.minus(maxAge).toEpochMilli();
        Map<String, Long> all = entries();
        long[] times = new long[all.size()];
        int n = 0;
        for (long t : all.values()) {
            if (t >= oldest) {
                times[n++] = t;
            }
        }
        // Keep the maxIds newest: everything after the cut-off time, and of the entries at it the first ids in order.
        long cutoff = oldest;
        int tiedSlots = Integer.MAX_VALUE;
        if (n > maxIds) {
            java.util.Arrays.sort(times, 0, n);
            cutoff = times[n - maxIds];
            int above = 0;
            for (int i = n - maxIds; i < n; i++) {
                above += times[i] > cutoff ? 1 : 0;
            }
            tiedSlots = maxIds - above;
        }
        List<String> tied = new ArrayList<>();
        Map<String, Long> next = new HashMap<>(Math.min(n, maxIds) * 2);
        for (Map.Entry<String, Long> e : all.entrySet()) {
            long t = e.getValue();
            if (t > cutoff || t == cutoff && tiedSlots == Integer.MAX_VALUE) {
                next.put(e.getKey(), t);
            } else if (t == cutoff) {
                tied.add(e.getKey());
            }
        }
        tied.sort(null);
        for (String id : tied.subList(0, Math.min(tied.size(), Math.max(0, tiedSlots)))) {
            next.put(id, cutoff);
        }
        List<String> lines = new ArrayList<>(next.size());
        next.forEach((id, t) -> lines.add(id + "@" + t));
        try {
            store.saveBase(org, set, generation + 1, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the " + name + " window of " + set + ": " + e.getMessage(), e);
        }
        generation++;
        segments = 0;
        pending.clear();
        entries = next;
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

    private Map<String, Long> entries() {
        if (entries == null) {
            Map<String, Long> loaded = new HashMap<>();
            try {
                for (String line : store.load(org, set, generation, segments)) {
                    int at = line.lastIndexOf('@');
                    if (at > 0) {
                        long millis = Long.parseLong(line.substring(at + 1));
                        loaded.merge(line.substring(0, at), millis, Math::max);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("the " + name + " window of " + set + " holds a damaged entry: " + e.getMessage()
                        + ". Delete the stream's checkpoint to start over.", e);
            }
            entries = loaded;
        }
        return entries;
    }

    @Override
    public String toString() {
        return "RecentIdWindow[" + set + " gen " + generation + "+" + segments + ", max " + maxIds + " / " + maxAge + "]";
    }
}
