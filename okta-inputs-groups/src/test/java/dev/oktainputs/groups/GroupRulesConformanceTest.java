package dev.oktainputs.groups;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** /api/v1/groups/rules pages with limit, after and a Link header: the suite's paging, resume and failure cases. */
class GroupRulesConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new GroupRulesInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/groups/rules";
    }

    @Override
    protected void populate(FakeOrg org) {
        for (int i = 0; i < org.userCount() / 10; i++) { // 45 rules: 5 pages of 10; none in the empty org
            String id = org.groupRules().add("rule " + i, "user.department==\"D" + i + "\"", "00g" + i);
            if (i % 2 == 0) {
                org.groupRules().activate(id);
            }
        }
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return new HashSet<>(org.groupRules().ids());
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of("page_size", 10);
    }
}
