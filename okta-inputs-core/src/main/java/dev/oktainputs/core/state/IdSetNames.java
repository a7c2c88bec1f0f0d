package dev.oktainputs.core.state;

import java.util.HashMap;
import java.util.Map;

/**
 * Which id sets a stream's checkpoint names, in one place: {@link DeletionTracker} keeps set
 * {@code <stream>} under {@code id_gen} / {@code id_segments}; a window of recent ids (the System Log's {@code RecentIdWindow}) named
 * {@code n} keeps set {@code <stream>.n} under {@code n_gen} / {@code n_segments}. For stores that must find the
 * sets a checkpoint names without running the input (a store restoring them from elsewhere).
 */
public final class IdSetNames {

    /** Suffix of a generation key. */
    public static final String GENERATION_SUFFIX = "_gen";
    /** Suffix of a segment-count key. */
    public static final String SEGMENTS_SUFFIX = "_segments";
    /** The name whose set is the stream's own (deletion tracking). */
    public static final String STREAM_SET = "id";

    private IdSetNames() {
    }

    /**
     * @param stream the stream
     * @param name   the name of the set's keys ({@value #STREAM_SET} for the stream's own set, else a window's name)
     * @return the set's name in an {@link IdSetStore}
     */
    public static String set(String stream, String name) {
        return STREAM_SET.equals(name) ? stream : stream + "." + name;
    }

    /**
     * @param set a set's name
     * @return the stream it belongs to
     */
    public static String streamOf(String set) {
        int dot = set.indexOf('.');
        return dot < 0 ? set : set.substring(0, dot);
    }

    /**
     * @param stream     the stream
     * @param checkpoint the stream's checkpoint values (or a source offset holding them); null for none
     * @return each set the checkpoint names, with its generation and segment count
     */
    public static Map<String, long[]> named(String stream, Map<String, ?> checkpoint) {
        Map<String, long[]> named = new HashMap<>();
        if (checkpoint == null) {
            return named;
        }
        checkpoint.forEach((k, v) -> {
            if (k.endsWith(GENERATION_SUFFIX) && v instanceof Number) {
                String name = k.substring(0, k.length() - GENERATION_SUFFIX.length());
                Object segments = checkpoint.get(name + SEGMENTS_SUFFIX);
                named.put(set(stream, name), new long[] {((Number) v).longValue(),
                        segments instanceof Number ? ((Number) segments).longValue() : 0});
            }
        });
        return named;
    }
}
