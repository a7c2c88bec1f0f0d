package dev.oktainputs.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompactIdSetTest {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @Test
    void behavesLikeAHashSetUnderRandomAddsRemovesAndLookups() {
        Random random = new Random(42);
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            pool.add(oktaId(random));
        }
        pool.addAll(List.of("", "00g1/00u2", "é-not-ascii", "x".repeat(255), "y".repeat(256), "\u0000", "Aa", "BB")); // "Aa" and "BB" share a hash
        CompactIdSet compact = new CompactIdSet();
        Set<String> expected = new HashSet<>();
        for (int step = 0; step < 60_000; step++) {
            String id = pool.get(random.nextInt(pool.size()));
            switch (random.nextInt(4)) {
                case 0, 1 -> assertThat(compact.add(id)).as("add " + id).isEqualTo(expected.add(id));
                case 2 -> assertThat(compact.remove(id)).as("remove " + id).isEqualTo(expected.remove(id));
                default -> assertThat(compact.contains(id)).as("contains " + id).isEqualTo(expected.contains(id));
            }
            assertThat(compact.size()).isEqualTo(expected.size());
        }
        assertThat(new HashSet<>(compact)).isEqualTo(expected);
        assertThat(compact).hasSameSizeAs(expected).containsExactlyInAnyOrderElementsOf(expected);
        for (String id : pool) {
            assertThat(compact.contains(id)).isEqualTo(expected.contains(id));
        }
        assertThat(compact.contains(null)).isFalse();
        assertThat(compact.contains(42)).isFalse();
        compact.clear();
        assertThat(compact).isEmpty();
        assertThat(compact.add(pool.get(0))).isTrue();
        assertThat(compact).containsExactly(pool.get(0));
    }

    @Test
    void idsThatFillChunksExactlyOrNotAtAllAreAllKept() {
        // 256 bytes per 255-character id: 256 of them end a 64 KiB chunk exactly; 200-character ids leave a gap at its end.
        for (int length : new int[] {255, 200, 1}) {
            Random random = new Random(length);
            CompactIdSet compact = new CompactIdSet();
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < 2_000; i++) {
                StringBuilder id = new StringBuilder();
                for (int k = 0; k < length; k++) {
                    id.append(BASE62.charAt(random.nextInt(BASE62.length())));
                }
                assertThat(compact.add(id.toString())).isEqualTo(expected.add(id.toString()));
            }
            assertThat(compact).hasSameSizeAs(expected).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(expected).allMatch(compact::contains);
            compact.clear();
            assertThat(compact.add(expected.iterator().next())).isTrue();
            assertThat(compact).containsExactly(expected.iterator().next());
        }
    }

    @Test
    void holdsManyIdsAcrossGrowth() {
        Random random = new Random(7);
        CompactIdSet compact = new CompactIdSet();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            String id = oktaId(random);
            compact.add(id);
            expected.add(id);
        }
        assertThat(compact).hasSize(expected.size());
        assertThat(expected).allMatch(compact::contains);
        assertThat(compact.contains(oktaId(new Random(8)))).isFalse();
    }

    private static String oktaId(Random random) {
        StringBuilder sb = new StringBuilder("00u");
        for (int i = 0; i < 17; i++) {
            sb.append(BASE62.charAt(random.nextInt(BASE62.length())));
        }
        return sb.toString();
    }
}
