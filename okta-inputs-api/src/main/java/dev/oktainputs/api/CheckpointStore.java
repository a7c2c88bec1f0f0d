package dev.oktainputs.api;

import java.io.IOException;
import java.util.Optional;

/**
 * Loads and saves the checkpoint of each (org, stream). Implementations make {@link #save} atomic: after a
 * crash at any point, {@link #load} returns either the previous or the new checkpoint, never a torn one.
 */
public interface CheckpointStore {

    /**
     * @param org    the org's normalised URL, e.g. {@code https://acme.okta.com}
     * @param stream the stream name
     * @return the last saved checkpoint, or empty when the stream never saved one
     * @throws IOException when the store cannot be read
     */
    Optional<Checkpoint> load(String org, String stream) throws IOException;

    /**
     * Saves atomically and durably.
     *
     * @param org        the org's normalised URL
     * @param stream     the stream name
     * @param checkpoint the checkpoint, valid because every record before it was written
     * @throws IOException when the checkpoint could not be saved durably
     */
    void save(String org, String stream, Checkpoint checkpoint) throws IOException;
}
