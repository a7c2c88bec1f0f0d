package dev.oktainputs.kafka;

import dev.oktainputs.core.OktaInput;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;

/** The connector's configuration as docs/kafka-connect.md documents it. */
final class ConfigReference {

    private ConfigReference() {
    }

    /**
     * The config reference in docs/kafka-connect.md: every key of the connection, inputs and output groups, then the per-family key
     * patterns (whose rows per family the {@code ConfigDef} also documents, e.g. through {@code GET
     * /connector-plugins/OktaSourceConnector/config}).
     *
     * @param configDef the connector's {@link OktaConnectorConfig#CONFIG_DEF}
     * @return a Markdown table
     */
    static String markdownTable(ConfigDef configDef) {
        StringBuilder sb = new StringBuilder("| key | type | default | what it does |\n|---|---|---|---|\n");
        for (ConfigDef.ConfigKey k : configDef.configKeys().values()) {
            if (k.internalConfig || k.group == null || k.group.startsWith("Input ")) {
                continue;
            }
            String dflt = k.defaultValue == ConfigDef.NO_DEFAULT_VALUE ? "required"
                    : k.defaultValue == null ? "—" : k.name.equals(OktaConnectorConfig.STATE_DIR) ? "`<java.io.tmpdir>/okta-inputs-connect`"
                    : "`" + ConfigDef.convertToString(k.defaultValue, k.type) + "`";
            sb.append("| `").append(k.name).append("` | ").append(k.type.toString().toLowerCase(java.util.Locale.ROOT))
                    .append(" | ").append(dflt).append(" | ").append(k.documentation.replace("|", "\\|")).append(" |\n");
        }
        sb.append("| `okta.<family>.cron` | string | ").append(defaultSchedules()).append(" | When the family's inputs run: 5-field")
                .append(" Unix cron, Quartz 6/7 fields (with seconds), or @hourly/@daily/...; read in okta.time.zone. |\n");
        sb.append("| `okta.<family>.<option>` | string | the input's | An option of the family's inputs, e.g. `okta.users.page_size`,")
                .append(" `okta.system_log.lookback`: the option table in the README of the input's module. |\n");
        return sb.toString();
    }

    /**
     * @return e.g. {@code `*}{@code /30 * * * *` (system_log: `* * * * *`)}: the default every input declares unless it
     *         declares its own, then the families that do
     */
    private static String defaultSchedules() {
        StringBuilder sb = new StringBuilder("`").append(OktaInput.DEFAULT_SCHEDULE).append('`');
        String own = OktaConnectorConfig.FAMILIES.names().stream()
                .filter(f -> !OktaConnectorConfig.FAMILIES.defaultSchedule(f).equals(OktaInput.DEFAULT_SCHEDULE))
                .map(f -> f + ": `" + OktaConnectorConfig.FAMILIES.defaultSchedule(f) + "`").collect(Collectors.joining(", "));
        return own.isEmpty() ? sb.toString() : sb.append(" (").append(own).append(')').toString();
    }
}
