package dev.oktainputs.orgsettings;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.listing.ListingInput;
import dev.oktainputs.core.listing.ListingSpec;
import java.util.List;

/**
 * The {@code network_zones} input (family {@code org_settings}): the org's IP and dynamic network zones, policy and
 * blocklist ({@code GET /api/v1/zones}). Key = zone id, JSON as Okta sent it. Okta returns every zone in one response
 * unless asked for fewer (its {@code limit} defaults to -1, and an org holds at most 100 zones), so no page size is
 * sent; a {@code next} link would still be followed. Okta filters zones only by id, usage and system, so every run
 * lists all: removed zones are DELETEs, between full syncs only new or changed ones are emitted.
 */
public final class NetworkZonesInput extends ListingInput {

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public NetworkZonesInput() {
        super("org_settings", "network_zones", "okta.networkZones.read", "/api/v1/zones?limit=1", List.of());
    }

    @Override
    protected ListingSpec spec(InputContext context) {
        return ListingSpec.builder(name(), "/api/v1/zones", "okta.networkZones.read").build();
    }
}
