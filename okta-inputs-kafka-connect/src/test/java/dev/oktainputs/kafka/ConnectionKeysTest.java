package dev.oktainputs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.core.config.ConfigField;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** The connection keys are core's declarations in the connector's terms; the DPoP mode is read by core's parser. */
class ConnectionKeysTest {

    private static Map<String, String> config(String dpop) {
        Map<String, String> c = new HashMap<>();
        c.put(OktaConnectorConfig.ORG_URL, "https://acme.okta.com");
        c.put(OktaConnectorConfig.API_KEY, "00abcdefghijklmnopqrstuvwxyz0123456789ABCD");
        c.put(OktaConnectorConfig.INPUTS, "users");
        c.put(OktaConnectorConfig.STATE_BOOTSTRAP, "localhost:9092");
        c.put(OktaConnectorConfig.DPOP, dpop);
        return c;
    }

    private static List<String> dpopErrors(String dpop) {
        return OktaConnectorConfig.CONFIG_DEF.validate(config(dpop)).stream()
                .filter(v -> v.name().equals(OktaConnectorConfig.DPOP)).findFirst().map(ConfigValue::errorMessages).orElseThrow();
    }

    @Test
    void everyConnectionFieldIsAKeyOfItsDeclaredKindDocumentedInTheConnectorsTerms() {
        Map<String, ConfigDef.ConfigKey> keys = OktaConnectorConfig.CONFIG_DEF.configKeys();
        for (ConfigField f : ConfigField.values()) {
            ConfigDef.ConfigKey k = keys.get(ConnectorKeys.connectorKey(f));
            assertThat(k).as(f.field()).isNotNull();
            assertThat(k.type).as(f.field()).isEqualTo(f.secret() ? ConfigDef.Type.PASSWORD : ConfigDef.Type.STRING);
            assertThat(k.defaultValue).as(f.field()).isEqualTo(f.required() ? ConfigDef.NO_DEFAULT_VALUE : f.defaultValue());
            assertThat(k.documentation).as(f.field()).startsWith(ConnectorKeys.inConnectorTerms(f.doc()))
                    .doesNotContainPattern("(?<![\\w.])(org_url|api_token|client_id|key_id|private_key|dpop)(?!\\w|\\.pem)");
        }
        assertThat(keys.get(OktaConnectorConfig.CLIENT_ID).documentation).contains("Needs okta.oauth.private.key (and"
                + " okta.oauth.key.id unless");
        assertThat(keys.get(OktaConnectorConfig.DPOP).defaultValue).isEqualTo("auto");
        assertThat(keys.get(OktaConnectorConfig.DPOP).validator).hasToString("auto | on | off");
    }

    @Test
    void dpopTakesWhatCoreTakesAnyCaseAndTrueOrFalse() {
        for (String ok : List.of("auto", "on", "off", "ON", "Off", " auto ", "true", "false")) {
            assertThat(dpopErrors(ok)).as(ok).isEmpty();
            assertThat(new OktaConnectorConfig(config(ok)).connectionSettings().problems()).as(ok).isEmpty();
        }
        assertThat(dpopErrors("maybe")).singleElement().asString().contains("okta.oauth.dpop")
                .contains("'maybe' is not a DPoP mode. Fix: set it to auto").doesNotContain(" dpop ");
    }
}
