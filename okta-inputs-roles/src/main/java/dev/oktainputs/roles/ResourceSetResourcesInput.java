package dev.oktainputs.roles;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.fanout.EdgeSource;
import dev.oktainputs.core.fanout.FanOutInput;
import java.util.List;

/**
 * The {@code resource_set_resources} input (family {@code resource_sets}): one edge per (resource set, resource),
 * key {@code resourceSetId/resourceId}, JSON {@code {"resourceSetId","resource":{…as Okta sent it…}}}. Lists every set,
 * then each set's resources ({@code GET /api/v1/iam/resource-sets/{id}/resources}); removed resources and the
 * resources of deleted sets are DELETEs.
 */
public final class ResourceSetResourcesInput extends FanOutInput {

    /** The input's and stream's name. */
    public static final String NAME = "resource_set_resources";

    /** Resources per page. */
    public static final InputOption<Integer> PAGE_SIZE = InputOption.integer("page_size", 100, 1, 100,
            "Resources per request to /api/v1/iam/resource-sets/{id}/resources (Okta's default is 100).");

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public ResourceSetResourcesInput() {
        super(ResourceSetsInput.FAMILY, NAME, List.of(CustomRolesInput.SCOPE), ResourceSetsInput.PATH, List.of(PAGE_SIZE));
    }

    @Override
    public List<String> keyIds() {
        return List.of("resource_set_id", "resource_id");
    }

    @Override
    protected List<EdgeSource<?>> sources(InputContext context) {
        return List.of(ResourceSetEdges.resources(context.options().get(PAGE_SIZE)));
    }
}
