package dev.oktainputs.roles;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.listing.ListingInput;
import dev.oktainputs.core.listing.ListingSpec;
import java.util.List;

/**
 * The {@code resource_sets} input (family {@code resource_sets}): the org's resource sets, the collections of
 * resources a custom admin role is granted over ({@code GET /api/v1/iam/resource-sets}, items wrapped in
 * {@code resource-sets}, next link in the body). Every run lists them all; deleted sets are emitted as DELETE, and
 * between full syncs only new sets and those whose {@code lastUpdated} moved. Key = resource set id, JSON = the set as
 * Okta sent it. Its own family, so that enabling {@code roles} does not start this stream.
 */
public final class ResourceSetsInput extends ListingInput {

    /** The input's and stream's name. */
    public static final String NAME = "resource_sets";
    /** The family of the resource set inputs. */
    public static final String FAMILY = "resource_sets";
    /** The path of the list. */
    static final String PATH = "/api/v1/iam/resource-sets";

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public ResourceSetsInput() {
        super(FAMILY, NAME, CustomRolesInput.SCOPE, PATH, List.of());
    }

    @Override
    protected ListingSpec spec(InputContext context) {
        // Okta's list takes only the after cursor, no limit: pages are the server's size.
        return ListingSpec.builder(NAME, PATH, CustomRolesInput.SCOPE).wrappedIn("resource-sets").build();
    }
}
