package dev.oktainputs.policies;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.listing.ListingInput;
import dev.oktainputs.core.listing.ListingSpec;
import java.util.List;

/**
 * The {@code authenticators} input (family {@code policies}): the org's authenticators (Identity Engine; email,
 * password, phone, Okta Verify, security key or biometric, ...; {@code GET /api/v1/authenticators}) with their status
 * and settings. Key = authenticator id, JSON as Okta sent it. Okta's spec gives the endpoint no paging or filter
 * parameters: one response holds them all (a {@code next} link would still be followed), so every run lists all:
 * removed authenticators are DELETEs, between full syncs only new or changed ones are emitted.
 */
public final class AuthenticatorsInput extends ListingInput {

    /** The OAuth scope. */
    static final String SCOPE = "okta.authenticators.read";

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public AuthenticatorsInput() {
        super("policies", "authenticators", SCOPE, "/api/v1/authenticators", List.of());
    }

    @Override
    protected ListingSpec spec(InputContext context) {
        return ListingSpec.builder(name(), "/api/v1/authenticators", SCOPE).build();
    }
}
