package dev.oktainputs.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.api.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoresTest {

    private static final String ORG = "https://acme.okta.com";

    @TempDir
    Path dir;

    @Test
    void checkpointRoundTripsWithTypes() throws IOException {
        FileCheckpointStore store = new FileCheckpointStore(dir);
        assertThat(store.load(ORG, "users")).isEmpty();
        Checkpoint cp = Checkpoint.of(1, Map.of("next", "/api/v1/users?after=x&limit=200", "id_gen", 3L, "full", true));
        store.save(ORG, "users", cp);
        assertThat(store.load(ORG, "users")).contains(cp);
        assertThat(store.file(ORG, "users")).isEqualTo(dir.resolve("acme.okta.com/users.checkpoint.json"));
        store.save(ORG, "users", Checkpoint.of(1, Map.of("next", "y")));
        assertThat(store.load(ORG, "users").orElseThrow().getString("next")).isEqualTo("y");
        // Only the checkpoint file is left: no temp files behind.
        try (Stream<Path> files = Files.list(dir.resolve("acme.okta.com"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("users.checkpoint.json");
        }
    }

    @Test
    void aStrayTempFileFromAKilledWriteIsIgnoredAndTheLastCheckpointSurvives() throws IOException {
        FileCheckpointStore store = new FileCheckpointStore(dir);
        Checkpoint cp = Checkpoint.of(1, Map.of("since", "2024-01-01T00:00:00.000Z"));
        store.save(ORG, "users", cp);
        // What kill -9 in the middle of a save leaves: a half-written temp file beside the real one.
        Files.writeString(dir.resolve("acme.okta.com/.users.checkpoint.json123.tmp"), "{\"version\":1,\"val");
        Files.writeString(dir.resolve("acme.okta.com/.users.ids.1.2.gz456.tmp"), "half an id set");
        assertThat(store.load(ORG, "users")).contains(cp);
        // At start-up the runner sweeps such leftovers, one per kill, so they do not pile up; real files stay.
        new FileIdSetStore(dir).saveBase(ORG, "users", 1, List.of("00u1"));
        assertThat(store.deleteLeftoverTempFiles(ORG)).isEqualTo(2);
        try (Stream<Path> files = Files.list(dir.resolve("acme.okta.com"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("users.checkpoint.json", "users.ids.1.gz");
        }
        assertThat(store.load(ORG, "users")).contains(cp);
        assertThat(store.deleteLeftoverTempFiles("https://other.okta.com")).isZero();
    }

    @Test
    void aDamagedCheckpointIsAClearErrorNotASilentRestart() throws IOException {
        FileCheckpointStore store = new FileCheckpointStore(dir);
        Files.createDirectories(store.file(ORG, "users").getParent());
        Files.writeString(store.file(ORG, "users"), "{not json");
        assertThatThrownBy(() -> store.load(ORG, "users")).isInstanceOf(IOException.class)
                .hasMessageContaining("users.checkpoint.json").hasMessageContaining("delete it to start the stream over");
    }

    @Test
    void idSetsAreCompactAndGenerationsAreRetainedByName() throws IOException {
        FileIdSetStore store = new FileIdSetStore(dir);
        Random r = new Random(1);
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        Set<String> ids = new HashSet<>();
        while (ids.size() < 10_000) {
            StringBuilder sb = new StringBuilder("00u");
            for (int i = 0; i < 17; i++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            ids.add(sb.toString());
        }
        store.saveBase(ORG, "users", 1, ids);
        store.saveSegment(ORG, "users", 1, 1, List.of("00uNEW1"));
        store.saveSegment(ORG, "users", 1, 2, List.of("00uNEW2"));
        Set<String> loaded = store.load(ORG, "users", 1, 2);
        assertThat(loaded).hasSize(10_002).containsAll(ids).contains("00uNEW1", "00uNEW2");
        assertThat(store.load(ORG, "users", 1, 1)).doesNotContain("00uNEW2");
        long bytes = Files.size(store.file(ORG, "users", 1, 0));
        assertThat(bytes).isLessThan(200_000); // ~20 bytes of random base62 per id, gzipped

        store.saveBase(ORG, "users", 2, Set.of("a"));
        store.retainOnly(ORG, "users", 2, 0);
        try (Stream<Path> files = Files.list(dir.resolve("acme.okta.com"))) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toList())).containsExactly("users.ids.2.gz");
        }
        assertThatThrownBy(() -> store.load(ORG, "users", 1, 0)).isInstanceOf(IOException.class).hasMessageContaining("missing");
        assertThat(store.load(ORG, "users", 0, 0)).isEmpty();
    }

    @Test
    void anUnorderedSegmentKeepsTheOrderGivenAndReadsBackLikeAnyOther() throws IOException {
        FileIdSetStore store = new FileIdSetStore(dir);
        List<String> given = List.of("c7e2@3", "0a1b@1", "ffff@2");
        store.saveSegmentUnordered(ORG, "system_log", 0, 1, given);
        store.saveSegment(ORG, "system_log", 0, 2, given);

        List<String> unordered = new java.util.ArrayList<>();
        List<String> ordered = new java.util.ArrayList<>();
        store.forEach(ORG, "system_log", 0, 1, unordered::add);
        store.forEach(ORG, "system_log", 0, 2, ordered::add);
        assertThat(unordered).containsExactlyElementsOf(given);
        assertThat(ordered.subList(3, 6)).containsExactly("0a1b@1", "c7e2@3", "ffff@2");
        assertThatThrownBy(() -> store.saveSegmentUnordered(ORG, "system_log", 0, 0, given))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retainOnlyRemovesExactlyTheObsoleteFilesAmongManySegments() throws IOException {
        FileIdSetStore store = new FileIdSetStore(dir);
        Set<String> expected = new HashSet<>();
        store.saveBase(ORG, "group_members", 2, List.of("g/old"));          // superseded generation
        store.saveSegment(ORG, "group_members", 2, 1, List.of("g/old1"));
        store.saveBase(ORG, "group_members", 3, List.of("g/base"));
        expected.add("group_members.ids.3.gz");
        for (int s = 1; s <= 200; s++) {
            store.saveSegment(ORG, "group_members", 3, s, List.of("g/u" + s));
            expected.add("group_members.ids.3." + s + ".gz");
        }
        for (int s = 201; s <= 210; s++) {                             // written, never named by a checkpoint
            store.saveSegment(ORG, "group_members", 3, s, List.of("g/x" + s));
        }
        store.saveSegment(ORG, "group_members", 0, 1, List.of("g/first"));  // before the first base
        // Other streams' files stay, including a stream whose name starts with this stream's file prefix.
        store.saveBase(ORG, "groups", 1, List.of("g"));
        store.saveSegment(ORG, "group_members.ids.7", 9, 1, List.of("z"));
        expected.addAll(List.of("groups.ids.1.gz", "group_members.ids.7.ids.9.1.gz"));

        store.retainOnly(ORG, "group_members", 3, 200);

        try (Stream<Path> files = Files.list(dir.resolve("acme.okta.com"))) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet())).isEqualTo(expected);
        }
        assertThat(store.load(ORG, "group_members", 3, 200)).hasSize(201);
    }

    @Test
    void onlyNamesTheStoreWritesCountAsObsolete() {
        assertThat(FileIdSetStore.obsolete("2", 3, 5)).isTrue();
        assertThat(FileIdSetStore.obsolete("3.6", 3, 5)).isTrue();
        assertThat(FileIdSetStore.obsolete("4.1", 3, 5)).isTrue();
        assertThat(FileIdSetStore.obsolete("3", 3, 5)).isFalse();
        assertThat(FileIdSetStore.obsolete("3.5", 3, 5)).isFalse();
        assertThat(FileIdSetStore.obsolete("3.1", 3, 5)).isFalse();
        for (String foreign : List.of("", "x", "3.x", "03.1", "3.01", "3.0", "3.1.2", "-3", "7.ids.9.1", "3.")) {
            assertThat(FileIdSetStore.obsolete(foreign, 3, 5)).as(foreign).isFalse();
        }
    }

    @Test
    void orgDirectoriesAreSafeNames() {
        assertThat(AtomicFiles.orgDirName("http://127.0.0.1:8080")).isEqualTo("127.0.0.1_8080");
        assertThatThrownBy(() -> new FileCheckpointStore(dir).file(ORG, "../etc")).isInstanceOf(IllegalArgumentException.class);
    }
}
