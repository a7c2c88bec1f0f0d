package dev.oktainputs.orgsettings;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** /api/v1/authorizationServers pages with a Link header: the suite's paging, resume and failure cases. */
class AuthorizationServersConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new AuthorizationServersInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/authorizationServers";
    }

    @Override
    protected void populate(FakeOrg org) {
        for (int i = 0; i < org.userCount() / 10; i++) { // 45 servers: 5 pages of 10; none in the empty org
            org.authorizationServers().add("api " + i, "Tokens for API " + i, "api://api" + i);
        }
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return new HashSet<>(org.authorizationServers().ids());
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of("page_size", 10);
    }
}
