package dev.oktainputs.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.IdSetNames;
import dev.oktainputs.core.state.IdSetStore;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.core.state.InMemoryIdSetStore;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordingSink;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The id sets a type-by-type run writes are exactly the ones its checkpoint names for {@link IdSetNames#named}, which
 * stores that restore sets without running the input (Kafka Connect's state topic) rely on.
 */
class TypedIdSetsTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(3).seed(4).build();

    static Stream<OktaInput> inputs() {
        return Stream.of(new PoliciesInput(), new PolicyRulesInput());
    }

    /** Notes the name of every set written. */
    private static final class Recording implements IdSetStore {
        final InMemoryIdSetStore store = new InMemoryIdSetStore();
        final Set<String> written = new TreeSet<>();

        @Override
        public Set<String> load(String org, String stream, long generation, int segments) {
            return store.load(org, stream, generation, segments);
        }

        @Override
        public void saveBase(String org, String stream, long generation, Collection<String> ids) {
            written.add(stream);
            store.saveBase(org, stream, generation, ids);
        }

        @Override
        public void saveSegment(String org, String stream, long generation, int segment, Collection<String> ids) {
            written.add(stream);
            store.saveSegment(org, stream, generation, segment, ids);
        }

        @Override
        public void retainOnly(String org, String stream, long generation, int segments) {
            store.retainOnly(org, stream, generation, segments);
        }
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void theCheckpointNamesEverySetTheRunWrote(OktaInput input, FakeOktaServer okta, FakeOrg org) throws Exception {
        String signOn = org.policies().add("OKTA_SIGN_ON", "Default Policy");
        org.policies().addRule(signOn, "Default Rule");
        String password = org.policies().add("PASSWORD", "Default Policy");
        org.policies().addRule(password, "Default Rule");
        Recording sets = new Recording();
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
        try (OktaClient client = okta.clientBuilder().build()) {
            InputRunner.runOnce(input, new InputContext(client, InputOptions.parse(input.name(), input.options(), Map.of()),
                    sets), new RecordingSink(), checkpoints);
        }
        Checkpoint cp = checkpoints.load(okta.orgUrl(), input.name()).orElseThrow();
        assertThat(sets.written).containsExactlyInAnyOrder(input.name() + ".OKTA_SIGN_ON.id", input.name() + ".PASSWORD.id");
        assertThat(IdSetNames.named(input.name(), cp.values()).keySet()).containsAll(sets.written)
                .allSatisfy(set -> assertThat(IdSetNames.streamOf(set)).isEqualTo(input.name()));
    }
}
