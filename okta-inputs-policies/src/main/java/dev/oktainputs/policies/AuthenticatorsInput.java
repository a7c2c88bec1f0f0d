package dev.oktainputs.policies;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.DeclaredInput;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.config.SyncOptions;
import dev.oktainputs.core.listing.FeatureGuardedRun;
import dev.oktainputs.core.listing.ListingRun;
import dev.oktainputs.core.listing.ListingSpec;
import java.util.List;

/**
 * The {@code authenticators} input (family {@code policies}): the org's authenticators (Identity Engine; email,
 * password, phone, Okta Verify, security key or biometric, ...; {@code GET /api/v1/authenticators}) with their status
 * and settings. Key = authenticator id, JSON as Okta sent it. Okta's spec gives the endpoint no paging or filter
 * parameters: one response holds them all (a {@code next} link would still be followed), so every run lists all:
 * removed authenticators are DELETEs, between full syncs only new or changed ones are emitted. A plain listing
 * ({@link ListingRun}, options as a {@code ListingInput}'s) except that an org without the endpoint (Classic Engine:
 * {@code E0000015} or 404) gets one warning and an empty run instead of a failure ({@link FeatureGuardedRun}).
 */
public final class AuthenticatorsInput extends DeclaredInput {

    /** The OAuth scope. */
    static final String SCOPE = "okta.authenticators.read";

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public AuthenticatorsInput() {
        super("policies", "authenticators", List.of(SCOPE), "/api/v1/authenticators", options(List.of(),
                SyncOptions.LISTING));
    }

    /** @return true: an org without the Identity Engine lacks the endpoint */
    @Override
    public boolean optionalFeature() {
        return true;
    }

    @Override
    public InputRun open(InputContext context, Checkpoint checkpoint) {
        return new FeatureGuardedRun(context.client().orgUrl().toString(), name(), new ListingRun(context, checkpoint,
                ListingSpec.builder(name(), "/api/v1/authenticators", SCOPE).build()));
    }
}
