package dev.oktainputs.core.state;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps the ids an input has emitted, for deletion detection by set difference between full passes.
 *
 * <p>A set is a base (written whole under a generation number) plus numbered segments (the ids that first
 * appeared on one page, written with that page). The input's checkpoint names the generation and the number
 * of segments, so every change of the set is exactly as atomic as the checkpoint save: files not yet named by
 * a checkpoint are simply overwritten or deleted later.
 */
public interface IdSetStore {

    /**
     * Loads base {@code generation} and its segments 1..{@code segments}.
     *
     * @param org        the org
     * @param stream     the stream
     * @param generation the base generation named by the checkpoint (0 = no base)
     * @param segments   the number of segments named by the checkpoint
     * @return the ids (a new mutable set)
     * @throws IOException when a named file is missing or unreadable
     */
    Set<String> load(String org, String stream, long generation, int segments) throws IOException;

    /**
     * Hands every id of base {@code generation} and its segments 1..{@code segments} to {@code action}, file by file,
     * without collecting them into a set: for sets too large to hold as strings ({@code RecentIdWindow}). An id held
     * by several files comes once per file. The default implementation goes through {@link #load}.
     *
     * @param org        the org
     * @param stream     the stream
     * @param generation the base generation named by the checkpoint (0 = no base)
     * @param segments   the number of segments named by the checkpoint
     * @param action     called with each id
     * @throws IOException when a named file is missing or unreadable
     */
    default void forEach(String org, String stream, long generation, int segments, Consumer<String> action) throws IOException {
        load(org, stream, generation, segments).forEach(action);
    }

    /**
     * Saves a base generation durably from ids produced while it is written, in the order given (a caller that wants
     * the file sorted sorts them), so that a store can write them without holding them all as strings. The default
     * implementation collects them for {@link #saveBase(String, String, long, Collection)}.
     *
     * @param org        the org
     * @param stream     the stream
     * @param generation the generation (&gt; 0)
     * @param ids        the ids, each without {@code '\n'}
     * @throws IOException when the set cannot be saved
     */
    default void saveBaseInOrder(String org, String stream, long generation, Iterator<String> ids) throws IOException {
        List<String> all = new ArrayList<>();
        ids.forEachRemaining(all::add);
        saveBase(org, stream, generation, all);
    }

    /**
     * Saves a base generation durably.
     *
     * @param org        the org
     * @param stream     the stream
     * @param generation the generation (&gt; 0)
     * @param ids        the ids
     * @throws IOException when the set cannot be saved
     */
    void saveBase(String org, String stream, long generation, Collection<String> ids) throws IOException;

    /**
     * Saves one segment of a generation durably, replacing any earlier file of that number.
     *
     * @param org        the org
     * @param stream     the stream
     * @param generation the generation the segment belongs to (0 when there is no base yet)
     * @param segment    the segment number (&ge; 1)
     * @param ids        the ids first seen on one page
     * @throws IOException when the segment cannot be saved
     */
    void saveSegment(String org, String stream, long generation, int segment, Collection<String> ids) throws IOException;

    /**
     * Like {@link #saveSegment}, for ids whose order in the file does not matter to anyone (random ids such as
     * uuids, which sorting would not help compress): a store may write them as given instead of sorting them. The
     * default implementation is {@link #saveSegment}.
     *
     * @param org        the org
     * @param stream     the stream
     * @param generation the generation the segment belongs to (0 when there is no base yet)
     * @param segment    the segment number (&ge; 1)
     * @param ids        the ids first seen on one page, each without {@code '\n'}
     * @throws IOException when the segment cannot be saved
     */
    default void saveSegmentUnordered(String org, String stream, long generation, int segment, Collection<String> ids)
            throws IOException {
        saveSegment(org, stream, generation, segment, ids);
    }

    /**
     * Deletes every file of the stream that the named set does not use.
     *
     * @param org        the org
     * @param stream     the stream
     * @param generation the generation to keep
     * @param segments   its segments to keep
     * @throws IOException when deleting fails
     */
    void retainOnly(String org, String stream, long generation, int segments) throws IOException;
}
