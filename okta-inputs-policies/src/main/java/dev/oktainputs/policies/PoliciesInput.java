package dev.oktainputs.policies;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.DeclaredInput;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.config.SyncOptions;
import dev.oktainputs.core.listing.ListingRun;
import dev.oktainputs.core.listing.ListingSpec;
import java.util.List;

/**
 * The {@code policies} input (family {@code policies}): every policy of every type Okta's spec lists (sign-on,
 * password, authenticator enrollment, app sign-in, IdP discovery, profile enrollment, ...), read with
 * {@code GET /api/v1/policies?type=T} for each type in turn ({@link PolicyTypeRun#TYPES}; the type is required). Key =
 * policy id, JSON as Okta sent it. Okta filters policies only by status and name, so every run lists all: removed
 * policies are DELETEs (found per type), between full syncs only new or changed ones are emitted. A type the org does
 * not have (no Identity Engine, a feature off: 403 {@code E0000015}, 400, 404) is skipped with one warning, and its
 * earlier records are not deleted ({@link PolicyTypeRun}).
 */
public final class PoliciesInput extends DeclaredInput {

    /** The OAuth scope. */
    static final String SCOPE = "okta.policies.read";
    /** The {@code check} probe: the sign-on policies every org has. */
    static final String PROBE = "/api/v1/policies?type=OKTA_SIGN_ON&limit=1";

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public PoliciesInput() {
        super("policies", "policies", List.of(SCOPE), PROBE, options(List.of(),
                SyncOptions.LISTING));
    }

    @Override
    public InputRun open(InputContext context, Checkpoint checkpoint) {
        return new PolicyTypeRun(name(), context, checkpoint, (type, sub, cp) -> new ListingRun(sub, cp,
                ListingSpec.builder(name(), "/api/v1/policies", SCOPE).query("type", type).build()), "next");
    }
}
