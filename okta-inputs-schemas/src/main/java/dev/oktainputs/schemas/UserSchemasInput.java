package dev.oktainputs.schemas;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.fanout.EdgeSource;
import dev.oktainputs.core.fanout.FanOutInput;
import java.util.List;

/**
 * The {@code user_schemas} input (family {@code schemas}): each user type's profile schema
 * ({@code GET /api/v1/meta/schemas/user/{schemaId}}, the id named by the type's {@code _links.schema.href}), so that
 * downstream systems can type {@code profile.*}: {@code definitions.base.properties} are Okta's base attributes,
 * {@code definitions.custom.properties} the org's custom ones, each with its {@code type}, constraints and
 * permissions. Key = schema id ({@code osc…}), JSON = the schema as Okta sent it.
 *
 * <p>A fan-out over the user types with one object per child request. Every run lists every type (at most ten) and
 * reads each schema (Okta has no list of schemas and no change filter); between full syncs only schemas that are new
 * or whose {@code lastUpdated} moved are emitted, and the schemas of removed types are DELETEs.
 */
public final class UserSchemasInput extends FanOutInput {

    /** The input's and stream's name. */
    public static final String NAME = "user_schemas";
    /** The OAuth scope of {@code /api/v1/meta/schemas/user/{schemaId}}. */
    public static final String SCOPE = "okta.schemas.read";

    /**
     * Declares the input (found by {@link java.util.ServiceLoader}): scopes {@code okta.userTypes.read} (the type
     * listing, the first request), then {@code okta.schemas.read}; {@code check} probes the default type's schema.
     */
    public UserSchemasInput() {
        super(UserTypesInput.FAMILY, NAME, List.of(UserTypesInput.SCOPE, SCOPE), "/api/v1/meta/schemas/user/default",
                List.of());
    }

    @Override
    protected List<EdgeSource<?>> sources(InputContext context) {
        return List.of(new SchemaEdges());
    }
}
