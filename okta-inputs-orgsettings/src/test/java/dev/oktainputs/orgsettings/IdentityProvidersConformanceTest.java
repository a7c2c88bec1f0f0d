package dev.oktainputs.orgsettings;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** /api/v1/idps pages with a Link header: the suite's paging, resume and failure cases. */
class IdentityProvidersConformanceTest extends InputConformanceSuite {

    private static final List<String> TYPES = List.of("SAML2", "OIDC", "GOOGLE", "FACEBOOK", "LINKEDIN");

    @Override
    protected OktaInput input() {
        return new IdentityProvidersInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/idps";
    }

    @Override
    protected void populate(FakeOrg org) {
        for (int i = 0; i < org.userCount() / 10; i++) { // 45 IdPs: 5 pages of 10; none in the empty org
            org.identityProviders().add(TYPES.get(i % TYPES.size()), "idp " + i);
        }
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return new HashSet<>(org.identityProviders().ids());
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of("page_size", 10);
    }
}
