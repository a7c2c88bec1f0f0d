package dev.oktainputs.roles;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.listing.ListingInput;
import dev.oktainputs.core.listing.ListingSpec;
import java.util.List;

/**
 * The {@code custom_roles} input: the org's custom admin roles ({@code GET /api/v1/iam/roles}, items wrapped in
 * {@code roles}, next link in the body). Every run lists them all; deleted roles are emitted as DELETE, and between
 * full syncs only new roles and those whose {@code lastUpdated} moved. Key = role id, JSON = the role as Okta sent it.
 */
public final class CustomRolesInput extends ListingInput {

    /** The input's and stream's name. */
    public static final String NAME = "custom_roles";
    /** The family of the admin-role inputs ({@code custom_roles}, {@code role_assignments}). */
    public static final String FAMILY = "roles";
    /** The OAuth scope of every admin role endpoint. */
    public static final String SCOPE = "okta.roles.read";

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public CustomRolesInput() {
        super(FAMILY, NAME, SCOPE, "/api/v1/iam/roles", List.of());
    }

    @Override
    protected ListingSpec spec(InputContext context) {
        // Okta's list takes no limit: pages are the server's size.
        return ListingSpec.builder(NAME, "/api/v1/iam/roles", SCOPE).wrappedIn("roles").build();
    }
}
