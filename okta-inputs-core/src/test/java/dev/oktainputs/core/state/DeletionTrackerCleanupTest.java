package dev.oktainputs.core.state;

import dev.oktainputs.core.Batch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.state.FileIdSetStore;
import dev.oktainputs.core.state.IdSetStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit hooks of a {@link DeletionTracker} over real files: what they delete, and that tidying stays linear. */
class DeletionTrackerCleanupTest {

    private static final String ORG = "https://acme.okta.com";
    private static final String STREAM = "group_members";

    @TempDir
    Path dir;

    /** The file store, counting the directory sweeps it is asked for; a sweep fails while {@code failSweeps}. */
    private final class CountingStore implements IdSetStore {
        final FileIdSetStore files = new FileIdSetStore(dir);
        int sweeps;
        boolean failSweeps;

        @Override
        public Set<String> load(String org, String stream, long generation, int segments) throws IOException {
            return files.load(org, stream, generation, segments);
        }

        @Override
        public void saveBase(String org, String stream, long generation, Collection<String> ids) throws IOException {
            files.saveBase(org, stream, generation, ids);
        }

        @Override
        public void saveSegment(String org, String stream, long generation, int segment, Collection<String> ids)
                throws IOException {
            files.saveSegment(org, stream, generation, segment, ids);
        }

        @Override
        public void retainOnly(String org, String stream, long generation, int segments) throws IOException {
            sweeps++;
            if (failSweeps) {
                throw new IOException("disk busy");
            }
            files.retainOnly(org, stream, generation, segments);
        }
    }

    private Set<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("acme.okta.com"))) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void aRunWithOneSegmentPerPageSweepsOncePerGenerationAndLeavesOnlyTheNamedFiles() throws Exception {
        CountingStore store = new CountingStore();
        // What an earlier run left: generation 1 with 2 segments named by its checkpoint, and a segment 3 it wrote
        // before it was killed (never named by a checkpoint).
        DeletionTracker older = DeletionTracker.forEdges(store, ORG, STREAM, Checkpoint.empty());
        older.observe(List.of("g9/u9"));
        DeletionTracker before = DeletionTracker.forEdges(store, ORG, STREAM, Checkpoint.of(1, older.checkpointValues()));
        before.observe(List.of("g0/u0"));
        before.finishFullPass(true); // g9/u9 is gone: compacted into generation 1
        before.observe(List.of("g1/u1"));
        before.observe(List.of("g2/u2"));
        Checkpoint cp = Checkpoint.of(1, before.checkpointValues());
        before.observe(List.of("g3/u3"));
        assertThat(fileNames()).contains("group_members.ids.0.1.gz", "group_members.ids.1.3.gz");
        int sweepsBefore = store.sweeps;

        DeletionTracker run = DeletionTracker.forEdges(store, ORG, STREAM, cp);
        int pages = 300;
        for (int p = 0; p < pages; p++) {
            run.observe(List.of("g" + (10 + p) + "/u" + p));
            Batch.CommitHook hook = run.cleanup();
            hook.committed();
            if (p == 0) {
                // The first commit drops what the earlier run left and its checkpoint does not name.
                assertThat(fileNames()).containsExactly("group_members.ids.1.1.gz", "group_members.ids.1.2.gz",
                        "group_members.ids.1.3.gz", "group_members.ids.1.gz");
            }
        }
        assertThat(store.sweeps - sweepsBefore).isEqualTo(1); // not one per page
        Set<String> named = new TreeSet<>();
        named.add("group_members.ids.1.gz");
        for (int s = 1; s <= 2 + pages; s++) {
            named.add("group_members.ids.1." + s + ".gz");
        }
        assertThat(fileNames()).isEqualTo(named);

        run.finishFullPass(true);
        Checkpoint done = Checkpoint.of(1, run.checkpointValues());
        run.cleanup().committed();
        assertThat(store.sweeps - sweepsBefore).isEqualTo(2); // the new generation is swept once
        assertThat(fileNames()).containsExactly("group_members.ids.2.gz");
        assertThat(store.load(ORG, STREAM, done.getLong(DeletionTracker.GENERATION, 0), 0)).hasSize(pages);
    }

    @Test
    void aFailedSweepIsRetriedByTheNextHook() throws Exception {
        CountingStore flaky = new CountingStore();
        flaky.files.saveBase(ORG, STREAM, 1, List.of("g/old"));
        flaky.failSweeps = true;
        // A checkpoint naming generation 0 while a stale generation 1 file lies around (e.g. the offsets were reset).
        DeletionTracker t = DeletionTracker.forEdges(flaky, ORG, STREAM, Checkpoint.empty());
        t.observe(List.of("g/a"));
        try {
            t.cleanup().committed();
        } catch (IOException expected) {
            // the batch stays committed; tidying is retried after the next one
        }
        assertThat(fileNames()).contains("group_members.ids.1.gz");
        flaky.failSweeps = false;
        t.observe(List.of("g/b"));
        t.cleanup().committed();
        assertThat(fileNames()).containsExactly("group_members.ids.0.1.gz", "group_members.ids.0.2.gz");
    }
}
