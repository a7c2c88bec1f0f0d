package dev.oktainputs.kafka;

import dev.oktainputs.core.InputFamilies;
import dev.oktainputs.core.Inputs;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.auth.ConnectionSettings;
import dev.oktainputs.core.config.ConfigField;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.error.OktaConfigurationException;
import dev.oktainputs.core.schedule.CronSchedule;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * The connector's configuration, declared once in a {@link ConfigDef}. Connection keys are defined from core's
 * declarations of their fields ({@link ConfigField}) and map onto core's {@link ConnectionSettings}; the per-family keys {@code okta.<family>.cron} and {@code okta.<family>.<option>} are
 * generated from the inputs' own {@link InputOption} declarations (type, default, range, doc), so nothing is stated
 * twice. Secrets are {@link Type#PASSWORD} and print as {@code [hidden]}.
 *
 * <p>The keys' names and core's field names mapped to them are in {@link ConnectorKeys}, the checks Kafka's validators
 * lack in {@link ConfigValidators}, the README's table of this configuration in {@link ConfigReference}.
 */
public final class OktaConnectorConfig extends AbstractConfig {

    /** The org. */
    public static final String ORG_URL = "okta.org.url";
    /** API token. */
    public static final String API_KEY = "okta.api.key";
    /** Service app client id. */
    public static final String CLIENT_ID = "okta.oauth.client.id";
    /** Service app key id. */
    public static final String KEY_ID = "okta.oauth.key.id";
    /** Service app private key. */
    public static final String PRIVATE_KEY = "okta.oauth.private.key";
    /** DPoP mode. */
    public static final String DPOP = "okta.oauth.dpop";
    /** The families to run. */
    public static final String INPUTS = "okta.inputs";
    /** Zone of the cron expressions. */
    public static final String TIME_ZONE = "okta.time.zone";
    /** Local directory of id sets. */
    public static final String STATE_DIR = "okta.state.dir";
    /** Longest a poll() waits for the next fire. */
    public static final String POLL_MAX_WAIT_MS = "okta.poll.max.wait.ms";
    /** The compacted topic that holds the id sets and de-duplication windows. */
    public static final String STATE_TOPIC = "okta.state.topic";
    /** The Kafka cluster of the state topic. */
    public static final String STATE_BOOTSTRAP = "okta.state.bootstrap.servers";
    /** Prefix of further client settings (security, ...) for the state topic's clients. */
    public static final String STATE_KAFKA_PREFIX = "okta.state.kafka.";
    /** Topic prefix. */
    public static final String TOPIC_PREFIX = "topic.prefix";
    /** Tombstones or delete markers. */
    public static final String TOMBSTONES = "tombstones.on.delete";
    /** What a record's Kafka timestamp is: when it was read, or Okta's time. */
    public static final String RECORD_TIMESTAMP = "okta.record.timestamp";
    /** Topic of the records that commit the offset of a run that emitted none. */
    public static final String HEARTBEAT_TOPIC = "heartbeat.topic";
    /** Set by the connector on each task: the families this task runs. Not for users. */
    static final String TASK_FAMILIES = "okta.task.families";

    private static final String GROUP_CONNECTION = "Okta connection";
    private static final String GROUP_OUTPUT = "Output";
    private static final String GROUP_INPUTS = "Inputs";

    /** The families of the inputs on the plugin's class path, found once. */
    static final InputFamilies FAMILIES = availableFamilies();
    /** The configuration definition, built from the inputs found on the plugin's class path. */
    public static final ConfigDef CONFIG_DEF = define(FAMILIES);

    private final Map<String, String> originals;

    /** @param props the connector or task configuration */
    public OktaConnectorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        this.originals = Map.copyOf(props);
    }

    /**
     * @return every input on the plugin's class path, by name
     */
    static Map<String, OktaInput> availableInputs() {
        return Inputs.discover(OktaConnectorConfig.class.getClassLoader());
    }

    /**
     * @return the families of the inputs on the plugin's class path
     */
    static InputFamilies availableFamilies() {
        return InputFamilies.discover(OktaConnectorConfig.class.getClassLoader());
    }

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
        String doc = inConnectorTerms(field.doc()) + (field != ConfigField.PRIVATE_KEY ? ""
                : " Use a config provider (e.g. ${dir:/etc/okta-secrets:private_key.pem}) to keep it out of the connector config.");
        ConfigDef.Validator validator = field == ConfigField.DPOP ? ConfigValidators.dpopValidator()
                : field.required() ? new ConfigDef.NonEmptyString() : null;
        def.define(connectorKey(field), field.secret() ? Type.PASSWORD : Type.STRING,
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

    /** @return the org URL as configured */
    public String orgUrl() {
        return getString(ORG_URL);
    }

    /** @return the org, credentials and DPoP mode, for core's credentials and check */
    public ConnectionSettings connectionSettings() {
        Password key = getPassword(API_KEY);
        Password pk = getPassword(PRIVATE_KEY);
        return settings(getString(ORG_URL), key == null ? null : key.value(), getString(CLIENT_ID), getString(KEY_ID),
                pk == null ? null : pk.value(), getString(DPOP));
    }

    /**
     * The connection settings of a configuration that may not parse as a whole, for {@code validate()}: their static
     * problems are reported together with every other field's.
     *
     * @param raw the configuration as given
     * @return the settings
     */
    static ConnectionSettings connectionSettings(Map<String, String> raw) {
        return settings(raw.get(ORG_URL), raw.get(API_KEY), raw.get(CLIENT_ID), raw.get(KEY_ID), raw.get(PRIVATE_KEY),
                raw.getOrDefault(DPOP, ConfigField.DPOP.defaultValue()));
    }

    private static ConnectionSettings settings(String org, String apiKey, String clientId, String keyId, String privateKey,
                                               String dpop) {
        return ConnectionSettings.builder()
                .orgUrl(org)
                .apiToken(apiKey == null || apiKey.isBlank() ? null : Secret.of(apiKey.strip()))
                .clientId(clientId)
                .keyId(keyId)
                .privateKey(privateKey == null || privateKey.isBlank() ? null : Secret.of(privateKey))
                .dpop(dpop)
                .build();
    }

    /** @return the configured families */
    public List<String> families() {
        return getList(INPUTS);
    }

    /** @return the families this task runs (set by the connector), or all configured ones */
    public List<String> taskFamilies() {
        List<String> mine = getList(TASK_FAMILIES);
        return mine.isEmpty() ? families() : mine;
    }

    /** @return the zone cron expressions are read in */
    public ZoneId timeZone() {
        return CronSchedule.zone(getString(TIME_ZONE), TIME_ZONE);
    }

    /**
     * @param family a family
     * @return its schedule
     */
    public CronSchedule schedule(String family) {
        return CronSchedule.parse(getString(ConnectorKeys.cronKey(family)), timeZone(), ConnectorKeys.cronKey(family));
    }

    /**
     * The options configured for one input of a family: the family's keys that the input declares, as given (the
     * input applies its own defaults).
     *
     * @param family the family
     * @param input  one of its inputs
     * @return the raw values by option name
     */
    public Map<String, Object> rawOptions(String family, OktaInput input) {
        Map<String, Object> raw = new TreeMap<>();
        for (InputOption<?> o : input.options()) {
            String v = originals.get(ConnectorKeys.optionKey(family, o.name()));
            if (v != null) {
                raw.put(o.name(), v);
            }
        }
        return raw;
    }

    /**
     * @param family the family
     * @param input  one of its inputs
     * @return its parsed options
     * @throws OktaConfigurationException naming each field as this connector names it
     */
    public InputOptions options(String family, OktaInput input) {
        try {
            return InputOptions.parse(input.name(), input.options(), rawOptions(family, input));
        } catch (OktaConfigurationException e) {
            throw new OktaConfigurationException(e.problems().stream().map(p -> ConnectorKeys.connectorField(p, family))
                    .collect(Collectors.toList()));
        }
    }

    /** @return the local directory of this connector's id sets */
    public Path stateDir(String connectorName) {
        String safe = connectorName == null ? "default" : connectorName.replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(getString(STATE_DIR)).resolve(safe);
    }

    /** @return the connector's name ({@code name}, which Connect puts into every task's configuration) */
    public String connectorName() {
        String n = originals.get("name");
        return n == null || n.isBlank() ? "default" : n;
    }

    /** @return the state topic */
    public String stateTopic() {
        return getString(STATE_TOPIC).strip();
    }

    /** @return the state topic's client settings: bootstrap.servers and every okta.state.kafka.* setting */
    public Map<String, Object> stateClientConfig() {
        Map<String, Object> c = new HashMap<>(originalsWithPrefix(STATE_KAFKA_PREFIX));
        c.put("bootstrap.servers", String.join(",", getList(STATE_BOOTSTRAP)));
        return c;
    }

    /** @return how long a poll waits at most */
    public long pollMaxWaitMs() {
        return getLong(POLL_MAX_WAIT_MS);
    }

    /** @return the topic prefix */
    public String topicPrefix() {
        return getString(TOPIC_PREFIX);
    }

    /** @return true when deletes become tombstones */
    public boolean tombstones() {
        return getBoolean(TOMBSTONES);
    }

    /** @return what a record's Kafka timestamp is */
    RecordConverter.TimestampSource timestampSource() {
        return RecordConverter.TimestampSource.of(getString(RECORD_TIMESTAMP));
    }

    /** @return the heartbeat topic, or null when heartbeats are off */
    public String heartbeatTopic() {
        String t = getString(HEARTBEAT_TOPIC);
        return t == null || t.isBlank() ? null : t.strip();
    }

    /**
     * The README's config reference ({@link ConfigReference}).
     *
     * @return a Markdown table
     */
    static String markdownTable() {
        return ConfigReference.markdownTable(CONFIG_DEF);
    }

    /** @return the key of a family's option ({@link ConnectorKeys#optionKey}) */
    static String optionKey(String family, String option) {
        return ConnectorKeys.optionKey(family, option);
    }

    /** @return the connector key of a connection field of core ({@link ConnectorKeys#connectorKey(ConfigField)}) */
    static String connectorKey(ConfigField field) {
        return ConnectorKeys.connectorKey(field);
    }

    /** @return the connector key of a field as core names it ({@link ConnectorKeys#connectorKey(String)}) */
    static String connectorKey(String coreField) {
        return ConnectorKeys.connectorKey(coreField);
    }

    /** @return the message in the connector's terms ({@link ConnectorKeys#inConnectorTerms}) */
    static String inConnectorTerms(String message) {
        return ConnectorKeys.inConnectorTerms(message);
    }
}
