package dev.oktainputs.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.core.state.InMemoryIdSetStore;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakeUserTypes;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.VirtualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UserSchemasInputTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(3).seed(6).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryIdSetStore idSets = new InMemoryIdSetStore();

    private void run(OktaInput input, OktaClient client, RecordingSink sink) throws Exception {
        InputRunner.runOnce(input, new InputContext(client, InputOptions.parse(input.name(), input.options(), Map.of()), idSets),
                sink, checkpoints);
    }

    private static JsonNode json(RecordingSink sink, String stream, String key) throws Exception {
        OktaRecord r = sink.records(stream).stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
        return JSON.readTree(r.jsonString());
    }

    @Test
    void readsEachTypesSchemaAsOneObjectThenEmitsOnlyChangedAndRemovedSchemas(FakeOktaServer okta, FakeOrg org,
                                                                           VirtualClock clock, RecordingSink sink)
            throws Exception {
        FakeUserTypes types = org.userTypes();
        String user = types.addDefault();
        String contractor = types.add("contractor", "Contractor", "External staff");
        String partner = types.add("partner", "Partner", "Partner staff");
        types.addCustomProperty(user, "costCenter", "Cost center", "string");
        types.addCustomProperty(contractor, "contractEnd", "Contract end", "string");
        types.addCustomProperty(contractor, "clearance", "Clearance level", "integer");
        OktaInput input = new UserSchemasInput();
        clock.advance(Duration.ofMinutes(1)); // past the first run's overlap: the schemas are unchanged since
        try (OktaClient client = okta.clientBuilder().build()) {
            run(input, client, sink);
            assertThat(sink.keys("user_schemas")).containsExactlyInAnyOrder(types.schemaId(user), types.schemaId(contractor),
                    types.schemaId(partner));
            assertThat(okta.requests()).extracting(r -> r.path()).containsExactlyInAnyOrder("/api/v1/meta/types/user",
                    "/api/v1/meta/schemas/user/" + types.schemaId(user), "/api/v1/meta/schemas/user/" + types.schemaId(contractor),
                    "/api/v1/meta/schemas/user/" + types.schemaId(partner));
            JsonNode schema = json(sink, "user_schemas", types.schemaId(contractor));
            assertThat(schema.get("id").asText()).endsWith("/meta/schemas/user/" + types.schemaId(contractor));
            JsonNode custom = schema.get("definitions").get("custom").get("properties");
            assertThat(custom.get("contractEnd").get("type").asText()).isEqualTo("string");
            assertThat(custom.get("clearance").get("type").asText()).isEqualTo("integer");
            assertThat(schema.get("definitions").get("base").get("properties").get("login").get("type").asText())
                    .isEqualTo("string");
            assertThat(json(sink, "user_schemas", types.schemaId(partner)).get("definitions").get("custom")
                    .get("properties").size()).isZero();

            clock.advance(Duration.ofMinutes(5));
            types.addCustomProperty(partner, "agency", "Agency", "string");
            String contractorSchema = types.schemaId(contractor);
            types.delete(contractor);
            String intern = types.add("intern", "Intern", "Interns");
            clock.advance(Duration.ofMinutes(1));
            sink.clear();
            run(input, client, sink);
            assertThat(sink.records("user_schemas")).extracting(r -> r.op() + " " + r.key()).containsExactlyInAnyOrder(
                    "UPSERT " + types.schemaId(partner), "DELETE " + contractorSchema,
                    "UPSERT " + types.schemaId(intern));
            assertThat(json(sink, "user_schemas", types.schemaId(partner)).get("definitions").get("custom").get("properties")
                    .get("agency").get("type").asText()).isEqualTo("string");
        }
    }

    @Test
    void userTypesAreListedVerbatimWithTheirSchemaLinks(FakeOktaServer okta, FakeOrg org, RecordingSink sink) throws Exception {
        String user = org.userTypes().addDefault();
        String contractor = org.userTypes().add("contractor", "Contractor", "External staff");
        try (OktaClient client = okta.clientBuilder().build()) {
            run(new UserTypesInput(), client, sink);
        }
        assertThat(sink.keys("user_types")).containsExactlyInAnyOrder(user, contractor);
        assertThat(okta.requests()).singleElement().satisfies(r -> assertThat(r.queryParameter("limit")).isNull());
        JsonNode type = json(sink, "user_types", contractor);
        assertThat(type.get("name").asText()).isEqualTo("contractor");
        assertThat(type.get("default").asBoolean()).isFalse();
        assertThat(type.get("_links").get("schema").get("href").asText())
                .endsWith("/api/v1/meta/schemas/user/" + org.userTypes().schemaId(contractor));
        assertThat(json(sink, "user_types", user).get("default").asBoolean()).isTrue();
    }
}
