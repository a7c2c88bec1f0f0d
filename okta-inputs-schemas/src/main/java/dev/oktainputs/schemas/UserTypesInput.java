package dev.oktainputs.schemas;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.listing.ListingInput;
import dev.oktainputs.core.listing.ListingSpec;
import java.util.List;

/**
 * The {@code user_types} input (family {@code schemas}): the org's user types ({@code GET /api/v1/meta/types/user}),
 * the default one and up to nine more. Key = type id ({@code oty…}), JSON as Okta sent it; {@code _links.schema.href}
 * names the type's profile schema, which {@code user_schemas} reads. Okta lists every type in one unpaged response and
 * has no change filter, so every run lists all: removed types are DELETEs, between full syncs only new or changed
 * ones are emitted.
 */
public final class UserTypesInput extends ListingInput {

    /** The family of the user types and user schemas inputs. */
    public static final String FAMILY = "schemas";
    /** The input's and stream's name. */
    public static final String NAME = "user_types";
    /** The OAuth scope of {@code /api/v1/meta/types/user}. */
    public static final String SCOPE = "okta.userTypes.read";

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public UserTypesInput() {
        super(FAMILY, NAME, SCOPE, "/api/v1/meta/types/user", List.of());
    }

    @Override
    protected ListingSpec spec(InputContext context) {
        return ListingSpec.builder(NAME, "/api/v1/meta/types/user", SCOPE).build(); // not paged: no limit
    }
}
