package dev.oktainputs.policies;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordedOktaRequest;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The rules of every policy of every type: the rule pages are the batches (the policy listings make none). */
class PolicyRulesConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new PolicyRulesInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/policies";
    }

    @Override
    protected boolean isPageRequest(RecordedOktaRequest request) {
        return request.path().endsWith("/rules");
    }

    @Override
    protected void populate(FakeOrg org) {
        if (org.userCount() > 0) {
            PolicyOrg.fill(org);
        }
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return new HashSet<>(PolicyOrg.ruleKeys(org));
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of("concurrency", 2);
    }
}
