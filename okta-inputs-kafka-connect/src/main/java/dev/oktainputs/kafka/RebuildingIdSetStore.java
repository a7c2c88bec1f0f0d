package dev.oktainputs.kafka;

import dev.oktainputs.core.state.IdSetStore;
import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The id sets of a Connect task ({@link KafkaIdSetStore}), but a set that the offset names and the state topic does not
 * hold (the topic was deleted or is not the one the offsets were written with, or the offsets come from a connector
 * version that kept the sets on the worker's disk) loads as empty instead of failing the task. The input then knows no
 * ids: the next full pass rebuilds the set and reports no deletes (it has nothing to compare with), and the System
 * Log's de-duplication window starts empty. Deletes that happened while the set was missing are never reported.
 */
final class RebuildingIdSetStore implements IdSetStore {

    private static final Logger LOG = LoggerFactory.getLogger(RebuildingIdSetStore.class);

    private final IdSetStore files;

    RebuildingIdSetStore(IdSetStore files) {
        this.files = files;
    }

    @Override
    public Set<String> load(String org, String stream, long generation, int segments) throws IOException {
        try {
            return files.load(org, stream, generation, segments);
        } catch (IOException | IllegalStateException e) {
            LOG.warn("{} {}: the id set named by the offset (generation {}, {} segments) is not in the state topic ({});"
                            + " starting with an empty set: the next full pass rebuilds it, and deletes before then are not reported",
                    org, stream, generation, segments, e.getMessage());
            return new HashSet<>();
        }
    }

    @Override
    public void saveBase(String org, String stream, long generation, Collection<String> ids) throws IOException {
        files.saveBase(org, stream, generation, ids);
    }

    @Override
    public void saveBaseInOrder(String org, String stream, long generation, Iterator<String> ids) throws IOException {
        files.saveBaseInOrder(org, stream, generation, ids); // streamed to the file, not collected first
    }

    @Override
    public void saveSegment(String org, String stream, long generation, int segment, Collection<String> ids) throws IOException {
        files.saveSegment(org, stream, generation, segment, ids);
    }

    @Override
    public void retainOnly(String org, String stream, long generation, int segments) throws IOException {
        files.retainOnly(org, stream, generation, segments);
    }
}
