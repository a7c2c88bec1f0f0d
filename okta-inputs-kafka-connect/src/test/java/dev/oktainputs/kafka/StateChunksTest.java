package dev.oktainputs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A file goes to the state log in chunks and comes back only when every chunk is of one write. */
class StateChunksTest {

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Map<Integer, byte[]> byNumber(List<byte[]> chunks) {
        Map<Integer, byte[]> m = new HashMap<>();
        for (int i = 0; i < chunks.size(); i++) {
            m.put(i, chunks.get(i));
        }
        return m;
    }

    @Test
    void aFileComesBackWholeWhateverItsSize() {
        for (int size : new int[] {0, 1, StateChunks.CHUNK_BYTES, StateChunks.CHUNK_BYTES + 1, 2 * StateChunks.CHUNK_BYTES + 7}) {
            byte[] file = bytes(size, size);
            List<byte[]> chunks = StateChunks.split(file, 42);
            assertThat(chunks).hasSize(Math.max(1, (size + StateChunks.CHUNK_BYTES - 1) / StateChunks.CHUNK_BYTES))
                    .allSatisfy(c -> assertThat(c.length).isLessThanOrEqualTo(StateChunks.CHUNK_BYTES + 20));
            assertThat(StateChunks.assemble(byNumber(chunks))).isEqualTo(file);
        }
    }

    @Test
    void theLeftoversOfAnEarlierLongerWriteAreNotMixedIn() {
        Map<Integer, byte[]> log = byNumber(StateChunks.split(bytes(3 * StateChunks.CHUNK_BYTES, 1), 1)); // 3 chunks
        byte[] shorter = bytes(StateChunks.CHUNK_BYTES + 5, 2);
        log.putAll(byNumber(StateChunks.split(shorter, 2))); // chunks 0 and 1 overwritten, chunk 2 left over
        assertThat(StateChunks.assemble(log)).isEqualTo(shorter);
    }

    @Test
    void aFileWithAChunkMissingOrOfAnotherWriteIsNotReadBack() {
        List<byte[]> first = StateChunks.split(bytes(2 * StateChunks.CHUNK_BYTES, 3), 1);
        List<byte[]> second = StateChunks.split(bytes(2 * StateChunks.CHUNK_BYTES, 4), 2);
        assertThat(StateChunks.assemble(Map.of(0, first.get(0)))).isNull();
        assertThat(StateChunks.assemble(Map.of(1, first.get(1)))).isNull();
        assertThat(StateChunks.assemble(Map.of(0, first.get(0), 1, second.get(1)))).isNull();
        assertThat(StateChunks.assemble(Map.of(0, new byte[] {1, 2, 3}))).isNull();
    }
}
