package dev.oktainputs.bench;

import dev.oktainputs.core.state.FileIdSetStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * How large the Kafka connector's state topic gets: the id set of 100,000 users and of 1,000,000 group memberships
 * ({@code groupId/userId}) written as the connector writes them (a {@link FileIdSetStore} base, gzipped sorted lines,
 * cut into 512 KiB chunks, each a message with a 20-byte header and a key of about 60 bytes). Ids are Okta-shaped: a
 * 3-character type prefix and 17 random base-62 characters.
 *
 * <p>Run: {@code java -cp okta-inputs-core/target/classes:okta-inputs-bench/target/classes
 * dev.oktainputs.bench.StateTopicSize}
 */
public final class StateTopicSize {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int CHUNK = 512 * 1024; // KafkaIdSetStore.CHUNK_BYTES
    private static final int HEADER = 20;
    private static final int KEY = 60;

    private StateTopicSize() {
    }

    private static String id(SplittableRandom r, String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        for (int i = 0; i < 17; i++) {
            b.append(BASE62.charAt(r.nextInt(62)));
        }
        return b.toString();
    }

    public static void main(String[] args) throws Exception {
        SplittableRandom r = new SplittableRandom(42);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            users.add(id(r, "00u"));
        }
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            groups.add(id(r, "00g"));
        }
        Set<String> edges = new HashSet<>();
        while (edges.size() < 1_000_000) {
            edges.add(groups.get(r.nextInt(groups.size())) + "/" + users.get(r.nextInt(users.size())));
        }
        Path dir = Files.createTempDirectory("state-size");
        FileIdSetStore store = new FileIdSetStore(dir);
        System.out.println("| set | ids | gzipped bytes | bytes per id | messages (512 KiB chunks) | topic bytes (values + keys) |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        report(store, "users", users);
        report(store, "group_members", edges);
    }

    private static void report(FileIdSetStore store, String set, java.util.Collection<String> ids) throws Exception {
        store.saveBase("https://acme.okta.com", set, 1, ids);
        long bytes = store.readRaw("https://acme.okta.com", set, 1, 0).length;
        long messages = Math.max(1, (bytes + CHUNK - 1) / CHUNK);
        System.out.printf("| %s | %,d | %,d | %.1f | %d | %,d |%n", set, ids.size(), bytes, (double) bytes / ids.size(), messages,
                bytes + messages * (HEADER + KEY));
    }
}
