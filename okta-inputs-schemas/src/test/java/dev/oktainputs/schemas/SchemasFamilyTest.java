package dev.oktainputs.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.testkit.FakeOkta;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.conformance.InputFamilySuite;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code schemas} family: its members, and for each the OAuth scopes it declares are the ones Okta (the fake)
 * asks for on its endpoints, so a service app granted exactly the declared scopes can run it and one without cannot.
 */
@FakeOkta(users = 3, seed = 10)
class SchemasFamilyTest extends InputFamilySuite {

    @Override
    protected String family() {
        return "schemas";
    }

    @Override
    protected List<String> expectedMembers() {
        return List.of("user_schemas", "user_types");
    }

    @Override
    protected void fill(FakeOrg org) {
        org.userTypes().addDefault();
    }

    @Test
    void eachInputDeclaresItsScopesAndProbe() {
        assertThat(new UserTypesInput().requiredScopes()).containsExactly("okta.userTypes.read");
        assertThat(new UserTypesInput().probePath()).isEqualTo("/api/v1/meta/types/user");
        assertThat(new UserSchemasInput().requiredScopes()).containsExactly("okta.userTypes.read", "okta.schemas.read");
        assertThat(new UserSchemasInput().probePath()).isEqualTo("/api/v1/meta/schemas/user/default");
    }
}
