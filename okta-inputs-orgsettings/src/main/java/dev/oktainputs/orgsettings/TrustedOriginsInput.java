package dev.oktainputs.orgsettings;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.listing.ListingInput;
import dev.oktainputs.core.listing.ListingSpec;
import java.util.List;

/**
 * The {@code trusted_origins} input (family {@code org_settings}): the origins Okta trusts for CORS, redirects and
 * iframe embedding ({@code GET /api/v1/trustedOrigins}). Key = origin id, JSON as Okta sent it. Every run lists all
 * (Okta has no change filter); removed origins are DELETEs, between full syncs only new or changed ones are emitted.
 */
public final class TrustedOriginsInput extends ListingInput {

    /** Origins per page: Okta's maximum is 200, its default 20. */
    public static final InputOption<Integer> PAGE_SIZE = InputOption.integer("page_size", 200, 1, 200,
            "Trusted origins per request to /api/v1/trustedOrigins (Okta's maximum is 200).");

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public TrustedOriginsInput() {
        super("org_settings", "trusted_origins", "okta.trustedOrigins.read", "/api/v1/trustedOrigins?limit=1", List.of(PAGE_SIZE));
    }

    @Override
    protected ListingSpec spec(InputContext context) {
        return ListingSpec.builder(name(), "/api/v1/trustedOrigins", "okta.trustedOrigins.read")
                .pageSize(context.options().get(PAGE_SIZE)).build();
    }
}
