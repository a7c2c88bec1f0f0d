package dev.oktainputs.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.state.InMemoryIdSetStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeletionTrackerEdgesTest {

    private static final String ORG = "https://acme.okta.com";
    private final InMemoryIdSetStore store = new InMemoryIdSetStore();

    private Checkpoint commit(DeletionTracker t) throws Exception {
        Checkpoint cp = Checkpoint.of(1, t.checkpointValues());
        t.cleanup().committed();
        return cp;
    }

    private Checkpoint firstFullPass() throws Exception {
        DeletionTracker t = DeletionTracker.forEdges(store, ORG, "group_members", Checkpoint.empty());
        t.observe(List.of("g1/u1", "g1/u2", "g1/u3", "g2/u1", "g10/u9"));
        assertThat(t.finishParent("g1")).isEmpty();
        assertThat(t.finishFullPass(true)).isEmpty();
        return commit(t);
    }

    @Test
    void aPartialPassDeletesOnlyTheMissingEdgesOfTheParentsItListedAgain() throws Exception {
        Checkpoint cp = firstFullPass();
        DeletionTracker t = DeletionTracker.forEdges(store, ORG, "group_members", cp);
        assertThat(t.knows("g1/u2")).isTrue();
        assertThat(t.knows("g1/u4")).isFalse();
        t.observe(List.of("g1/u1", "g1/u4"));
        // g10's edges share the prefix "g1" but not "g1/": they are not g1's
        assertThat(t.finishParent("g1")).containsExactly("g1/u2", "g1/u3");
        t.finishPartialPass();
        cp = commit(t);
        assertThat(store.load(ORG, "group_members", cp.getLong(DeletionTracker.GENERATION, 0), 0))
                .containsExactlyInAnyOrder("g1/u1", "g1/u4", "g2/u1", "g10/u9");
        assertThat(store.fileCount(ORG, "group_members")).isEqualTo(1);
    }

    @Test
    void aFullPassDeletesEdgesOfVanishedParentsOnceAndNotThoseDeletedPerParent() throws Exception {
        Checkpoint cp = firstFullPass();
        DeletionTracker t = DeletionTracker.forEdges(store, ORG, "group_members", cp);
        t.observe(List.of("g1/u1"));
        assertThat(t.finishParent("g1")).containsExactly("g1/u2", "g1/u3");
        t.observe(List.of("g2/u1"));
        assertThat(t.finishParent("g2")).isEmpty();
        assertThat(t.finishFullPass(true)).containsExactly("g10/u9"); // g10 is gone
    }

    @Test
    void aVanishedParentLosesEveryEdgeEvenThoseSeenThisRunAndOnlyOnce() throws Exception {
        Checkpoint cp = firstFullPass();
        DeletionTracker t = DeletionTracker.forEdges(store, ORG, "group_members", cp);
        t.observe(List.of("g1/u1", "g1/u5")); // g1's first page, then g1 was deleted: its next page answered 404
        assertThat(t.parentGone("g1")).containsExactly("g1/u1", "g1/u2", "g1/u3", "g1/u5");
        assertThat(t.parentGone("g1")).isEmpty();
        t.observe(List.of("g2/u1", "g10/u9"));
        assertThat(t.finishFullPass(true)).as("not deleted twice").isEmpty();
        cp = commit(t);
        assertThat(store.load(ORG, "group_members", cp.getLong(DeletionTracker.GENERATION, 0), 0))
                .containsExactlyInAnyOrder("g2/u1", "g10/u9");
    }

    @Test
    void aVanishedParentInAPartialOrResumedPassLeavesTheSet() throws Exception {
        Checkpoint cp = firstFullPass();
        DeletionTracker partial = DeletionTracker.forEdges(store, ORG, "group_members", cp);
        assertThat(partial.parentGone("g2")).containsExactly("g2/u1");
        partial.finishPartialPass();
        Checkpoint afterPartial = commit(partial);
        assertThat(store.load(ORG, "group_members", afterPartial.getLong(DeletionTracker.GENERATION, 0), 0))
                .containsExactlyInAnyOrder("g1/u1", "g1/u2", "g1/u3", "g10/u9");

        DeletionTracker resumed = DeletionTracker.forEdges(store, ORG, "group_members", afterPartial);
        assertThat(resumed.parentGone("g10")).containsExactly("g10/u9");
        assertThat(resumed.finishFullPass(false)).isEmpty();
        cp = commit(resumed);
        assertThat(store.load(ORG, "group_members", cp.getLong(DeletionTracker.GENERATION, 0), 0))
                .containsExactlyInAnyOrder("g1/u1", "g1/u2", "g1/u3");
    }

    @Test
    void aResumedPassKeepsWhatItCouldNotCheckButDropsWhatItDeleted() throws Exception {
        Checkpoint cp = firstFullPass();
        DeletionTracker t = DeletionTracker.forEdges(store, ORG, "group_members", cp);
        t.observe(List.of("g2/u5"));
        assertThat(t.finishParent("g2")).containsExactly("g2/u1");
        assertThat(t.finishFullPass(false)).isEmpty();
        cp = commit(t);
        assertThat(store.load(ORG, "group_members", cp.getLong(DeletionTracker.GENERATION, 0), 0))
                .containsExactlyInAnyOrder("g1/u1", "g1/u2", "g1/u3", "g2/u5", "g10/u9");
    }

    @Test
    void aPartialPassWithNothingChangedWritesNothing() throws Exception {
        Checkpoint cp = firstFullPass();
        DeletionTracker t = DeletionTracker.forEdges(store, ORG, "group_members", cp);
        t.observe(List.of("g2/u1"));
        assertThat(t.finishParent("g2")).isEmpty();
        t.finishPartialPass();
        assertThat(commit(t)).isEqualTo(cp);
    }

    @Test
    void pagesNotedForOneBatchGoIntoOneSegmentSavedBeforeTheCheckpointNamesIt() throws Exception {
        Checkpoint cp = firstFullPass();
        DeletionTracker t = DeletionTracker.forEdges(store, ORG, "group_members", cp);
        t.note(List.of("g1/u1", "g1/u4"));
        assertThat(t.knows("g1/u4")).as("known at once, for the next pages of the batch").isTrue();
        t.note(List.of("g2/u1", "g2/u7", "g1/u4"));
        assertThat(t.finishParent("g1")).containsExactly("g1/u2", "g1/u3");
        assertThatThrownBy(t::checkpointValues).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 new ids");
        assertThat(store.fileCount(ORG, "group_members")).isEqualTo(1); // nothing written before saveNoted
        t.saveNoted();
        cp = commit(t);
        assertThat(cp.getLong(DeletionTracker.SEGMENTS, 0)).isEqualTo(2); // the first pass's, and this batch's
        assertThat(store.fileCount(ORG, "group_members")).isEqualTo(2);
        assertThat(store.load(ORG, "group_members", cp.getLong(DeletionTracker.GENERATION, 0), 2))
                .containsExactlyInAnyOrder("g1/u1", "g1/u2", "g1/u3", "g1/u4", "g2/u1", "g2/u7", "g10/u9");
        t.saveNoted(); // nothing new: no empty segment
        assertThat(Checkpoint.of(1, t.checkpointValues())).isEqualTo(cp);
    }

    @Test
    void idsNotedAtTheEndOfAPassGoIntoTheNewBaseWithoutASegment() throws Exception {
        Checkpoint cp = firstFullPass();
        DeletionTracker t = DeletionTracker.forEdges(store, ORG, "group_members", cp);
        t.note(List.of("g2/u1", "g2/u8"));
        assertThat(t.finishParent("g2")).isEmpty();
        t.finishPartialPass();
        cp = commit(t);
        assertThat(cp.getLong(DeletionTracker.SEGMENTS, 0)).isZero();
        assertThat(store.load(ORG, "group_members", cp.getLong(DeletionTracker.GENERATION, 0), 0))
                .containsExactlyInAnyOrder("g1/u1", "g1/u2", "g1/u3", "g2/u1", "g2/u8", "g10/u9");
    }
}
