package dev.oktainputs.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.state.InMemoryIdSetStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeletionTrackerTest {

    private static final String ORG = "https://acme.okta.com";
    private final InMemoryIdSetStore store = new InMemoryIdSetStore();

    private Checkpoint commit(DeletionTracker t) throws Exception {
        Checkpoint cp = Checkpoint.of(1, t.checkpointValues());
        t.cleanup().committed();
        return cp;
    }

    @Test
    void firstFullPassEmitsNoDeletesAndTheNextCompleteOneFindsTheMissing() throws Exception {
        DeletionTracker first = new DeletionTracker(store, ORG, "users", Checkpoint.empty(), true);
        first.observe(List.of("a", "b"));
        first.observe(List.of("c"));
        assertThat(first.finishFullPass(true)).isEmpty();
        Checkpoint cp = commit(first);
        // Nothing left the set: its two segments (one per page) are the set, kept as they are rather than rewritten.
        assertThat(cp.getLong(DeletionTracker.GENERATION, -1)).isZero();
        assertThat(cp.getLong(DeletionTracker.SEGMENTS, -1)).isEqualTo(2);
        assertThat(store.load(ORG, "users", 0, 2)).containsOnly("a", "b", "c");

        DeletionTracker incremental = new DeletionTracker(store, ORG, "users", cp, false);
        incremental.observe(List.of("b", "d")); // d created since: recorded as a segment right away
        cp = commit(incremental);
        assertThat(cp.getLong(DeletionTracker.SEGMENTS, -1)).isEqualTo(3);

        DeletionTracker second = new DeletionTracker(store, ORG, "users", cp, true);
        second.observe(List.of("a", "c"));
        assertThat(second.finishFullPass(true)).containsExactly("b", "d");
        cp = commit(second);
        // Ids are gone: the set is compacted into a new base without them, and the old files are dropped.
        assertThat(cp.getLong(DeletionTracker.GENERATION, -1)).isEqualTo(1);
        assertThat(cp.getLong(DeletionTracker.SEGMENTS, -1)).isZero();
        assertThat(store.load(ORG, "users", cp.getLong(DeletionTracker.GENERATION, 0), 0)).containsOnly("a", "c");
        assertThat(store.fileCount(ORG, "users")).isEqualTo(1);
    }

    @Test
    void aResumedFullPassEmitsNoDeletesAndForgetsNoId() throws Exception {
        DeletionTracker first = new DeletionTracker(store, ORG, "users", Checkpoint.empty(), true);
        first.observe(List.of("a", "b", "c"));
        first.finishFullPass(true);
        Checkpoint cp = commit(first);

        // A full pass crashes after its first page (which showed a new id "n"); the page's batch was committed.
        DeletionTracker crashed = new DeletionTracker(store, ORG, "users", cp, true);
        crashed.observe(List.of("a", "n"));
        Checkpoint mid = Checkpoint.of(1, crashed.checkpointValues());

        DeletionTracker resumed = new DeletionTracker(store, ORG, "users", mid, true);
        resumed.observe(List.of("c"));
        assertThat(resumed.finishFullPass(false)).isEmpty();
        Checkpoint after = commit(resumed);
        assertThat(store.load(ORG, "users", after.getLong(DeletionTracker.GENERATION, 0),
                (int) after.getLong(DeletionTracker.SEGMENTS, 0))).containsOnly("a", "b", "c", "n");
        assertThat(Map.copyOf(after.values())).isEqualTo(Map.copyOf(mid.values())); // nothing to rewrite
    }

    @Test
    void aFullPassThatChangesNothingWritesNoNewGeneration() throws Exception {
        DeletionTracker first = new DeletionTracker(store, ORG, "users", Checkpoint.empty(), true);
        first.observe(List.of("a", "b"));
        first.finishFullPass(true);
        Checkpoint cp = commit(first);

        for (int run = 0; run < 3; run++) {
            DeletionTracker quiet = new DeletionTracker(store, ORG, "users", cp, true);
            quiet.observe(List.of("b", "a"));
            assertThat(quiet.finishFullPass(true)).isEmpty();
            assertThat(quiet.checkpointValues()).isEqualTo(cp.values()); // names the same base: nothing to commit
        }
        assertThat(store.fileCount(ORG, "users")).isEqualTo(1);

        DeletionTracker changed = new DeletionTracker(store, ORG, "users", cp, true);
        changed.observe(List.of("a"));
        assertThat(changed.finishFullPass(true)).containsExactly("b"); // an id gone makes a new base
        assertThat(changed.checkpointValues()).containsEntry(DeletionTracker.GENERATION, 1L)
                .containsEntry(DeletionTracker.SEGMENTS, 0L);
    }

    @Test
    void aPassFromWhichNothingIsGoneKeepsItsSegmentsUpToTheLimitThenCompactsThem() throws Exception {
        DeletionTracker kept = new DeletionTracker(store, ORG, "users", Checkpoint.empty(), true);
        for (int page = 0; page < DeletionTracker.MAX_SEGMENTS; page++) {
            kept.observe(List.of("k" + page));
        }
        assertThat(kept.finishFullPass(true)).isEmpty();
        Checkpoint cp = commit(kept);
        assertThat(cp.getLong(DeletionTracker.GENERATION, -1)).isZero();
        assertThat(cp.getLong(DeletionTracker.SEGMENTS, -1)).isEqualTo(DeletionTracker.MAX_SEGMENTS);

        // One more segment (an incremental run's new id), then a full pass that sees them all: too many, compacted.
        DeletionTracker incremental = new DeletionTracker(store, ORG, "users", cp, false);
        incremental.observe(List.of("new"));
        cp = commit(incremental);
        DeletionTracker full = new DeletionTracker(store, ORG, "users", cp, true);
        full.observe(List.of("new"));
        for (int page = 0; page < DeletionTracker.MAX_SEGMENTS; page++) {
            full.observe(List.of("k" + page));
        }
        assertThat(full.finishFullPass(true)).isEmpty();
        cp = commit(full);
        assertThat(cp.getLong(DeletionTracker.GENERATION, -1)).isEqualTo(1);
        assertThat(cp.getLong(DeletionTracker.SEGMENTS, -1)).isZero();
        assertThat(store.fileCount(ORG, "users")).isEqualTo(1);
        assertThat(store.load(ORG, "users", 1, 0)).hasSize(DeletionTracker.MAX_SEGMENTS + 1).contains("new", "k0");
    }
}
