package dev.oktainputs.groups;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordedOktaRequest;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.Map;
import java.util.Set;

/** Runs the shared suite on the fan-out: its batches are the members pages; the group listing makes none. */
class GroupMembersConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new GroupMembersInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/groups";
    }

    @Override
    protected DirectoryShape orgShape() {
        return DirectoryShape.of(30, 12, 0, 0);
    }

    @Override
    protected boolean isPageRequest(RecordedOktaRequest request) {
        return request.path().matches("/api/v1/groups/[^/]+/users");
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return org.directory().membershipKeys();
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of("page_size", 50, "groups_page_size", 7);
    }
}
