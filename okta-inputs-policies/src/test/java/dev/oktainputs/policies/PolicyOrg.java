package dev.oktainputs.policies;

import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakePolicies;
import java.util.ArrayList;
import java.util.List;

/** Fills a fake org with policies of every type and rules, for the tests. */
final class PolicyOrg {

    private PolicyOrg() {
    }

    /**
     * Adds 1 to 3 policies of every type (45 sign-on policies: three of the fake's pages) with 1 to 3 rules each.
     *
     * @param org the org
     * @return the new policies' ids
     */
    static List<String> fill(FakeOrg org) {
        List<String> ids = new ArrayList<>();
        for (int t = 0; t < FakePolicies.TYPES.size(); t++) {
            String type = FakePolicies.TYPES.get(t);
            int n = "OKTA_SIGN_ON".equals(type) ? 45 : 1 + t % 3;
            for (int i = 0; i < n; i++) {
                String id = org.policies().add(type, type + " policy " + i);
                ids.add(id);
                for (int r = 0; r <= (i + t) % 3; r++) {
                    org.policies().addRule(id, "rule " + r);
                }
            }
        }
        return ids;
    }

    /**
     * @param org the org
     * @return every policy id of every type
     */
    static List<String> policyIds(FakeOrg org) {
        return FakePolicies.TYPES.stream().flatMap(t -> org.policies().ids(t).stream()).toList();
    }

    /**
     * @param org the org
     * @return every rule key ({@code policyId/ruleId})
     */
    static List<String> ruleKeys(FakeOrg org) {
        return policyIds(org).stream().flatMap(p -> org.policies().ruleKeys(p).stream()).toList();
    }
}
