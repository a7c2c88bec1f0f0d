package dev.oktainputs.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.core.Secret;
import dev.oktainputs.core.auth.ConnectionSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigFieldTest {

    private static final Map<String, String> HOST = Map.of("org_url", "okta.org.url", "api_token", "okta.api.key",
            "client_id", "okta.oauth.client.id", "key_id", "okta.oauth.key.id", "private_key", "okta.oauth.private.key",
            "dpop", "okta.oauth.dpop");

    private static String host(String field) {
        if (field.startsWith(ConfigField.INPUTS_PREFIX)) {
            return "okta." + field.substring(ConfigField.INPUTS_PREFIX.length());
        }
        return HOST.getOrDefault(field, "?" + field);
    }

    @Test
    void everyFieldTheConnectionSettingsReportIsADeclaredField() {
        List<FieldProblem> problems = new ArrayList<>();
        problems.addAll(ConnectionSettings.builder().orgUrl("ftp://x").dpop("sometimes").build().problems());
        problems.addAll(ConnectionSettings.builder().orgUrl("https://acme.okta.com").apiToken(Secret.of("t")).clientId("0oa1")
                .build().problems());
        problems.addAll(ConnectionSettings.builder().orgUrl("https://acme.okta.com").keyId("kid").build().problems());
        problems.addAll(ConnectionSettings.builder().orgUrl("https://acme.okta.com").clientId("0oa1")
                .privateKey(Secret.of("not a key")).build().problems());
        assertThat(problems).extracting(FieldProblem::field)
                .contains("org_url", "dpop", "api_token", "client_id", "private_key")
                .allSatisfy(f -> assertThat(ConfigField.of(f)).isPresent());
        assertThat(ConfigField.of("inputs.users.page_size")).isEmpty();
    }

    @Test
    void renameReplacesEveryFieldNamedInTheTextAndNothingElse() {
        FieldProblem none = ConnectionSettings.builder().orgUrl("https://acme.okta.com").build().problems().get(0);
        FieldProblem renamed = none.renamed(ConfigFieldTest::host);
        assertThat(renamed.field()).isEqualTo("okta.api.key");
        assertThat(renamed.message()).contains("set okta.api.key to an Okta API token")
                .contains("okta.oauth.client.id, okta.oauth.key.id and okta.oauth.private.key")
                .doesNotContainPattern("(?<![.])\\b(api_token|client_id|key_id|private_key)\\b");

        assertThat(ConfigField.rename("client_id '0oa1' uses private_key_jwt; invalid_dpop_proof / use_dpop_nonce: set dpop"
                + " to auto. See inputs.users.page_size, inputs.nope. Not my_api_token nor api_tokens.", ConfigFieldTest::host))
                .isEqualTo("okta.oauth.client.id '0oa1' uses private_key_jwt; invalid_dpop_proof / use_dpop_nonce: set"
                        + " okta.oauth.dpop to auto. See okta.users.page_size, okta.nope. Not my_api_token nor api_tokens.");
        assertThat(ConfigField.rename(null, ConfigFieldTest::host)).isNull();
        assertThat(new FieldProblem("", "no field").renamed(ConfigFieldTest::host).field()).isEmpty();
    }

    @Test
    void eachFieldDeclaresWhatHostsDeriveTheirKeysFrom() {
        assertThat(java.util.Arrays.stream(ConfigField.values()).filter(ConfigField::secret)).containsExactly(
                ConfigField.API_TOKEN, ConfigField.PRIVATE_KEY);
        assertThat(java.util.Arrays.stream(ConfigField.values()).filter(ConfigField::required)).containsExactly(ConfigField.ORG_URL);
        assertThat(ConfigField.DPOP.type()).isEqualTo("auto | on | off");
        assertThat(dev.oktainputs.core.auth.DpopMode.parse(ConfigField.DPOP.defaultValue()))
                .isEqualTo(dev.oktainputs.core.auth.DpopMode.parse(null));
        for (ConfigField f : ConfigField.values()) {
            assertThat(f.doc()).as(f.field()).isNotBlank();
            // the docs name other fields as core does, so that a host's rename puts its own keys in
            assertThat(ConfigField.rename(f.doc(), ConfigFieldTest::host)).as(f.field()).doesNotContain("?");
        }
        assertThat(ConfigField.rename(ConfigField.CLIENT_ID.doc(), ConfigFieldTest::host))
                .contains("Needs okta.oauth.private.key (and okta.oauth.key.id unless");
    }
}
