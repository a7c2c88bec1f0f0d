package dev.oktainputs.kafka;

import static dev.oktainputs.kafka.OktaConnectorConfig.HEARTBEAT_TOPIC;
import static dev.oktainputs.kafka.OktaConnectorConfig.INPUTS;
import static dev.oktainputs.kafka.OktaConnectorConfig.POLL_MAX_WAIT_MS;
import static dev.oktainputs.kafka.OktaConnectorConfig.RECORD_TIMESTAMP;
import static dev.oktainputs.kafka.OktaConnectorConfig.STATE_BOOTSTRAP;
import static dev.oktainputs.kafka.OktaConnectorConfig.STATE_DIR;
import static dev.oktainputs.kafka.OktaConnectorConfig.STATE_TOPIC;
import static dev.oktainputs.kafka.OktaConnectorConfig.TASK_FAMILIES;
import static dev.oktainputs.kafka.OktaConnectorConfig.TIME_ZONE;
import static dev.oktainputs.kafka.OktaConnectorConfig.TOMBSTONES;
import static dev.oktainputs.kafka.OktaConnectorConfig.TOPIC_PREFIX;

import dev.oktainputs.core.InputFamilies;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.config.ConfigField;
import dev.oktainputs.core.config.InputOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Builds {@link OktaConnectorConfig#CONFIG_DEF}: the connection keys from core's declarations of their fields
 * ({@link ConfigField}), the connector's own keys, and each family's {@code okta.<family>.cron} and
 * {@code okta.<family>.<option>} from the inputs' {@link InputOption} declarations, so nothing is stated twice.
 */
final class ConfigDefinition {

    private static final String GROUP_CONNECTION = "Okta connection";
    private static final String GROUP_OUTPUT = "Output";
    private static final String GROUP_INPUTS = "Inputs";

    private ConfigDefinition() {
    }

    /**
     * @param inputFamilies the families of the inputs present
     * @return the definition: connection keys from core's declarations, then the inputs and output groups, then each
     *         family's cron and options
     */
    static ConfigDef define(InputFamilies inputFamilies) {
        ConfigDef def = new ConfigDef();
        int order = 0;
        for (ConfigField field : ConfigField.values()) {
            defineConnection(def, field, ++order);
        }
        Map<String, List<OktaInput>> families = inputFamilies.all();
        def.define(INPUTS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, ConfigValidators.familiesValidator(families.keySet()),
                Importance.HIGH,
                "The stream families to run: " + String.join(", ", families.keySet()) + "." + compositions(families),
                GROUP_INPUTS, ++order, ConfigDef.Width.LONG, "Inputs");
        def.define(TIME_ZONE, Type.STRING, "UTC", ConfigValidators.zoneValidator(), Importance.LOW,
                "Time zone the cron expressions are read in, e.g. Europe/Berlin.", GROUP_INPUTS, ++order,
                ConfigDef.Width.SHORT, "Time zone");
        def.define(STATE_BOOTSTRAP, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, ConfigValidators.nonEmptyList(), Importance.HIGH,
                "The Kafka cluster that holds the state topic, usually the Connect cluster's own: the workers'"
                        + " bootstrap.servers. Further client settings it needs (security.protocol, sasl.*, ssl.*) go in"
                        + " okta.state.kafka.<setting>.", GROUP_INPUTS, ++order, ConfigDef.Width.LONG, "State bootstrap servers");
        def.define(STATE_TOPIC, Type.STRING, "okta-inputs-state", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                "The compacted topic where the tasks keep the id sets behind deletion detection and the System Log's"
                        + " de-duplication window, so that a task that moves to another worker reads them back. Created with"
                        + " cleanup.policy=compact when missing; connectors may share it (keys start with the connector's"
                        + " name).", GROUP_INPUTS, ++order, ConfigDef.Width.MEDIUM, "State topic");
        def.define(STATE_DIR, Type.STRING, defaultStateDir(), Importance.LOW,
                "Local directory where a running task caches the id sets it read from or wrote to the state topic (never the"
                        + " only copy). One sub-directory per task, removed when the task stops; one left by a task that"
                        + " crashed is removed by the next task of the connector on that worker.", GROUP_INPUTS, ++order,
                ConfigDef.Width.LONG, "State cache directory");
        def.define(POLL_MAX_WAIT_MS, Type.LONG, 1000L, ConfigDef.Range.between(10L, 60_000L), Importance.LOW,
                "How long one poll() waits at most for the next batch (the next scheduled run, a slow Okta page, a"
                        + " retry back-off) before returning no records, so that the worker can commit offsets and stop the"
                        + " task at any time.", GROUP_INPUTS, ++order,
                ConfigDef.Width.SHORT, "Poll wait (ms)");
        def.define(TOPIC_PREFIX, Type.STRING, "okta.", Importance.MEDIUM,
                "Prefix of the topics: one topic per stream, e.g. okta.users, okta.group_members, okta.system_log.",
                GROUP_OUTPUT, ++order, ConfigDef.Width.MEDIUM, "Topic prefix");
        def.define(TOMBSTONES, Type.BOOLEAN, true, Importance.MEDIUM,
                "true: a deleted object (user, group membership, ...) becomes a tombstone (key, null value), so compacted"
                        + " topics forget it. false: a record whose value is {\"id\": key, \"deleted\": true}.",
                GROUP_OUTPUT, ++order, ConfigDef.Width.SHORT, "Tombstones on delete");
        def.define(RECORD_TIMESTAMP, Type.STRING, RecordConverter.TimestampSource.READ.configValue(),
                ConfigDef.ValidString.in("read", "okta"), Importance.MEDIUM,
                "The Kafka timestamp of each record. read: when the task read it, so that time-based retention (the broker's"
                        + " default cleanup.policy=delete, 7 days) counts from the load and keeps a directory whose objects last"
                        + " changed years ago. okta: Okta's lastUpdated (published for System Log events), event time; with"
                        + " time retention the broker then deletes every record older than the retention soon after it is"
                        + " written. Either way Okta's time is in the value and in the okta.timestamp header.",
                GROUP_OUTPUT, ++order, ConfigDef.Width.SHORT, "Record timestamp");
        def.define(HEARTBEAT_TOPIC, Type.STRING, null, Importance.LOW,
                "Unset (or empty): off. A topic: when an input's run ends without a record of its own (nothing changed), one small record"
                        + " (key the stream, value {org, stream, last_fire}) goes to this topic, so that the run's checkpoint"
                        + " and last_fire are committed and a restarted task waits for the input's next cron fire instead of"
                        + " running it again at once. Worth it when inputs that list everything on every run (apps,"
                        + " app_users, app_groups, role_assignments, ...) often find nothing new; a compacted topic keeps"
                        + " one record per stream.", GROUP_OUTPUT, ++order, ConfigDef.Width.MEDIUM, "Heartbeat topic");
        def.defineInternal(TASK_FAMILIES, Type.LIST, "", Importance.LOW);
        families.forEach((family, members) -> defineFamily(def, family, members));
        return def;
    }

    /**
     * Defines a connection key from core's declaration of its field (type, default, doc, secret or not), in the
     * connector's terms; what is the connector's own is its key, importance, width, label and a hint on config providers.
     */
    private static void defineConnection(ConfigDef def, ConfigField field, int order) {
        String label = switch (field) {
            case ORG_URL -> "Org URL";
            case API_TOKEN -> "API token";
            case CLIENT_ID -> "Client id";
            case KEY_ID -> "Key id";
            case PRIVATE_KEY -> "Private key";
            case DPOP -> "DPoP";
        };
        Importance importance = switch (field) {
            case KEY_ID -> Importance.MEDIUM;
            case DPOP -> Importance.LOW;
            default -> Importance.HIGH;
        };
        ConfigDef.Width width = switch (field) {
            case CLIENT_ID, KEY_ID -> ConfigDef.Width.MEDIUM;
            case DPOP -> ConfigDef.Width.SHORT;
            default -> ConfigDef.Width.LONG;
        };
        String doc = ConnectorKeys.inConnectorTerms(field.doc()) + (field != ConfigField.PRIVATE_KEY ? ""
                : " Use a config provider (e.g. ${dir:/etc/okta-secrets:private_key.pem}) to keep it out of the connector config.");
        ConfigDef.Validator validator = field == ConfigField.DPOP ? ConfigValidators.dpopValidator()
                : field.required() ? new ConfigDef.NonEmptyString() : null;
        def.define(ConnectorKeys.connectorKey(field), field.secret() ? Type.PASSWORD : Type.STRING,
                field.required() ? ConfigDef.NO_DEFAULT_VALUE : field.defaultValue(), validator, importance, doc,
                GROUP_CONNECTION, order, width, label);
    }

    /**
     * @param families the families present
     * @return e.g. {@code " groups = groups + group_members; roles = custom_roles + role_assignments."}, naming each
     *         family that is not a single input of its own name
     */
    private static String compositions(Map<String, List<OktaInput>> families) {
        List<String> parts = new ArrayList<>();
        families.forEach((family, members) -> {
            if (members.size() > 1 || !members.get(0).name().equals(family)) {
                parts.add(family + " = " + members.stream().map(OktaInput::name).collect(Collectors.joining(" + ")));
            }
        });
        return parts.isEmpty() ? "" : " " + String.join("; ", parts) + ".";
    }

    private static void defineFamily(ConfigDef def, String family, List<OktaInput> members) {
        String group = "Input " + family;
        int[] order = {0};
        def.define(ConnectorKeys.cronKey(family), Type.STRING, members.get(0).defaultSchedule(), ConfigValidators.cronValidator(),
                Importance.MEDIUM,
                "When " + family + " runs: 5-field Unix cron, Quartz 6/7 fields (with seconds), or @hourly/@daily/...; read in "
                        + TIME_ZONE + ".", group, ++order[0], ConfigDef.Width.MEDIUM, family + " cron");
        Map<String, List<InputOption<?>>> byName = new LinkedHashMap<>();
        members.forEach(m -> m.options().forEach(o -> byName.computeIfAbsent(o.name(), k -> new ArrayList<>()).add(o)));
        byName.forEach((name, options) -> {
            InputOption<?> first = options.get(0);
            Set<String> defaults = options.stream().map(o -> String.valueOf(o.defaultValue())).collect(Collectors.toCollection(LinkedHashSet::new));
            // Only plain defaults are written as config text; richer ones (e.g. parsed import rules) stay the input's.
            Object d = first.defaultValue();
            boolean plain = d instanceof String || d instanceof Number || d instanceof Boolean || d instanceof java.time.Duration;
            Object dflt = defaults.size() == 1 && plain ? text(d) : null;
            String doc = first.doc() + " (" + first.type() + (defaults.size() > 1
                    ? "; default per input: " + members.stream().flatMap(m -> m.options().stream().filter(o -> o.name().equals(name))
                    .map(o -> m.name() + " " + text(o.defaultValue()))).collect(Collectors.joining(", ")) : "") + ")";
            def.define(ConnectorKeys.optionKey(family, name), Type.STRING, dflt, ConfigValidators.optionValidator(options),
                    Importance.LOW, doc, group, ++order[0], ConfigDef.Width.MEDIUM, family + " " + name);
        });
    }

    private static Object text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String defaultStateDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "okta-inputs-connect").toString();
    }
}
