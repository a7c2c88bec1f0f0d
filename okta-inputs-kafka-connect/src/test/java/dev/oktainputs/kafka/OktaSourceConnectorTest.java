package dev.oktainputs.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.TestKeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OktaSourceConnectorTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(20).seed(3).build();

    private final OktaSourceConnector connector = new OktaSourceConnector();

    private static Map<String, String> config(String org, String families) {
        Map<String, String> c = new HashMap<>();
        c.put("name", "okta");
        c.put(OktaConnectorConfig.ORG_URL, org);
        c.put(OktaConnectorConfig.API_KEY, "00abcdefghijklmnopqrstuvwxyz0123456789ABCD");
        c.put(OktaConnectorConfig.INPUTS, families);
        c.put(OktaConnectorConfig.STATE_BOOTSTRAP, "localhost:9092");
        return c;
    }

    private static Map<String, List<String>> errors(Config config) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (ConfigValue v : config.configValues()) {
            if (!v.errorMessages().isEmpty()) {
                errors.put(v.name(), v.errorMessages());
            }
        }
        return errors;
    }

    @Test
    void theConfigIsDeclaredOnceWithSecretsAsPasswordsAndEachInputsOwnOptions() {
        ConfigDef def = connector.config();
        assertThat(def.configKeys()).containsKeys("okta.org.url", "okta.api.key", "okta.oauth.client.id", "okta.oauth.key.id",
                "okta.oauth.private.key", "okta.oauth.dpop", "okta.inputs", "topic.prefix", "tombstones.on.delete",
                "okta.users.cron", "okta.system_log.cron", "okta.users.page_size", "okta.system_log.lookback",
                "okta.groups.page_size", "okta.apps.page_size");
        assertThat(def.configKeys().get("okta.api.key").type).isEqualTo(ConfigDef.Type.PASSWORD);
        assertThat(def.configKeys().get("okta.oauth.private.key").type).isEqualTo(ConfigDef.Type.PASSWORD);
        assertThat(def.configKeys().get("topic.prefix").defaultValue).isEqualTo("okta.");
        assertThat(def.configKeys().get("okta.system_log.cron").defaultValue).isEqualTo("* * * * *");
        ConfigDef.ConfigKey pageSize = def.configKeys().get("okta.users.page_size");
        assertThat(pageSize.defaultValue).isEqualTo("200");
        assertThat(pageSize.documentation).contains("integer 1..200");
        // groups and group_members both take page_size, with different ranges: the doc names each default
        assertThat(def.configKeys().get("okta.apps.page_size").documentation).contains("apps 200").contains("app_users 500");
        assertThat(def.toRst()).contains("okta.inputs");

        OktaConnectorConfig parsed = new OktaConnectorConfig(config("https://acme.okta.com", "users"));
        assertThat(parsed.toString()).doesNotContain("00abcdefghijklmnopqrstuvwxyz0123456789ABCD");
        assertThat(parsed.connectionSettings().toString()).doesNotContain("00abcdefghijklmnopqrstuvwxyz0123456789ABCD");
    }

    @Test
    void familiesAreSpreadOverMinOfMaxTasksAndFamiliesAndNeverSplit() {
        connector.start(config("https://acme.okta.com", "users,groups,apps,system_log,roles,api_tokens"));
        List<Map<String, String>> four = connector.taskConfigs(4);
        assertThat(four).hasSize(4);
        List<String> assigned = new ArrayList<>();
        four.forEach(t -> assigned.addAll(List.of(t.get("okta.task.families").split(","))));
        assertThat(assigned).containsExactlyInAnyOrder("users", "groups", "apps", "system_log", "roles", "api_tokens");
        assertThat(four.get(0)).containsEntry("okta.org.url", "https://acme.okta.com");

        assertThat(connector.taskConfigs(20)).hasSize(6)
                .allSatisfy(t -> assertThat(t.get("okta.task.families")).doesNotContain(","));
        assertThat(connector.taskConfigs(1)).singleElement()
                .satisfies(t -> assertThat(t.get("okta.task.families")).isEqualTo("users,groups,apps,system_log,roles,api_tokens"));
        connector.start(config("https://acme.okta.com", "system_log"));
        assertThat(connector.taskConfigs(8)).hasSize(1);
    }

    @Test
    void validateReportsEveryStaticProblemOnItsFieldWithoutCallingOkta(FakeOktaServer server) {
        Map<String, String> c = config("ftp://acme", "users,system_log,nope");
        c.put("okta.users.page_size", "500");
        c.put("okta.system_log.cron", "every minute");
        Map<String, List<String>> errors = errors(connector.validate(c));
        assertThat(errors.get("okta.inputs")).anySatisfy(m -> assertThat(m).contains("nope").contains("users"));
        assertThat(errors.get("okta.users.page_size")).anySatisfy(m -> assertThat(m).contains("between 1 and 200"));
        assertThat(errors.get("okta.system_log.cron")).anySatisfy(m -> assertThat(m).contains("cron"));
        assertThat(errors.get("okta.org.url")).anySatisfy(m -> assertThat(m).contains("https"));

        Map<String, String> both = config("ftp://acme", "users");
        both.put(OktaConnectorConfig.CLIENT_ID, "0oa123");
        Map<String, List<String>> e2 = errors(connector.validate(both));
        assertThat(e2).containsKeys("okta.org.url", "okta.api.key");
        assertThat(e2.toString()).doesNotContain("00abcdefghijklmnopqrstuvwxyz0123456789ABCD");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void validationMessagesNameTheConnectorsKeysNotCoresFieldNames(FakeOktaServer server) {
        Map<String, String> none = config(server.orgUrl(), "users");
        none.remove(OktaConnectorConfig.API_KEY);
        Map<String, List<String>> e = errors(connector.validate(none));
        assertThat(e.keySet()).containsExactly("okta.api.key");
        assertThat(e.get("okta.api.key")).singleElement().asString().startsWith("no credentials. Fix: set okta.api.key to an"
                + " Okta API token, or okta.oauth.client.id, okta.oauth.key.id and okta.oauth.private.key of an OAuth service app");

        Map<String, String> noKey = config(server.orgUrl(), "users");
        noKey.remove(OktaConnectorConfig.API_KEY);
        noKey.put(OktaConnectorConfig.CLIENT_ID, "0oa1");
        noKey.put(OktaConnectorConfig.DPOP, "sometimes");
        Map<String, List<String>> e2 = errors(connector.validate(noKey));
        assertThat(e2).containsKeys("okta.oauth.private.key", "okta.oauth.dpop");

        // The 401 of core's check against Okta: an unknown client id.
        TestKeyPair key = TestKeyPair.rsa(2048, "kid-1");
        Map<String, String> unknown = config(server.orgUrl(), "users");
        unknown.remove(OktaConnectorConfig.API_KEY);
        unknown.put(OktaConnectorConfig.CLIENT_ID, "0oanobody");
        unknown.put(OktaConnectorConfig.KEY_ID, "kid-1");
        unknown.put(OktaConnectorConfig.PRIVATE_KEY, key.pkcs8Pem());
        Map<String, List<String>> e3 = errors(connector.validate(unknown));
        assertThat(e3.keySet()).containsExactly("okta.oauth.client.id");
        assertThat(e3.get("okta.oauth.client.id")).singleElement().asString().contains("okta.oauth.client.id");

        for (Map<String, List<String>> all : List.of(e, e2, e3)) {
            assertThat(all.values().stream().flatMap(List::stream)).allSatisfy(m ->
                    assertThat(m).doesNotContainPattern(OktaSourceTaskTest.CORE_NAMES));
        }
    }

    @Test
    void validateChecksTheCredentialsAndEachInputsAccessAgainstOkta(FakeOktaServer server) {
        Map<String, String> good = config(server.orgUrl(), "users,system_log");
        good.put(OktaConnectorConfig.API_KEY, server.apiToken());
        assertThat(errors(connector.validate(good))).isEmpty();

        Map<String, String> wrongKey = config(server.orgUrl(), "users");
        Map<String, List<String>> e = errors(connector.validate(wrongKey));
        assertThat(e.keySet()).containsExactly("okta.api.key");
        assertThat(e.get("okta.api.key").get(0)).contains("401");

        server.denyPermission("/api/v1/logs");
        Map<String, List<String>> denied = errors(connector.validate(good));
        assertThat(denied.keySet()).containsExactly("okta.inputs");
        assertThat(denied.get("okta.inputs").get(0)).startsWith("system_log: ").contains("403");
    }

    @Test
    void offsetsCanBeResetOrMovedOnlyForThisConnectorsOrgAndInputs() {
        Map<String, String> c = config("https://acme-admin.okta.com", "system_log,groups");
        Map<String, String> log = Map.of("org", "https://acme.okta.com", "stream", "system_log");
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(log, null);
        offsets.put(Map.of("org", "https://acme.okta.com", "stream", "group_members"),
                Map.of("checkpoint_version", 1, "id_gen", 3));
        assertThat(connector.alterOffsets(c, offsets)).isTrue();

        assertThatThrownBy(() -> connector.alterOffsets(c, Map.of(Map.of("org", "https://other.okta.com", "stream", "system_log"),
                Map.of("checkpoint_version", 1)))).isInstanceOf(ConnectException.class).hasMessageContaining("another org");
        assertThatThrownBy(() -> connector.alterOffsets(c, Map.of(Map.of("org", "https://acme.okta.com", "stream", "users"),
                Map.of("checkpoint_version", 1)))).isInstanceOf(ConnectException.class).hasMessageContaining("not an input");
        assertThatThrownBy(() -> connector.alterOffsets(c, Map.of(log, Map.of("next", "/api/v1/logs"))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("checkpoint_version");

        // Refused as the runtime's own 400 (ConnectExceptionMapper answers anything but a ConnectRestException with 500).
        assertThatThrownBy(() -> connector.alterOffsets(c, Map.of(Map.of("stream", "system_log"), Map.of("checkpoint_version", 1))))
                .isInstanceOfSatisfying(ConnectRestException.class, r -> assertThat(r.statusCode()).isEqualTo(400))
                .hasMessageContaining("a partition must be");
    }

    @Test
    void alteredOffsetsMayCarryTheLastFireAsAnInstantAndOffsetsWithoutItStillLoad() {
        Map<String, String> c = config("https://acme.okta.com", "groups");
        Map<String, String> groups = Map.of("org", "https://acme.okta.com", "stream", "groups");
        // As GET .../offsets shows them now (with last_fire), and as offsets written before the key existed.
        assertThat(connector.alterOffsets(c, Map.of(groups, Map.of("checkpoint_version", 1, "id_gen", 3,
                "last_fire", "2026-01-01T10:00:00.125Z")))).isTrue();
        assertThat(connector.alterOffsets(c, Map.of(groups, Map.of("checkpoint_version", 0, "last_fire", "2026-01-01T10:00:00Z"))))
                .isTrue();
        assertThat(SourceOffsets.checkpoint(Map.of("checkpoint_version", 1L, "id_gen", 3L, "last_fire", "2026-01-01T10:00:00Z"))
                .values()).isEqualTo(Map.of("id_gen", 3L)); // the fire is not part of the checkpoint
        assertThat(SourceOffsets.checkpoint(Map.of("checkpoint_version", 0L, "last_fire", "2026-01-01T10:00:00Z")).isEmpty())
                .isTrue();
        assertThat(SourceOffsets.lastFire(Map.of("checkpoint_version", 1L, "id_gen", 3L))).isNull();
        assertThat(SourceOffsets.lastFire(null)).isNull();
        assertThat(SourceOffsets.lastFire(SourceOffsets.offset(Checkpoint.of(1, Map.of("id_gen", 3L)),
                Instant.parse("2026-01-01T10:00:00.125Z")))).isEqualTo(Instant.parse("2026-01-01T10:00:00.125Z"));

        for (Object garbage : List.of("yesterday", "2026-01-01 10:00", 1767261600000L, true)) {
            assertThatThrownBy(() -> connector.alterOffsets(c, Map.of(groups, Map.of("checkpoint_version", 1, "last_fire", garbage))))
                    .isInstanceOf(ConnectException.class).hasMessageContaining("offset of groups")
                    .hasMessageContaining("last_fire").hasMessageContaining("ISO-8601");
        }
        assertThatThrownBy(() -> connector.alterOffsets(c, Map.of(groups, Map.of("last_fire", "2026-01-01T10:00:00Z"))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("checkpoint_version");
    }

    @Test
    void exactlyOnceIsSupportedAndTheVersionComesFromTheBuild() {
        assertThat(connector.exactlyOnceSupport(config("https://acme.okta.com", "users"))).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        assertThat(connector.version()).isNotEqualTo("unknown").doesNotContain("${");
        assertThat(connector.taskClass()).isEqualTo(OktaSourceTask.class);
        assertThat(java.util.ServiceLoader.load(org.apache.kafka.connect.source.SourceConnector.class).stream()
                .map(p -> p.type().getName()).collect(Collectors.toList())).contains(OktaSourceConnector.class.getName());
    }
}
