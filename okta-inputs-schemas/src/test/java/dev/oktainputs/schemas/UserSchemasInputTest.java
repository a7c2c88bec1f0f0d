package dev.oktainputs.schemas;

import static dev.oktainputs.testkit.InputHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakeUserTypes;
import dev.oktainputs.testkit.InputHarness;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.VirtualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UserSchemasInputTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(3).seed(6).build();

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
        InputHarness harness = new InputHarness(new UserSchemasInput());
        clock.advance(Duration.ofMinutes(1)); // past the first run's overlap: the schemas are unchanged since
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink);
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
            harness.run(client, sink);
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
            new InputHarness(new UserTypesInput()).run(client, sink);
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
