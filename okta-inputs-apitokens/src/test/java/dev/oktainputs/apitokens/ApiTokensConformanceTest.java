package dev.oktainputs.apitokens;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** /api/v1/api-tokens is one plain array, not paged: one batch per run. */
class ApiTokensConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new ApiTokensInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/api-tokens";
    }

    @Override
    protected DirectoryShape orgShape() {
        return DirectoryShape.of(1, 0, 0, 0).withAdmins(5).withApiTokens(12);
    }

    @Override
    protected int minimumBatches() {
        return 1;
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return new HashSet<>(org.directory().roles().apiTokenIds());
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of();
    }
}
