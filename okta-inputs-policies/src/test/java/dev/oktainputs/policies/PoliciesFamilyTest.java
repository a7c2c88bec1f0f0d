package dev.oktainputs.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.core.error.OktaAuthenticationException;
import dev.oktainputs.core.error.OktaBadRequestException;
import dev.oktainputs.core.error.OktaErrorDetails;
import dev.oktainputs.core.error.OktaNotFoundException;
import dev.oktainputs.core.error.OktaPermissionException;
import dev.oktainputs.core.error.OktaServerException;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakePolicies;
import dev.oktainputs.testkit.conformance.InputFamilySuite;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code policies} family: its members, their scopes (a service app granted exactly the declared scope runs an
 * input, one without is told which scope), and which errors skip a type.
 */
class PoliciesFamilyTest extends InputFamilySuite {

    @Override
    protected String family() {
        return "policies";
    }

    @Override
    protected List<String> expectedMembers() {
        return List.of("policies", "authenticators", "policy_rules"); // the input named like the family first
    }

    @Override
    protected void fill(FakeOrg org) {
        org.authenticators().add("okta_password", "password", "Password", "ACTIVE");
        String policy = org.policies().add("PASSWORD", "Default Policy");
        org.policies().addRule(policy, "Default Rule");
    }

    @Test
    void thePolicyTypesAreTheSpecsAndEachInputDeclaresItsProbeAndScope() {
        assertThat(PolicyTypeRun.TYPES).isEqualTo(FakePolicies.TYPES);
        assertThat(new PoliciesInput().probePath()).isEqualTo("/api/v1/policies?type=OKTA_SIGN_ON&limit=1");
        assertThat(new PolicyRulesInput().requiredScopes()).containsExactly("okta.policies.read");
    }

    @Test
    void onlyAFeatureErrorOrARefusedTypeSkipsAType() {
        assertThat(PolicyTypeRun.skippable(new OktaPermissionException("feature",
                new OktaErrorDetails(403, "E0000015", "no feature", null, null), null))).isTrue();
        assertThat(PolicyTypeRun.skippable(new OktaBadRequestException("type",
                new OktaErrorDetails(400, "E0000001", "Api validation failed: type", null, null), null))).isTrue();
        assertThat(PolicyTypeRun.skippable(new OktaNotFoundException("type",
                new OktaErrorDetails(404, "E0000007", "Not found", null, null), null))).isTrue();
        assertThat(PolicyTypeRun.skippable(new OktaAuthenticationException("feature",
                new OktaErrorDetails(401, "E0000015", "no feature", null, null), null))).isTrue();
        assertThat(PolicyTypeRun.skippable(new OktaAuthenticationException("token",
                new OktaErrorDetails(401, "E0000011", "Invalid token provided", null, null), null))).isFalse();
        assertThat(PolicyTypeRun.skippable(new OktaServerException("down",
                new OktaErrorDetails(503, null, null, null, null), null))).isFalse();
        assertThat(PolicyTypeRun.skippable(new OktaPermissionException("scope",
                new OktaErrorDetails(403, "E0000006", "You do not have permission", null, null), null))).isFalse();
    }
}
