package dev.oktainputs.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.Inputs;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.testkit.FakeOkta;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.Fault;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.VirtualClock;
import org.junit.jupiter.api.Test;

/** The example of okta-inputs-testkit/README.md, verbatim, so the README cannot rot. */
@FakeOkta(users = 1000, seed = 42)
class TestkitReadmeExampleTest {
    @Test
    void readsEveryUserOnceDespiteA503(FakeOktaServer okta, FakeOrg org, VirtualClock clock, RecordingSink sink)
            throws Exception {
        okta.enqueueFault(Fault.status(503));                                   // the first call fails
        try (OktaClient client = okta.clientBuilder().build()) {
            OktaInput users = Inputs.byName("users");
            InputRunner.runOnce(users, InputContext.withDefaults(client, users), sink, new InMemoryCheckpointStore());
        }
        assertThat(sink.keys("users")).doesNotHaveDuplicates().hasSize(org.userCount());  // DEPROVISIONED too
        assertThat(clock.sleeps()).hasSize(1);                                  // it backed off, virtually
    }
}
