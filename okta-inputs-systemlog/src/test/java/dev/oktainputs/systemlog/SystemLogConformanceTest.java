package dev.oktainputs.systemlog;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.conformance.InputConformanceSuite;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The shared suite, with one hook: the suite's org is sized in users (450; 0 for the empty org), so
 * {@link #populate(FakeOrg)} writes as many System Log events. Its other assumptions hold as they are: a run ends with
 * the empty page, which is a batch of its own (it carries the checkpoint), so requests = batches.
 */
class SystemLogConformanceTest extends InputConformanceSuite {

    @Override
    protected OktaInput input() {
        return new SystemLogInput();
    }

    @Override
    protected String endpoint() {
        return "/api/v1/logs";
    }

    @Override
    protected Set<String> expectedKeys(FakeOrg org) {
        return new HashSet<>(org.systemLog().uuids());
    }

    @Override
    protected Map<String, ?> smallPages() {
        return Map.of("page_size", 50);
    }

    @Override
    protected void populate(FakeOrg org) {
        org.systemLog().generate(org.userCount(), Duration.ofMinutes(30));
    }
}
