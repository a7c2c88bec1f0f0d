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
 * per character) in one growing array, found through an open-addressing table of offsets (linear probing, removal by
 * backward shift). An Okta id (20 characters) costs about 30 bytes instead of the ~106 of a {@code String} in a
 * {@code HashSet}. Any other string (longer, or not ASCII) goes to an ordinary {@code HashSet}, so every string can be
 * held. Not thread-safe; iteration order is unspecified and iterators do not support removal.
 *
 * <p>Removal leaves the id's bytes in the array (a set from which many ids are removed should be copied).
 */
final class CompactIdSet extends AbstractSet<String> {

    private static final int MAX_LENGTH = 255;

    private byte[] bytes = new byte[1024];
    private int used;
    /** Offset + 1 of each entry's length byte in {@link #bytes}; 0 = empty. */
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
        if (used + n + 1 > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + n + 1));
        }
        bytes[used] = (byte) n;
        for (int k = 0; k < n; k++) {
            bytes[used + 1 + k] = (byte) s.charAt(k);
        }
        slots[i] = used + 1;
        used += n + 1;
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
                    return new String(bytes, at + 1, bytes[at] & 0xFF, StandardCharsets.ISO_8859_1);
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

    private boolean equalsAt(int at, String s, int n) {
        if ((bytes[at] & 0xFF) != n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (bytes[at + 1 + k] != (byte) s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The {@code String.hashCode()} of the entry at {@code at}. */
    private int hashAt(int at) {
        int n = bytes[at] & 0xFF;
        int h = 0;
        for (int k = 0; k < n; k++) {
            h = 31 * h + bytes[at + 1 + k];
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
