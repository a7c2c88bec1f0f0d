package dev.oktainputs.orgsettings;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.listing.ListingInput;
import dev.oktainputs.core.listing.ListingSpec;
import java.util.List;

/**
 * The {@code identity_providers} input (family {@code org_settings}): the org's IdP integrations, social, OIDC,
 * SAML 2.0, smart card and the rest ({@code GET /api/v1/idps}). Key = IdP id, JSON as Okta sent it, except the OAuth
 * client secret Okta lists in {@code protocol.credentials.client.client_secret}: redacted. Okta filters IdPs only by name ({@code q}) and type, so
 * every run lists all: removed IdPs are DELETEs, between full syncs only new or changed ones are emitted.
 */
public final class IdentityProvidersInput extends ListingInput {

    /** IdPs per page: Okta's maximum is 200, its default 20. */
    public static final InputOption<Integer> PAGE_SIZE = InputOption.integer("page_size", 200, 1, 200,
            "Identity providers per request to /api/v1/idps (Okta's maximum is 200).");

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public IdentityProvidersInput() {
        super("org_settings", "identity_providers", "okta.idps.read", "/api/v1/idps?limit=1", List.of(PAGE_SIZE));
    }

    @Override
    protected ListingSpec spec(InputContext context) {
        return ListingSpec.builder(name(), "/api/v1/idps", "okta.idps.read")
                .pageSize(context.options().get(PAGE_SIZE)).redact("protocol.credentials.client.client_secret").build();
    }
}
