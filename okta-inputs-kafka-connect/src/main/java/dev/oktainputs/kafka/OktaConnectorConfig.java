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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * The connector's configuration: its keys (public constants), the {@link ConfigDef} ({@link ConfigDefinition} builds
 * it from core's and the inputs' declarations, so nothing is stated twice), and typed reads of a connector's or task's
 * settings, mapped onto core's {@link ConnectionSettings} and each input's {@link InputOptions}. Secrets are
 * {@link Type#PASSWORD} and print as {@code [hidden]}.
 *
 * <p>The keys' names and core's field names mapped to them are in {@link ConnectorKeys}, the checks Kafka's validators
 * lack in {@link ConfigValidators}, the docs' table of this configuration in {@link ConfigReference}.
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


    /** The families of the inputs on the plugin's class path, found once. */
    static final InputFamilies FAMILIES = availableFamilies();
    /** The configuration definition, built from the inputs found on the plugin's class path. */
    public static final ConfigDef CONFIG_DEF = ConfigDefinition.define(FAMILIES);

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
}
