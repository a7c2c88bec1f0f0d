package dev.oktainputs.core.store;

import java.io.IOException;
import java.util.Collection;
import java.util.Set;

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
