package dev.oktainputs.core;

import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.IdSetStore;
import dev.oktainputs.core.state.InMemoryIdSetStore;
import java.time.Clock;
import java.util.Objects;

/**
 * What an input gets to do its work: the org's shared client, its own options, a clock, and the id-set store
 * used for deletion detection.
 *
 * @param client  the org's client, shared by every input of the org
 * @param options the input's parsed options
 * @param idSets  where id sets for deletion detection are kept (next to the checkpoints)
 */
public record InputContext(OktaClient client, InputOptions options, IdSetStore idSets) {

    /** Validates. */
    public InputContext {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(idSets, "idSets");
    }

    /**
     * A context with default options and an in-memory id-set store.
     *
     * @param client the client
     * @param input  the input whose defaults to use
     * @return the context
     */
    public static InputContext withDefaults(OktaClient client, OktaInput input) {
        return new InputContext(client, InputOptions.defaults(input.name(), input.options()), new InMemoryIdSetStore());
    }

    /** @return the org */
    public OrgUrl orgUrl() {
        return client.orgUrl();
    }

    /** @return the clock, the client's */
    public Clock clock() {
        return client.clock();
    }
}
