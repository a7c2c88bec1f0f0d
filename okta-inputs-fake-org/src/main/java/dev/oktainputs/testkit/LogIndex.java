package dev.oktainputs.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * The System Log's index in persistence order, as parallel primitive arrays: per event a key ({@code persistedAt << 22 |
 * sequence}, unique and sorted), {@code published} and the event's ordinal (its identity: uuid and content derive from
 * it). 20 bytes per event. Not thread-safe: {@link FakeSystemLog} locks.
 */
final class LogIndex {

    /** One row: its key (persistence time and sequence), {@code published} and the event's ordinal. */
    record Row(long key, long published, int ordinal) {
    }

    /** A polling slice: the rows, and the key to continue after. */
    record Slice(List<Row> rows, long cursor) {
    }

    static final int SEQ_BITS = 22;
    private static final int MAX_ROWS = 1 << SEQ_BITS;

    private long[] keys = new long[1024];
    private long[] published = new long[1024];
    private int[] ordinals = new int[1024];
    private int size;
    private int nextSeq;
    private final Map<Integer, Long> hiddenUntil = new HashMap<>();

    /** @return a fresh key for an event persisted at {@code persistedAt} */
    long keyFor(long persistedAt) {
        if (nextSeq >= MAX_ROWS) {
            throw new IllegalStateException("the fake System Log holds at most " + MAX_ROWS + " events");
        }
        return (persistedAt << SEQ_BITS) | nextSeq++;
    }

    /** @return the sequence number the next {@link #keyFor} hands out */
    int nextSeq() {
        return nextSeq;
    }

    void hide(int seq, long untilMillis) {
        hiddenUntil.put(seq, untilMillis);
    }

    int size() {
        return size;
    }

    long publishedAt(int i) {
        return published[i];
    }

    int ordinalAt(int i) {
        return ordinals[i];
    }

    /** @return the first index whose ordinal passes {@code match}, or -1 */
    int find(IntPredicate match) {
        for (int i = 0; i < size; i++) {
            if (match.test(ordinals[i])) {
                return i;
            }
        }
        return -1;
    }

    /** @return the ordinals of the rows visible at {@code now}, in persistence order */
    List<Integer> visibleOrdinals(long now) {
        List<Integer> out = new ArrayList<>(size);
        for (int i = 0; i < size && (keys[i] >>> SEQ_BITS) <= now; i++) {
            if (visible(i, now)) {
                out.add(ordinals[i]);
            }
        }
        return out;
    }

    /** Rows after {@code afterKey}, visible at {@code now}, published at or after {@code oldestPublished}, accepted. */
    Slice poll(long afterKey, int limit, long now, long oldestPublished, Predicate<Row> accept) {
        int i = Arrays.binarySearch(keys, 0, size, afterKey);
        i = i >= 0 ? i + 1 : -i - 1;
        List<Row> rows = new ArrayList<>(Math.min(limit, 1024));
        long cursor = afterKey;
        for (; i < size && rows.size() < limit && (keys[i] >>> SEQ_BITS) <= now; i++) {
            if (!visible(i, now)) {
                continue; // passed over: a cursor never comes back for it
            }
            cursor = keys[i];
            Row row = rowAt(i);
            if (published[i] >= oldestPublished && accept.test(row)) {
                rows.add(row);
            }
        }
        return new Slice(rows, cursor);
    }

    /** The rows visible at {@code now} with {@code published} in [{@code from}, {@code until}), in persistence order. */
    List<Row> window(long from, long until, long now, Predicate<Row> accept) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < size && (keys[i] >>> SEQ_BITS) <= now; i++) {
            if (published[i] >= from && published[i] < until && visible(i, now) && accept.test(rowAt(i))) {
                rows.add(rowAt(i));
            }
        }
        return rows;
    }

    Row rowAt(int i) {
        return new Row(keys[i], published[i], ordinals[i]);
    }

    private boolean visible(int i, long now) {
        if (hiddenUntil.isEmpty()) {
            return true;
        }
        Long until = hiddenUntil.get((int) (keys[i] & (MAX_ROWS - 1)));
        return until == null || until <= now;
    }

    /**
     * Merges a batch: {@code newKeys} sorted, where the row of sequence {@code firstSeq + j} has {@code pub[j]} and
     * ordinal {@code firstOrdinal + j}. Appending after the last key is the cheap common case.
     */
    void merge(long[] newKeys, int firstSeq, long[] pub, int firstOrdinal) {
        int n = newKeys.length;
        ensureCapacity(size + n);
        if (size == 0 || n == 0 || newKeys[0] > keys[size - 1]) {
            for (long k : newKeys) {
                int b = (int) (k & (MAX_ROWS - 1)) - firstSeq;
                keys[size] = k;
                published[size] = pub[b];
                ordinals[size] = firstOrdinal + b;
                size++;
            }
            return;
        }
        long[] k2 = new long[keys.length];
        long[] p2 = new long[keys.length];
        int[] o2 = new int[keys.length];
        int a = 0;
        int b = 0;
        int out = 0;
        while (a < size || b < n) {
            if (b >= n || a < size && keys[a] < newKeys[b]) {
                k2[out] = keys[a];
                p2[out] = published[a];
                o2[out++] = ordinals[a++];
            } else {
                int j = (int) (newKeys[b] & (MAX_ROWS - 1)) - firstSeq;
                k2[out] = newKeys[b++];
                p2[out] = pub[j];
                o2[out++] = firstOrdinal + j;
            }
        }
        keys = k2;
        published = p2;
        ordinals = o2;
        size = out;
    }

    /** Inserts one row in key order. */
    void add(long key, long pub, int ordinal) {
        ensureCapacity(size + 1);
        int at = -Arrays.binarySearch(keys, 0, size, key) - 1;
        System.arraycopy(keys, at, keys, at + 1, size - at);
        System.arraycopy(published, at, published, at + 1, size - at);
        System.arraycopy(ordinals, at, ordinals, at + 1, size - at);
        keys[at] = key;
        published[at] = pub;
        ordinals[at] = ordinal;
        size++;
    }

    private void ensureCapacity(int needed) {
        if (needed > keys.length) {
            int cap = Math.max(needed, keys.length * 2);
            keys = Arrays.copyOf(keys, cap);
            published = Arrays.copyOf(published, cap);
            ordinals = Arrays.copyOf(ordinals, cap);
        }
    }
}
