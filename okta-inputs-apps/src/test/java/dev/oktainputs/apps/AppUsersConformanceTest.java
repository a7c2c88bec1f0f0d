package dev.oktainputs.apps;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordedOktaRequest;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.Map;
import java.util.Set;

class AppUsersConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new AppUsersInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/apps";
    }

    @Override
    protected DirectoryShape orgShape() {
        return DirectoryShape.of(5, 5, 30, 12);
    }

    @Override
    protected boolean isPageRequest(RecordedOktaRequest request) {
        return request.path().matches("/api/v1/apps/[^/]+/users");
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return org.directory().appUserKeys();
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of("page_size", 10, "apps_page_size", 7);
    }
}
