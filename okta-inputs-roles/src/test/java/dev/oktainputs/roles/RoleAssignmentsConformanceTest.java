package dev.oktainputs.roles;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordedOktaRequest;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.Map;
import java.util.Set;

/** Two fan-outs in one run (users, then groups); the batches are the roles requests. */
class RoleAssignmentsConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new RoleAssignmentsInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/iam/assignees/users";
    }

    @Override
    protected DirectoryShape orgShape() {
        return DirectoryShape.of(30, 10, 0, 0).withAdmins(40).withAdminGroups(5);
    }

    @Override
    protected boolean isPageRequest(RecordedOktaRequest request) {
        return request.path().matches("/api/v1/(users|groups)/[^/]+/roles");
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return org.directory().roles().assignmentKeys();
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of("groups_page_size", 7);
    }
}
