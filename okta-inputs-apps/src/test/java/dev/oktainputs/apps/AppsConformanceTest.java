package dev.oktainputs.apps;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeApp;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

class AppsConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new AppsInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/apps";
    }

    @Override
    protected DirectoryShape orgShape() {
        return DirectoryShape.of(0, 0, 60, 0);
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return org.directory().apps().stream().map(FakeApp::id).collect(Collectors.toSet());
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of("page_size", 10);
    }
}
