package dev.oktainputs.core.state;

import java.nio.charset.StandardCharsets;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A set of ids held compactly: an id of up to 255 ASCII characters is kept as its bytes (a length byte and one byte
 * per character) in chunks of 64 KiB, found through an open-addressing table of offsets (linear probing, removal by
 * backward shift). An Okta id (20 characters) costs about 30 bytes instead of the ~106 of a {@code String} in a
 * {@code HashSet}. Any other string (longer, or not ASCII) goes to an ordinary {@code HashSet}, so every string can be
 * held. Not thread-safe; iteration order is unspecified and iterators do not support removal.
 *
 * <p>Chunks, not one array grown by doubling: a 100,000-id set's array went from 2 to 4 MiB in one copy, and an array
 * that large is a G1 humongous object, placed in heap regions never touched before; on a small VM their page faults
 * made that one {@code add} take ~12 ms per set (the end of a users pass stalled ~25 ms on its two sets). A chunk is
 * allocated like any small object.
 *
 * <p>Removal leaves the id's bytes in their chunk (a set from which many ids are removed should be copied).
 */
final class CompactIdSet extends AbstractSet<String> {

    private static final int MAX_LENGTH = 255;

    private static final int CHUNK_BITS = 16;
    /** Bytes per chunk: 64 KiB, well under half a G1 region (the smallest region is 1 MiB). */
    private static final int CHUNK = 1 << CHUNK_BITS;

    /** The chunks; the first starts at 1 KiB and grows to {@link #CHUNK}, the others are made full size. */
    private byte[][] chunks = {new byte[1024]};
    /** Where the next entry goes: chunk index {@code << CHUNK_BITS | } position. An entry never spans two chunks. */
    private int used;
    /** Offset + 1 of each entry's length byte (chunk index {@code << CHUNK_BITS | } position); 0 = empty. */
    private int[] slots = new int[64];
    private int compactSize;
    private final Set<String> others = new HashSet<>();

    CompactIdSet() {
    }

    @Override
    public int size() {
        return compactSize + others.size();
    }

    @Override
    public boolean contains(Object o) {
        if (!(o instanceof String s)) {
            return false;
        }
        if (!compactable(s)) {
            return others.contains(s);
        }
        return slots[find(s)] != 0;
    }

    @Override
    public boolean add(String s) {
        if (!compactable(s)) {
            return others.add(s);
        }
        int i = find(s);
        if (slots[i] != 0) {
            return false;
        }
        int n = s.length();
        int at = room(n + 1);
        byte[] c = chunks[at >>> CHUNK_BITS];
        int p = at & (CHUNK - 1);
        c[p] = (byte) n;
        for (int k = 0; k < n; k++) {
            c[p + 1 + k] = (byte) s.charAt(k);
        }
        slots[i] = at + 1;
        used = at + n + 1;
        if (++compactSize * 2 > slots.length) {
            grow();
        }
        return true;
    }

    @Override
    public boolean remove(Object o) {
        if (!(o instanceof String s)) {
            return false;
        }
        if (!compactable(s)) {
            return others.remove(s);
        }
        int i = find(s);
        if (slots[i] == 0) {
            return false;
        }
        // Backward-shift deletion: move later entries of the probe run into the hole where their probe allows.
        int mask = slots.length - 1;
        int hole = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (slots[j] == 0) {
                break;
            }
            int home = slot(hashAt(slots[j] - 1), mask);
            boolean between = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!between) {
                slots[hole] = slots[j];
                hole = j;
            }
        }
        slots[hole] = 0;
        compactSize--;
        return true;
    }

    @Override
    public void clear() {
        Arrays.fill(slots, 0);
        chunks = new byte[][] {new byte[1024]};
        used = 0;
        compactSize = 0;
        others.clear();
    }

    @Override
    public Iterator<String> iterator() {
        Iterator<String> rest = others.iterator();
        return new Iterator<>() {
            private int i = advance(0);

            private int advance(int from) {
                while (from < slots.length && slots[from] == 0) {
                    from++;
                }
                return from;
            }

            @Override
            public boolean hasNext() {
                return i < slots.length || rest.hasNext();
            }

            @Override
            public String next() {
                if (i < slots.length) {
                    int at = slots[i] - 1;
                    i = advance(i + 1);
                    byte[] c = chunks[at >>> CHUNK_BITS];
                    int p = at & (CHUNK - 1);
                    return new String(c, p + 1, c[p] & 0xFF, StandardCharsets.ISO_8859_1);
                }
                if (!rest.hasNext()) {
                    throw new NoSuchElementException();
                }
                return rest.next();
            }
        };
    }

    private static boolean compactable(String s) {
        int n = s.length();
        if (n > MAX_LENGTH) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (s.charAt(k) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** @return the slot holding {@code s}, or the empty slot where it would go */
    private int find(String s) {
        int mask = slots.length - 1;
        int i = slot(s.hashCode(), mask);
        int n = s.length();
        while (true) {
            int at = slots[i] - 1;
            if (at < 0 || equalsAt(at, s, n)) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /** @return where {@code size} bytes fit: at {@link #used}, or at the start of a new chunk */
    private int room(int size) {
        int chunk = used >>> CHUNK_BITS;
        byte[] c = chunk < chunks.length ? chunks[chunk] : null; // null: the last entry ended a chunk exactly
        if (c != null) {
            if ((used & (CHUNK - 1)) + size <= c.length) {
                return used;
            }
            if (c.length < CHUNK) { // only the first chunk starts small; an entry (<= 256 bytes) fits once it is full size
                chunks[chunk] = Arrays.copyOf(c, CHUNK);
                return used;
            }
            chunk++;
        }
        if (chunk >= chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(chunks.length * 2, chunk + 1));
        }
        chunks[chunk] = new byte[CHUNK];
        return chunk << CHUNK_BITS;
    }

    private boolean equalsAt(int at, String s, int n) {
        byte[] c = chunks[at >>> CHUNK_BITS];
        int p = at & (CHUNK - 1);
        if ((c[p] & 0xFF) != n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (c[p + 1 + k] != (byte) s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The {@code String.hashCode()} of the entry at {@code at}. */
    private int hashAt(int at) {
        byte[] c = chunks[at >>> CHUNK_BITS];
        int p = at & (CHUNK - 1);
        int n = c[p] & 0xFF;
        int h = 0;
        for (int k = 0; k < n; k++) {
            h = 31 * h + c[p + 1 + k];
        }
        return h;
    }

    private static int slot(int hash, int mask) {
        int h = (hash ^ hash >>> 16) * 0x9E3779B9;
        return (h ^ h >>> 15) & mask;
    }

    private void grow() {
        int[] old = slots;
        slots = new int[old.length * 2];
        int mask = slots.length - 1;
        for (int v : old) {
            if (v != 0) {
                int i = slot(hashAt(v - 1), mask);
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = v;
            }
        }
    }
}
