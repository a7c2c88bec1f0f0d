package dev.oktainputs.schemas;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordedOktaRequest;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A fan-out over the user types, one schema object per child request: the pages are the schema requests. The
 * parent-deleted test is skipped: a schema's URL names the schema, not its type (see {@link UserSchemasInputTest}).
 */
class UserSchemasConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new UserSchemasInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/meta/types/user";
    }

    @Override
    protected void populate(FakeOrg org) {
        if (org.userCount() == 0) {
            return;
        }
        org.userTypes().addDefault();
        for (int i = 1; i < 10; i++) {
            String type = org.userTypes().add("type" + i, "Type " + i, "user type " + i);
            org.userTypes().addCustomProperty(type, "attr" + i, "Attribute " + i, i % 2 == 0 ? "string" : "integer");
        }
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return new HashSet<>(org.userTypes().schemaIds());
    }

    @Override
    protected boolean isPageRequest(RecordedOktaRequest request) {
        return request.path().startsWith("/api/v1/meta/schemas/user/");
    }

    @Override
    protected boolean childRequestsNameTheirParent() {
        return false;
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of("batch_max_records", 0); // one schema per batch
    }
}
