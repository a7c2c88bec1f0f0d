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
        assertThat(cp.getLong(DeletionTracker.GENERATION, -1)).isEqualTo(1);
        assertThat(store.fileCount(ORG, "users")).isEqualTo(1);

        DeletionTracker incremental = new DeletionTracker(store, ORG, "users", cp, false);
        incremental.observe(List.of("b", "d")); // d created since: recorded as a segment right away
        cp = commit(incremental);
        assertThat(cp.getLong(DeletionTracker.SEGMENTS, -1)).isEqualTo(1);

        DeletionTracker second = new DeletionTracker(store, ORG, "users", cp, true);
        second.observe(List.of("a", "c"));
        assertThat(second.finishFullPass(true)).containsExactly("b", "d");
        cp = commit(second);
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
        assertThat(store.load(ORG, "users", after.getLong(DeletionTracker.GENERATION, 0), 0)).containsOnly("a", "b", "c", "n");
        assertThat(Map.copyOf(after.values())).containsEntry(DeletionTracker.SEGMENTS, 0L);
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
        assertThat(changed.finishFullPass(true)).containsExactly("b"); // a change still makes a new base
        assertThat(changed.checkpointValues()).containsEntry(DeletionTracker.GENERATION, 2L);
    }
}
