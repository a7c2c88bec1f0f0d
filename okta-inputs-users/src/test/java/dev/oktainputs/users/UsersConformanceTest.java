package dev.oktainputs.users;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakeUser;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

class UsersConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new UsersInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/users";
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return org.users().stream().map(FakeUser::id).collect(Collectors.toSet());
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of("page_size", 50);
    }
}
