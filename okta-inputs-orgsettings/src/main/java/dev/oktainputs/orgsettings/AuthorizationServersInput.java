package dev.oktainputs.orgsettings;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.listing.ListingInput;
import dev.oktainputs.core.listing.ListingSpec;
import java.util.List;

/**
 * The {@code authorization_servers} input (family {@code org_settings}): the org's custom authorization servers
 * (API Access Management; {@code GET /api/v1/authorizationServers}) with their audiences, issuer and signing-key
 * rotation. Key = server id, JSON as Okta sent it. Okta searches them only by name and audience ({@code q}), so every
 * run lists all: removed servers are DELETEs, between full syncs only new or changed ones are emitted. An org without
 * API Access Management ({@code E0000015} or 404) gets one warning and an empty run.
 */
public final class AuthorizationServersInput extends ListingInput {

    /** Servers per page: Okta's maximum and default are 200. */
    public static final InputOption<Integer> PAGE_SIZE = InputOption.integer("page_size", 200, 1, 200,
            "Authorization servers per request to /api/v1/authorizationServers (Okta's maximum is 200).");

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public AuthorizationServersInput() {
        super("org_settings", "authorization_servers", "okta.authorizationServers.read",
                "/api/v1/authorizationServers?limit=1", List.of(PAGE_SIZE));
    }

    /** @return true: custom authorization servers need API Access Management, which not every org has */
    @Override
    public boolean optionalFeature() {
        return true;
    }

    @Override
    protected ListingSpec spec(InputContext context) {
        return ListingSpec.builder(name(), "/api/v1/authorizationServers", "okta.authorizationServers.read")
                .pageSize(context.options().get(PAGE_SIZE)).build();
    }
}
