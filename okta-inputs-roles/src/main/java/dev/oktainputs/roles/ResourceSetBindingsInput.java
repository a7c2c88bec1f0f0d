package dev.oktainputs.roles;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.fanout.EdgeSource;
import dev.oktainputs.core.fanout.FanOutInput;
import java.util.List;

/**
 * The {@code resource_set_bindings} input (family {@code resource_sets}): one edge per (resource set, bound role),
 * key {@code resourceSetId/roleId}, JSON {@code {"resourceSetId","role":{…as Okta sent it…}}}. Lists every set, then
 * each set's bindings ({@code GET /api/v1/iam/resource-sets/{id}/bindings}, items in {@code roles}, no
 * {@code limit}); removed bindings and the bindings of deleted sets are DELETEs.
 */
public final class ResourceSetBindingsInput extends FanOutInput {

    /** The input's and stream's name. */
    public static final String NAME = "resource_set_bindings";

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public ResourceSetBindingsInput() {
        super(ResourceSetsInput.FAMILY, NAME, List.of(CustomRolesInput.SCOPE), ResourceSetsInput.PATH, List.of());
    }

    @Override
    public List<String> keyIds() {
        return List.of("resource_set_id", "role_id");
    }

    @Override
    protected List<EdgeSource<?>> sources(InputContext context) {
        return List.of(ResourceSetEdges.bindings());
    }
}
