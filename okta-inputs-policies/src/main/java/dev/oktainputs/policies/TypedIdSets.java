package dev.oktainputs.policies;

import dev.oktainputs.core.state.IdSetNames;
import dev.oktainputs.core.state.IdSetStore;
import java.io.IOException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The id sets of one policy type: a stream's set named {@code <stream>.<TYPE>.id} (e.g. {@code policies.PASSWORD.id}),
 * so each type keeps its own set and a type that was not listed keeps its set as it was. The name is the one
 * {@link IdSetNames#named} reads off the type's {@code <TYPE>.id_gen} / {@code <TYPE>.id_segments} checkpoint keys
 * ({@link PolicyTypeRun} prefixes the sub-run's keys with {@code <TYPE>.}), so stores that restore the sets a
 * checkpoint names without running the input (Kafka Connect's state topic) find them.
 */
final class TypedIdSets implements IdSetStore {

    private final IdSetStore store;
    private final String type;

    TypedIdSets(IdSetStore store, String type) {
        this.store = store;
        this.type = type;
    }

    private String set(String stream) {
        return IdSetNames.set(stream, type + "." + IdSetNames.STREAM_SET);
    }

    @Override
    public Set<String> load(String org, String stream, long generation, int segments) throws IOException {
        return store.load(org, set(stream), generation, segments);
    }

    @Override
    public void forEach(String org, String stream, long generation, int segments, Consumer<String> action) throws IOException {
        store.forEach(org, set(stream), generation, segments, action);
    }

    @Override
    public void saveBaseInOrder(String org, String stream, long generation, Iterator<String> ids) throws IOException {
        store.saveBaseInOrder(org, set(stream), generation, ids);
    }

    @Override
    public void saveBase(String org, String stream, long generation, Collection<String> ids) throws IOException {
        store.saveBase(org, set(stream), generation, ids);
    }

    @Override
    public void saveSegment(String org, String stream, long generation, int segment, Collection<String> ids) throws IOException {
        store.saveSegment(org, set(stream), generation, segment, ids);
    }

    @Override
    public void retainOnly(String org, String stream, long generation, int segments) throws IOException {
        store.retainOnly(org, set(stream), generation, segments);
    }
}
