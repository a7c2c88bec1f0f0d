package dev.oktainputs.systemlog;

import java.util.Arrays;
import java.util.UUID;

/**
 * A map from canonical UUIDs to times in primitive arrays, for {@link RecentIdWindow}: each entry costs 24 bytes in
 * three parallel {@code long} arrays plus 2-4 {@code int} slots of an open-addressing index, where a {@code String}
 * key with a boxed time in a {@code HashMap} costs about 150. Only ids in the form {@link UUID#toString()} writes
 * (lowercase, 8-4-4-4-12) are held here, so that turning an entry back into a string gives exactly the id added.
 */
final class UuidTimeTable {

    /** What {@link #get} returns for an absent key (no real entry has this time). */
    static final long ABSENT = Long.MIN_VALUE;

    private long[] his = new long[16];
    private long[] los = new long[16];
    private long[] times = new long[16];
    private int size;
    /** The entries before this index are in id order ({@link #sortById}); those added since follow, unordered. */
    private int sorted;
    /** Entry index + 1 per slot, 0 = free; a power of two at least twice {@link #size}. */
    private int[] slots = new int[32];

    /**
     * @param id an id
     * @return the id as two longs ({@code [msb, lsb]}), or null when it is not a lowercase canonical UUID
     */
    static long[] parse(String id) {
        if (id.length() != 36 || id.charAt(8) != '-' || id.charAt(13) != '-' || id.charAt(18) != '-' || id.charAt(23) != '-') {
            return null;
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 36; i++) {
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                continue;
            }
            char c = id.charAt(i);
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else {
                return null;
            }
            if (i < 18) {
                hi = hi << 4 | d;
            } else {
                lo = lo << 4 | d;
            }
        }
        return new long[] {hi, lo};
    }

    /** @return the id of an entry, as it was added */
    static String format(long hi, long lo) {
        return new UUID(hi, lo).toString();
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * @return {@code format(hi, lo) + "@" + time}, a compacted base's line, made in one array (no UUID, no
     *         intermediate strings: a compaction writes up to twice {@code dedup_max_ids} of them)
     */
    static String line(long hi, long lo, long time) {
        byte[] b = new byte[36 + 1 + 20];
        int at = 0;
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20) {
                b[at++] = '-';
            }
            long half = i < 16 ? hi : lo;
            b[at++] = HEX[(int) (half >>> (60 - 4 * (i & 15))) & 0xF];
        }
        b[at++] = '@';
        String millis = Long.toString(time);
        for (int i = 0; i < millis.length(); i++) {
            b[at++] = (byte) millis.charAt(i);
        }
        return new String(b, 0, at, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    int size() {
        return size;
    }

    long hi(int i) {
        return his[i];
    }

    long lo(int i) {
        return los[i];
    }

    long time(int i) {
        return times[i];
    }

    /** @return the entry's time, or {@link #ABSENT} */
    long get(long hi, long lo) {
        int slot = find(hi, lo);
        return slots[slot] == 0 ? ABSENT : times[slots[slot] - 1];
    }

    /** @return false (and nothing changes) when the key is present */
    boolean putIfAbsent(long hi, long lo, long time) {
        int slot = find(hi, lo);
        if (slots[slot] != 0) {
            return false;
        }
        append(slot, hi, lo, time);
        return true;
    }

    /** Adds the entry, or raises a present entry's time to {@code time} when it is later. */
    void putMax(long hi, long lo, long time) {
        int slot = find(hi, lo);
        if (slots[slot] != 0) {
            int i = slots[slot] - 1;
            times[i] = Math.max(times[i], time);
        } else {
            append(slot, hi, lo, time);
        }
    }

    /** Keeps only the entries {@code keep} accepts, in their order, and shrinks the arrays to fit. */
    void retain(EntryFilter keep) {
        int n = 0;
        int keptSorted = 0;
        for (int i = 0; i < size; i++) {
            if (keep.test(his[i], los[i], times[i])) {
                his[n] = his[i];
                los[n] = los[i];
                times[n] = times[i];
                n++;
                keptSorted += i < sorted ? 1 : 0;
            }
        }
        sorted = keptSorted; // a subset of an ordered run, in order, is ordered
        int capacity = Math.max(16, n + (n >> 3));
        his = Arrays.copyOf(his, capacity);
        los = Arrays.copyOf(los, capacity);
        times = Arrays.copyOf(times, capacity);
        size = n;
        reindex(tableSize(n));
    }

    /**
     * Orders the entries by id, which for canonical lowercase UUIDs is their strings' order (unsigned longs). Only the
     * entries added since the last call are sorted (heapsort, in place), then merged with the ordered ones: a window
     * compacted every so many pages sorts what those pages added, not the whole window again.
     */
    void sortById() {
        if (sorted >= size) {
            return;
        }
        for (int i = (size - sorted) / 2 - 1; i >= 0; i--) {
            siftDown(sorted, i, size - sorted);
        }
        for (int end = size - sorted - 1; end > 0; end--) {
            swap(sorted, sorted + end);
            siftDown(sorted, 0, end);
        }
        if (sorted > 0) {
            mergeRuns();
        }
        sorted = size;
        reindex(slots.length);
    }

    /** Merges the ordered runs {@code [0, sorted)} and {@code [sorted, size)} into new arrays. */
    private void mergeRuns() {
        long[] h = new long[his.length];
        long[] l = new long[los.length];
        long[] t = new long[times.length];
        int a = 0;
        int b = sorted;
        for (int out = 0; out < size; out++) {
            int from = b >= size || a < sorted && compare(a, b) <= 0 ? a++ : b++;
            h[out] = his[from];
            l[out] = los[from];
            t[out] = times[from];
        }
        his = h;
        los = l;
        times = t;
    }

    /** A test on one entry. */
    interface EntryFilter {
        boolean test(long hi, long lo, long time);
    }

    /** Heap order of the entries {@code [base, base + end)}, with positions counted from {@code base}. */
    private void siftDown(int base, int root, int end) {
        while (true) {
            int child = 2 * root + 1;
            if (child >= end) {
                return;
            }
            if (child + 1 < end && compare(base + child + 1, base + child) > 0) {
                child++;
            }
            if (compare(base + root, base + child) >= 0) {
                return;
            }
            swap(base + root, base + child);
            root = child;
        }
    }

    private int compare(int a, int b) {
        return compareIds(his[a], los[a], his[b], los[b]);
    }

    /** @return the order of two ids as their canonical strings order (unsigned, most significant half first) */
    static int compareIds(long hiA, long loA, long hiB, long loB) {
        int c = Long.compareUnsigned(hiA, hiB);
        return c != 0 ? c : Long.compareUnsigned(loA, loB);
    }

    private void swap(int a, int b) {
        long h = his[a];
        his[a] = his[b];
        his[b] = h;
        long l = los[a];
        los[a] = los[b];
        los[b] = l;
        long t = times[a];
        times[a] = times[b];
        times[b] = t;
    }

    private void append(int slot, long hi, long lo, long time) {
        if (size == his.length) {
            int capacity = size + (size >> 1);
            his = Arrays.copyOf(his, capacity);
            los = Arrays.copyOf(los, capacity);
            times = Arrays.copyOf(times, capacity);
        }
        his[size] = hi;
        los[size] = lo;
        times[size] = time;
        size++;
        slots[slot] = size;
        if (size * 2 > slots.length) {
            reindex(slots.length * 2);
        }
    }

    private int find(long hi, long lo) {
        int mask = slots.length - 1;
        int slot = hash(hi, lo) & mask;
        while (true) {
            int e = slots[slot];
            if (e == 0 || his[e - 1] == hi && los[e - 1] == lo) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void reindex(int capacity) {
        slots = new int[capacity];
        int mask = capacity - 1;
        for (int i = 0; i < size; i++) {
            int slot = hash(his[i], los[i]) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i + 1;
        }
    }

    private static int tableSize(int n) {
        int capacity = 32;
        while (capacity < n * 2) {
            capacity <<= 1;
        }
        return capacity;
    }

    private static int hash(long hi, long lo) {
        long h = (hi ^ Long.rotateLeft(lo, 32)) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32);
    }
}
