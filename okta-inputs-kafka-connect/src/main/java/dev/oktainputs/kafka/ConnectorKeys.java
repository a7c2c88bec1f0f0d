package dev.oktainputs.kafka;

import dev.oktainputs.core.config.ConfigField;

/**
 * The connector's names of settings: the per-family keys ({@code okta.<family>.cron}, {@code okta.<family>.<option>})
 * and the connector key of each field as core names it, so that core's messages read in the connector's terms.
 */
final class ConnectorKeys {

    private ConnectorKeys() {
    }

    /** @return the key of a family's cron */
    static String cronKey(String family) {
        return "okta." + family + ".cron";
    }

    /** @return the key of a family's option */
    static String optionKey(String family, String option) {
        return "okta." + family + "." + option;
    }

    /**
     * The connector's key of each connection field core declares: the one place they are mapped (a field core adds
     * does not compile until it is mapped here).
     *
     * @param field a connection field of core
     * @return the connector key
     */
    static String connectorKey(ConfigField field) {
        return switch (field) {
            case ORG_URL -> OktaConnectorConfig.ORG_URL;
            case API_TOKEN -> OktaConnectorConfig.API_KEY;
            case CLIENT_ID -> OktaConnectorConfig.CLIENT_ID;
            case KEY_ID -> OktaConnectorConfig.KEY_ID;
            case PRIVATE_KEY -> OktaConnectorConfig.PRIVATE_KEY;
            case DPOP -> OktaConnectorConfig.DPOP;
        };
    }

    /**
     * Maps a field as core names it ({@code org_url}, {@code api_token}, {@code inputs.<input>.<option>}, ...) to the
     * connector key it came from.
     *
     * @param coreField the field core named
     * @return the connector key
     */
    static String connectorKey(String coreField) {
        return ConfigField.of(coreField).map(ConnectorKeys::connectorKey).orElseGet(() -> {
            if (coreField.startsWith(ConfigField.INPUTS_PREFIX)) {
                String[] parts = coreField.split("\\.", 3);
                if (parts.length == 3) {
                    return optionKey(OktaConnectorConfig.FAMILIES.familyOf(parts[1]), parts[2]);
                }
            }
            return OktaConnectorConfig.INPUTS;
        });
    }

    /**
     * A message of core (or of an input) as the connector shows it: every setting it names ({@code api_token},
     * {@code client_id}, {@code inputs.users.page_size}, ...) replaced by the connector's key ({@code okta.api.key},
     * {@code okta.oauth.client.id}, {@code okta.users.page_size}, ...).
     *
     * @param message the message, may be null
     * @return the message in the connector's terms
     */
    static String inConnectorTerms(String message) {
        return ConfigField.rename(message, ConnectorKeys::connectorKey);
    }

    /**
     * @param problem a problem core reported, {@code <field>: <text>}
     * @param family  the family whose input reported it
     * @return the problem with the field named as the connector's key, and in the connector's terms
     */
    static String connectorField(String problem, String family) {
        int colon = problem.indexOf(": ");
        if (colon <= 0) {
            return problem;
        }
        String field = problem.substring(0, colon);
        String key = connectorKey(field);
        if (field.startsWith(ConfigField.INPUTS_PREFIX)) {
            key = "okta." + family + field.substring(field.indexOf('.', ConfigField.INPUTS_PREFIX.length()));
        }
        return key + inConnectorTerms(problem.substring(colon));
    }
}
