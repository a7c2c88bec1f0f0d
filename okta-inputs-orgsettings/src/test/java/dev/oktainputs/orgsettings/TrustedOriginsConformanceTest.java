package dev.oktainputs.orgsettings;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** /api/v1/trustedOrigins pages with a Link header, like users: the suite's paging, resume and failure cases. */
class TrustedOriginsConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new TrustedOriginsInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/trustedOrigins";
    }

    @Override
    protected void populate(FakeOrg org) {
        for (int i = 0; i < org.userCount() / 10; i++) { // 45 origins: 5 pages of 10; none in the empty org
            org.trustedOrigins().add("app " + i, "https://app" + i + ".example.com", "CORS", "REDIRECT");
        }
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return new HashSet<>(org.trustedOrigins().ids());
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of("page_size", 10);
    }
}
