package dev.oktainputs.groups;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeGroup;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

class GroupsConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new GroupsInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/groups";
    }

    @Override
    protected DirectoryShape orgShape() {
        return DirectoryShape.of(60, 10, 0, 0);
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return org.directory().groups().stream().map(FakeGroup::id).collect(Collectors.toSet());
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of("page_size", 10);
    }
}
