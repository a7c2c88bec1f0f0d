package dev.oktainputs.kafka;

import dev.oktainputs.core.auth.DpopMode;
import dev.oktainputs.core.config.ConfigField;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.error.OktaConfigurationException;
import dev.oktainputs.core.schedule.CronSchedule;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The checks of the connector's {@link OktaConnectorConfig#CONFIG_DEF} that Kafka's own validators do not cover. */
final class ConfigValidators {

    private ConfigValidators() {
    }

    static ConfigDef.Validator familiesValidator(Set<String> known) {
        return (name, value) -> {
            @SuppressWarnings("unchecked")
            List<String> families = (List<String>) value;
            if (families == null || families.isEmpty()) {
                throw new ConfigException(name, value, "list at least one of " + String.join(", ", known));
            }
            for (String f : families) {
                if (!known.contains(f)) {
                    throw new ConfigException(name, value, "'" + f + "' is not an input on the plugin path. Available: "
                            + String.join(", ", known));
                }
            }
            if (new LinkedHashSet<>(families).size() != families.size()) {
                throw new ConfigException(name, value, "lists an input twice");
            }
        };
    }

    static ConfigDef.Validator nonEmptyList() {
        return (name, value) -> {
            if (value == null || ((List<?>) value).stream().allMatch(v -> v.toString().isBlank())) {
                throw new ConfigException(name, value, "the Kafka cluster of the state topic is required. Fix: set it to the"
                        + " workers' bootstrap.servers (host:port,...)");
            }
        };
    }

    static ConfigDef.Validator zoneValidator() {
        return (name, value) -> {
            try {
                CronSchedule.zone((String) value, name);
            } catch (OktaConfigurationException e) {
                throw new ConfigException(name, value, problemText(e));
            }
        };
    }

    static ConfigDef.Validator cronValidator() {
        return (name, value) -> {
            try {
                CronSchedule.parse((String) value, java.time.ZoneOffset.UTC, name);
            } catch (OktaConfigurationException e) {
                throw new ConfigException(name, value, problemText(e));
            }
        };
    }

    static ConfigDef.Validator optionValidator(List<InputOption<?>> options) {
        return (name, value) -> {
            if (value == null) {
                return;
            }
            for (InputOption<?> o : options) {
                try {
                    o.parse(value);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }
        };
    }

    /** Core's one reader of the DPoP mode decides (any case; true / false for on / off), in the connector's terms. */
    static ConfigDef.Validator dpopValidator() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            try {
                DpopMode.parse((String) value);
            } catch (OktaConfigurationException e) {
                throw new ConfigException(name, value, problemText(e));
            }
        }, ConfigField.DPOP::type);
    }

    private static String problemText(OktaConfigurationException e) {
        return e.problems().stream().map(p -> ConnectorKeys.inConnectorTerms(p.substring(p.indexOf(": ") + 2))).collect(Collectors.joining("; "));
    }
}
