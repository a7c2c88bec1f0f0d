package dev.oktainputs.core.state;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.Batch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Deletion detection by set difference, crash-safe. Okta's list APIs never show hard deletes, so an input
 * keeps the set of ids it has emitted and, after a complete full pass, emits DELETE for every id it did not
 * see again.
 *
 * <p>The set lives in an {@link IdSetStore} and is named by the stream's checkpoint ({@code id_gen},
 * {@code id_segments}). Ids that first appear on a page are written as a segment before the batch holding that
 * page is handed out (one segment per batch, whatever number of pages it holds), and the batch's checkpoint names
 * the segment: a crash anywhere leaves the set consistent with the records written. A full pass that was
 * interrupted and resumed has not seen every id, so it emits no deletes; the next full pass does. The first pass
 * has nothing to compare with and emits none either.
 *
 * <p>Memory: the stored set plus the ids seen in this pass (ids only, never objects), both held as
 * {@link CompactIdSet}s (for edges, the stored set is a sorted set of strings).
 *
 * <p>Edges ({@link #forEdges}): keys are {@code parentId/childId}, and a run may list only some parents again
 * (the groups whose membership changed). {@link #finishParent} returns the edges of one parent that were not
 * seen again once that parent has been listed from its first page to its last, so its removals go out with the
 * parent's last batch; {@link #parentGone} returns every edge of a parent deleted mid-run; {@link #finishPartialPass}
 * then compacts the set without the removed edges. After a
 * crash between those two points, a removal may be emitted again when the parent is next listed (a duplicate
 * DELETE, never a lost one).
 */
public final class DeletionTracker {

    /** Checkpoint key of the base generation. */
    public static final String GENERATION = IdSetNames.STREAM_SET + IdSetNames.GENERATION_SUFFIX;
    /** Checkpoint key of the segment count. */
    public static final String SEGMENTS = IdSetNames.STREAM_SET + IdSetNames.SEGMENTS_SUFFIX;

    /**
     * Segments a pass that removed nothing leaves as they are; beyond this many it compacts them into a new base. A
     * first full pass of 100,000 users writes 100 (one per batch); loading 128 small files costs about what loading
     * one base of the same ids does.
     */
    static final int MAX_SEGMENTS = 128;

    private final IdSetStore store;
    private final String org;
    private final String stream;
    private final boolean fullPass;
    private long generation;
    private int segments;
    private Set<String> stored;
    /** How many ids {@link #stored()} loaded from the store: none on a first run, whose full pass can find no delete. */
    private long loaded;
    /**
     * For a sorted (edges) tracker: the set a compaction saved, until a sorted copy is needed ({@link #stored()}):
     * most runs end right after their compaction, and sorting 100,000 edges they never look up again is wasted.
     */
    private Set<String> savedUnsorted;
    /** Ids seen in this run: a compact table ({@link CompactIdSet}, ~30 bytes per Okta id instead of ~106). */
    private final Set<String> seen = new CompactIdSet();
    private final Set<String> removed = new HashSet<>();
    /** Ids {@link #note} found new that no segment holds yet, in the order first seen. */
    private final List<String> unsaved = new ArrayList<>();
    private boolean sorted;
    /** The generation a commit hook of this tracker has tidied, or -1. */
    private volatile long tidiedGeneration = -1;

    /**
     * @param store      where the set lives
     * @param org        the org
     * @param stream     the stream
     * @param checkpoint the checkpoint the run started from (names the current set)
     * @param fullPass   true when this run lists every object (and may detect deletes)
     */
    public DeletionTracker(IdSetStore store, String org, String stream, Checkpoint checkpoint, boolean fullPass) {
        this.store = store;
        this.org = org;
        this.stream = stream;
        this.fullPass = fullPass;
        this.generation = checkpoint.getLong(GENERATION, 0);
        this.segments = (int) checkpoint.getLong(SEGMENTS, 0);
    }

    /**
     * A tracker for edges ({@code parentId/childId} keys) that also finds removals per parent.
     *
     * @param store      where the set lives
     * @param org        the org
     * @param stream     the stream
     * @param checkpoint the checkpoint the run started from
     * @return the tracker; it remembers every id it observes in this run
     */
    public static DeletionTracker forEdges(IdSetStore store, String org, String stream, Checkpoint checkpoint) {
        DeletionTracker t = new DeletionTracker(store, org, stream, checkpoint, true);
        t.sorted = true;
        return t;
    }

    /**
     * @param id an id
     * @return true when the id was emitted before (by an earlier run or earlier in this one)
     */
    public boolean knows(String id) {
        return stored().contains(id);
    }

    /**
     * Ends the listing of one parent's edges, which must have been observed from the parent's first page to its
     * last in this run. Only for {@link #forEdges} trackers.
     *
     * @param parent the parent id (the part of the keys before {@code /})
     * @return the keys of the parent's edges known before but not seen again, sorted: emit them as DELETE
     */
    public List<String> finishParent(String parent) {
        if (!sorted) {
            throw new IllegalStateException("finishParent needs a tracker made by forEdges");
        }
        String prefix = parent + "/";
        List<String> gone = new ArrayList<>();
        for (String id : ((NavigableSet<String>) stored()).subSet(prefix, true, prefix + Character.MAX_VALUE, false)) {
            if (!seen.contains(id) && !removed.contains(id)) {
                gone.add(id);
            }
        }
        removed.addAll(gone);
        return gone;
    }

    /**
     * Ends a parent that was deleted while this run listed it (its child listing answered {@code 404}): every edge of
     * it the set holds is gone, those seen earlier in this run included, and none of them counts as seen. Only for
     * {@link #forEdges} trackers.
     *
     * @param parent the parent id (the part of the keys before {@code /})
     * @return the keys of the parent's edges the set holds, sorted: emit them as DELETE
     */
    public List<String> parentGone(String parent) {
        if (!sorted) {
            throw new IllegalStateException("parentGone needs a tracker made by forEdges");
        }
        String prefix = parent + "/";
        List<String> gone = new ArrayList<>();
        for (String id : ((NavigableSet<String>) stored()).subSet(prefix, true, prefix + Character.MAX_VALUE, false)) {
            if (!removed.contains(id)) {
                gone.add(id);
            }
        }
        removed.addAll(gone);
        gone.forEach(seen::remove);
        return gone;
    }

    /**
     * Ends a pass that listed only some parents again: compacts the set into a new generation without the edges
     * {@link #finishParent} reported. When none was, the base and its segments stay as they are (until more than
     * {@value #MAX_SEGMENTS} segments).
     */
    public void finishPartialPass() {
        if (removed.isEmpty() && unsaved.isEmpty() && segments <= MAX_SEGMENTS) {
            return; // the base and its segments hold the set already
        }
        Set<String> next = new HashSet<>(stored());
        next.removeAll(removed);
        saveBase(next);
    }

    /**
     * Notes the ids of one page. Ids never emitted before are saved as a new segment right away; the batch's
     * checkpoint must then include {@link #checkpointValues()}.
     *
     * @param ids the ids on the page
     */
    public void observe(List<String> ids) {
        note(ids);
        saveNoted();
    }

    /**
     * Like {@link #observe}, for a batch made of several pages: the ids never emitted before are known at once
     * ({@link #knows}) but wait in memory until {@link #saveNoted()}, so that the pages' new ids go into one segment
     * (one durable write) instead of one each. Call {@link #saveNoted()} before the batch is handed out; until then
     * {@link #checkpointValues()} refuses.
     *
     * @param ids the ids on one page
     */
    public void note(List<String> ids) {
        Set<String> known = stored();
        for (String id : ids) {
            if (fullPass) {
                seen.add(id);
            }
            if (known.add(id)) {
                unsaved.add(id);
            }
        }
    }

    /** Saves the ids {@link #note} found new as one segment (nothing when there are none). */
    public void saveNoted() {
        if (unsaved.isEmpty()) {
            return;
        }
        try {
            store.saveSegment(org, stream, generation, segments + 1, unsaved);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the id set of " + stream + ": " + e.getMessage(), e);
        }
        segments++;
        unsaved.clear();
    }

    /**
     * Ends a full pass: returns the ids that disappeared and, when there are any, compacts the set into a new
     * generation holding exactly the ids seen. When the pass was resumed after an interruption, no delete is reported
     * and nothing is dropped from the set. A pass from which no id is gone keeps the stored base and its segments (the
     * ids new in this pass are in those already) and writes nothing, unless it has more than {@value #MAX_SEGMENTS}
     * segments to compact.
     *
     * @param complete false when the pass was resumed from a mid-pass checkpoint (not every id was seen)
     * @return the ids to emit as DELETE
     */
    public List<String> finishFullPass(boolean complete) {
        if (!fullPass) {
            throw new IllegalStateException("not a full pass");
        }
        Set<String> known = stored();
        List<String> gone = new ArrayList<>();
        if (complete && loaded > 0) { // only an id the store held when the run began can be gone
            for (String id : known) {
                if (!seen.contains(id) && !removed.contains(id)) {
                    gone.add(id);
                }
            }
            gone.sort(null);
        }
        if (unsaved.isEmpty() && removed.isEmpty() && gone.isEmpty() && segments <= MAX_SEGMENTS) {
            // Nothing left the set (every stored id was seen again, or the pass was resumed): the base and its segments
            // already hold exactly the set to keep, so it stays as it is — no rewrite of every id at the end of a pass
            // (sorting and compressing 100,000 ids took ~0.15 s at the end of a first pass), and a quiet run writes no
            // new generation that would wait for a commit. The segments are compacted once there are too many.
            return gone;
        }
        Set<String> next = complete ? seen : known;
        if (!complete && !removed.isEmpty()) {
            next = copy(known);
            next.removeAll(removed);
        }
        saveBase(next);
        return gone;
    }

    private void saveBase(Set<String> next) {
        try {
            store.saveBase(org, stream, generation + 1, next);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the id set of " + stream + ": " + e.getMessage(), e);
        }
        generation++;
        segments = 0;
        stored = sorted ? null : next;
        savedUnsorted = sorted ? next : null;
        loaded = next.size();
        removed.clear();
        unsaved.clear(); // the base holds them
    }

    /**
     * @return the values that name the current set, to put into the batch's checkpoint
     * @throws IllegalStateException when ids {@link #note}d are not saved yet (the checkpoint would not name them)
     */
    public Map<String, Object> checkpointValues() {
        if (!unsaved.isEmpty()) {
            throw new IllegalStateException("saveNoted() first: " + unsaved.size() + " new ids are not saved yet");
        }
        return Map.of(GENERATION, generation, SEGMENTS, (long) segments);
    }

    /**
     * A commit hook that deletes the files the current set no longer uses.
     *
     * <p>Within one generation the set only gains segments, each named by the checkpoint of the batch that wrote it,
     * so once a hook of this tracker has tidied a generation (dropping older generations and segments left over by an
     * earlier run), the later hooks of that generation have nothing to delete and return at once. Tidying after every
     * batch would otherwise cost as much as the segments kept: quadratic in the batches of a run.
     *
     * @return the hook, to run after the batch's checkpoint is saved
     */
    public dev.oktainputs.core.Batch.CommitHook cleanup() {
        long g = generation;
        int s = segments;
        return () -> {
            if (tidiedGeneration == g) {
                return;
            }
            store.retainOnly(org, stream, g, s);
            tidiedGeneration = g;
        };
    }

    private static Set<String> copy(Set<String> ids) {
        Set<String> copy = new CompactIdSet();
        copy.addAll(ids);
        return copy;
    }

    private Set<String> stored() {
        if (stored == null && savedUnsorted != null) {
            stored = new TreeSet<>(savedUnsorted);
            savedUnsorted = null;
        }
        if (stored == null) {
            try {
                // Straight into the set, file by file: the ids are never all held as strings at once.
                Set<String> set = sorted ? new TreeSet<>() : new CompactIdSet();
                store.forEach(org, stream, generation, segments, set::add);
                stored = set;
                loaded = set.size();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        return stored;
    }
}
