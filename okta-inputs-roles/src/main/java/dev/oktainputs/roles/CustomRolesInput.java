package dev.oktainputs.roles;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.config.SyncOptions;
import dev.oktainputs.core.listing.ListingRun;
import dev.oktainputs.core.listing.ListingSpec;
import java.util.List;
import java.util.Set;

/**
 * The {@code custom_roles} input: the org's custom admin roles ({@code GET /api/v1/iam/roles}, items wrapped in
 * {@code roles}, next link in the body). Every run lists them all; deleted roles are emitted as DELETE, and between
 * full syncs only new roles and those whose {@code lastUpdated} moved. Key = role id, JSON = the role as Okta sent it.
 */
public final class CustomRolesInput implements OktaInput {

    /** The input's and stream's name. */
    public static final String NAME = "custom_roles";
    /** The OAuth scope of every admin role endpoint. */
    public static final String SCOPE = "okta.roles.read";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String probePath() {
        return "/api/v1/iam/roles";
    }

    @Override
    public Set<String> requiredScopes() {
        return Set.of(SCOPE);
    }

    @Override
    public List<InputOption<?>> options() {
        return List.of(SyncOptions.FULL_SYNC_EVERY, SyncOptions.FULL_SYNC, SyncOptions.OVERLAP);
    }

    @Override
    public InputRun open(InputContext context, Checkpoint checkpoint) {
        // Okta's list takes no limit: pages are the server's size.
        return new ListingRun(context, checkpoint, ListingSpec.builder(NAME, "/api/v1/iam/roles", SCOPE).wrappedIn("roles").build());
    }
}
