package dev.oktainputs.roles;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Okta pages custom roles at its own size (20 in the fake) with the next link in the body. */
class CustomRolesConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new CustomRolesInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/iam/roles";
    }

    @Override
    protected DirectoryShape orgShape() {
        return DirectoryShape.empty().withCustomRoles(110);
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return new HashSet<>(org.directory().roles().customRoleIds());
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of();
    }
}
