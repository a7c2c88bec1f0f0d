package dev.oktainputs.kafka;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.auth.ConnectionSettings;
import dev.oktainputs.core.check.ConnectionCheck;
import dev.oktainputs.core.config.FieldProblem;
import dev.oktainputs.core.error.OktaAuthenticationException;
import dev.oktainputs.core.error.OktaConfigurationException;
import dev.oktainputs.core.error.OktaException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Okta as a Kafka Connect source: the okta-inputs inputs, schedule and client on a Connect cluster. Topics
 * {@code <topic.prefix><stream>}; each input's checkpoint is the source offset of partition {@code {org, stream}}.
 * See docs/kafka-connect.md for the configuration.
 */
public class OktaSourceConnector extends SourceConnector {

    private Map<String, String> props;
    private OktaConnectorConfig config;

    @Override
    public String version() {
        return Version.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        try {
            this.config = new OktaConnectorConfig(props);
        } catch (ConfigException e) {
            throw new ConnectException(e.getMessage(), e);
        }
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return OktaSourceTask.class;
    }

    /**
     * Spreads the configured families over {@code min(maxTasks, families)} tasks, round robin. A family (and so the
     * System Log, one input with one cursor) is never split: its inputs share a task.
     */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<String> families = config.families();
        int n = Math.max(1, Math.min(maxTasks, families.size()));
        List<List<String>> groups = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < families.size(); i++) {
            groups.get(i % n).add(families.get(i));
        }
        List<Map<String, String>> tasks = new ArrayList<>();
        for (List<String> group : groups) {
            Map<String, String> task = new HashMap<>(props);
            task.put(OktaConnectorConfig.TASK_FAMILIES, String.join(",", group));
            tasks.add(task);
        }
        return tasks;
    }

    @Override
    public void stop() {
        // nothing held
    }

    @Override
    public ConfigDef config() {
        return OktaConnectorConfig.CONFIG_DEF;
    }

    /**
     * Static checks first (every field, each error on its field); when they pass, core's {@link ConnectionCheck}: the
     * credentials and one cheap authenticated call per input, a failure attached to the credential field (401) or to
     * {@value OktaConnectorConfig#INPUTS} (403, naming the input and its scope).
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        Map<String, ConfigValue> byName = new HashMap<>();
        result.configValues().forEach(v -> byName.put(v.name(), v));
        ConnectionSettings settings = OktaConnectorConfig.connectionSettings(connectorConfigs);
        List<FieldProblem> problems = settings.problems();
        problems.forEach(core -> {
            FieldProblem p = core.renamed(ConnectorKeys::connectorKey); // okta.api.key, not core's api_token
            ConfigValue v = byName.get(p.field());
            if (v == null || v.errorMessages().isEmpty()) { // ConfigDef may have said it already (e.g. dpop)
                addError(byName, p.field(), p.message());
            }
        });
        boolean staticErrors = result.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty());
        if (staticErrors) {
            return result; // no request before every field is valid
        }
        OktaConnectorConfig cfg = new OktaConnectorConfig(connectorConfigs);
        ConnectionCheck check = ConnectionCheck.of(settings);
        Map<String, String> familyOf = new HashMap<>();
        for (String family : cfg.families()) {
            for (OktaInput input : OktaConnectorConfig.FAMILIES.members(family)) {
                check.input(input, cfg.rawOptions(family, input));
                familyOf.put(input.name(), family);
            }
        }
        ConnectionCheck.Result checked = check.run();
        checked.problems().forEach(p -> {
            String field = p.field();
            String key = field.startsWith("inputs.") && field.split("\\.").length == 3
                    ? ConnectorKeys.optionKey(familyOf.getOrDefault(field.split("\\.")[1], field.split("\\.")[1]), field.split("\\.")[2])
                    : ConnectorKeys.connectorKey(field);
            addError(byName, key, ConnectorKeys.inConnectorTerms(p.message()));
        });
        Set<String> reported = new HashSet<>();
        for (ConnectionCheck.InputCheck c : checked.inputs()) {
            if (c.status() != ConnectionCheck.Status.FAILED || !reported.add(c.message())) {
                continue;
            }
            OktaException error = c.error();
            String message = ConnectorKeys.inConnectorTerms(c.message());
            if (error instanceof OktaAuthenticationException) {
                addError(byName, settings.isServiceApp() ? OktaConnectorConfig.CLIENT_ID : OktaConnectorConfig.API_KEY, message);
            } else {
                addError(byName, OktaConnectorConfig.INPUTS, c.input() + ": " + message);
            }
        }
        return result;
    }

    private static void addError(Map<String, ConfigValue> byName, String key, String message) {
        ConfigValue v = byName.get(key);
        if (v == null) {
            v = byName.get(OktaConnectorConfig.INPUTS);
            message = key + ": " + message;
        }
        v.addErrorMessage(message);
    }

    /** The resume position is fully determined by the committed offsets (the inputs' checkpoints). */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /**
     * Checks offsets an operator writes through {@code PATCH /connectors/<name>/offsets} (or removes with
     * {@code DELETE}): each partition must be {@code {org, stream}} of this connector's org and one of its inputs, and
     * each offset a checkpoint ({@code checkpoint_version} plus the input's flat values, and optionally
     * {@code last_fire}, an ISO-8601 instant) or null (start over). A refusal is answered with HTTP 400 (see
     * {@link #refused(String)}).
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        OktaConnectorConfig cfg;
        String org;
        try {
            cfg = new OktaConnectorConfig(connectorConfig);
            org = OrgUrl.parse(cfg.orgUrl()).toString();
        } catch (ConfigException | OktaConfigurationException e) {
            throw new ConnectException(ConnectorKeys.inConnectorTerms(e.getMessage()), e);
        }
        Set<String> streams = new HashSet<>();
        cfg.families().forEach(f -> streams.addAll(OktaConnectorConfig.FAMILIES.inputNames(f)));
        offsets.forEach((partition, offset) -> {
            if (partition == null || !(partition.get(SourceOffsets.ORG) instanceof String)
                    || !(partition.get(SourceOffsets.STREAM) instanceof String) || partition.size() != 2) {
                throw refused("a partition must be {\"org\": \"" + org + "\", \"stream\": <input>}, got " + partition);
            }
            if (!org.equals(partition.get(SourceOffsets.ORG))) {
                throw refused("partition " + partition + " names another org; this connector reads " + org);
            }
            String stream = (String) partition.get(SourceOffsets.STREAM);
            if (!streams.contains(stream)) {
                throw refused("partition " + partition + ": '" + stream + "' is not an input of this connector."
                        + " Its inputs: " + String.join(", ", new java.util.TreeSet<>(streams)));
            }
            try {
                SourceOffsets.checkpoint(offset);
                SourceOffsets.lastFire(offset);
            } catch (IllegalArgumentException e) {
                throw refused("offset of " + stream + ": " + e.getMessage());
            }
        });
        return true;
    }

    /**
     * The runtime's own 400 for a request it cannot carry out. Connect 4.x hands whatever {@code alterOffsets} throws to
     * the REST layer ({@code Worker.modifySourceConnectorOffsets} catches it and passes it through
     * {@code ConnectUtils.maybeWrap}, which keeps a {@link ConnectException} as it is; {@code HerderRequestHandler}
     * rethrows it), and {@code ConnectExceptionMapper} answers with the status of a {@code ConnectRestException}, 404 for
     * connect-api's {@code NotFoundException}, 409 for its {@code AlreadyExistsException}, and 500 for anything else:
     * connect-api has no exception for 400. {@code BadRequestException} of connect-runtime (a
     * {@code ConnectRestException} of status 400, which the runtime throws for bad sink offsets and configs) is loaded
     * from the worker's class path (Connect loads {@code org.apache.kafka.connect.runtime.*} outside plugin isolation),
     * by name, so that the plugin does not depend on connect-runtime. On a worker without it the refusal is the same
     * message with status 500.
     */
    static ConnectException refused(String message) {
        try {
            Object e = Class.forName(RUNTIME_BAD_REQUEST, true, OktaSourceConnector.class.getClassLoader())
                    .getConstructor(String.class).newInstance(message);
            if (e instanceof ConnectException) {
                return (ConnectException) e;
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // not on this worker: a plain ConnectException below
        }
        return new ConnectException(message);
    }

    /** connect-runtime's 400 (see {@link #refused(String)}). */
    static final String RUNTIME_BAD_REQUEST = "org.apache.kafka.connect.runtime.rest.errors.BadRequestException";
}
