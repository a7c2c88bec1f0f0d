package dev.oktainputs.kafka;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How one id-set file travels through the state log: its raw bytes cut into chunks of at most {@value #CHUNK_BYTES}
 * bytes (under the broker's default 1 MB message limit; a set of 1,000,000 edges is a few dozen chunks), each value a
 * header (magic, a write id, the chunk's number and the chunk count) and the bytes. Every chunk of one write carries the
 * same random write id: a file is read back only when chunk 0 and all the chunks it counts carry the same id, so the
 * leftovers of an earlier, longer write of the same file (a run that crashed before its offset was committed and was
 * redone) are never mixed in.
 */
final class StateChunks {

    /** Bytes of one chunk: well under the broker's and producer's default 1 MB message limit. */
    static final int CHUNK_BYTES = 512 * 1024;
    private static final int MAGIC = 0x4f4b5331; // "OKS1"
    private static final int HEADER = 4 + 8 + 4 + 4;

    private StateChunks() {
    }

    /**
     * @param bytes   the file's bytes
     * @param writeId the id of this write, random
     * @return the values of the file's chunks, in order; at least one
     */
    static List<byte[]> split(byte[] bytes, long writeId) {
        int count = Math.max(1, (bytes.length + CHUNK_BYTES - 1) / CHUNK_BYTES);
        List<byte[]> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = i * CHUNK_BYTES;
            int len = Math.min(CHUNK_BYTES, bytes.length - from);
            ByteBuffer v = ByteBuffer.allocate(HEADER + len);
            v.putInt(MAGIC).putLong(writeId).putInt(i).putInt(count).put(bytes, from, len);
            chunks.add(v.array());
        }
        return chunks;
    }

    /**
     * @param chunks the values found in the log for one file, by chunk number
     * @return the file's bytes when chunk 0 and every chunk it counts are of one write, else null
     */
    static byte[] assemble(Map<Integer, byte[]> chunks) {
        byte[] first = chunks.get(0);
        if (first == null || first.length < HEADER) {
            return null;
        }
        ByteBuffer h = ByteBuffer.wrap(first);
        if (h.getInt() != MAGIC) {
            return null;
        }
        long writeId = h.getLong();
        h.getInt();
        int count = h.getInt();
        int size = 0;
        for (int i = 0; i < count; i++) {
            byte[] c = chunks.get(i);
            if (c == null || c.length < HEADER) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(c);
            if (b.getInt() != MAGIC || b.getLong() != writeId || b.getInt() != i || b.getInt() != count) {
                return null;
            }
            size += c.length - HEADER;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (int i = 0; i < count; i++) {
            byte[] c = chunks.get(i);
            System.arraycopy(c, HEADER, out, at, c.length - HEADER);
            at += c.length - HEADER;
        }
        return out;
    }
}
