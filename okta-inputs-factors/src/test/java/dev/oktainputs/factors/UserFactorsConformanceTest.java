package dev.oktainputs.factors;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakeUser;
import dev.oktainputs.testkit.RecordedOktaRequest;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A fan-out over the users (pages of 50): every user has one or two factors, one request per user. */
class UserFactorsConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new UserFactorsInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/users";
    }

    @Override
    protected void populate(FakeOrg org) {
        List<FakeUser> users = org.users();
        for (int i = 0; i < users.size(); i++) {
            org.factors().enroll(users.get(i).id(), "push", "OKTA");
            if (i % 3 == 0) {
                org.factors().enroll(users.get(i).id(), "webauthn", "FIDO");
            }
        }
    }

    @Override
    protected boolean isPageRequest(RecordedOktaRequest request) {
        return request.path().matches("/api/v1/users/[^/]+/factors");
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return new HashSet<>(org.factors().keys());
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of("users_page_size", 50);
    }
}
