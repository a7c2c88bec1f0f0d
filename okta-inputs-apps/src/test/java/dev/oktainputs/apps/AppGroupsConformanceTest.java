package dev.oktainputs.apps;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordedOktaRequest;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.Map;
import java.util.Set;

class AppGroupsConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new AppGroupsInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/apps";
    }

    @Override
    protected DirectoryShape orgShape() {
        return DirectoryShape.of(20, 5, 30, 0).withAppGroups(4);
    }

    @Override
    protected boolean isPageRequest(RecordedOktaRequest request) {
        return request.path().matches("/api/v1/apps/[^/]+/groups");
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return org.directory().appGroupKeys();
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of("page_size", 3, "apps_page_size", 7);
    }
}
