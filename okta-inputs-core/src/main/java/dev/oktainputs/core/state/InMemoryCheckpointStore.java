package dev.oktainputs.core.state;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.CheckpointStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link CheckpointStore} in memory, for tests and one-shot jobs. */
public final class InMemoryCheckpointStore implements CheckpointStore {

    private final Map<String, Checkpoint> checkpoints = new ConcurrentHashMap<>();

    @Override
    public Optional<Checkpoint> load(String org, String stream) {
        return Optional.ofNullable(checkpoints.get(org + "\n" + stream));
    }

    @Override
    public void save(String org, String stream, Checkpoint checkpoint) {
        checkpoints.put(org + "\n" + stream, checkpoint);
    }
}
