package dev.oktainputs.core.auth;

import dev.oktainputs.core.config.ConfigField;
import dev.oktainputs.core.error.OktaConfigurationException;
import java.util.Locale;

/**
 * Whether token requests of a service app carry a DPoP proof (RFC 9449). Okta creates new API Services apps
 * with "Require Demonstrating Proof of Possession (DPoP) header in token requests" turned on.
 */
public enum DpopMode {
    /** The default: no proof until Okta answers {@code invalid_dpop_proof}, then DPoP for the client's lifetime. */
    AUTO,
    /** Always send DPoP proofs. */
    ON,
    /** Never send DPoP proofs; an app that requires them fails with a message that says how to fix the app. */
    OFF;

    /** The mode when none is configured. */
    public static final DpopMode DEFAULT = AUTO;

    /**
     * The one reader of the setting, for every host (the runner's YAML, the Kafka connector's validator).
     *
     * @param raw {@code auto}, {@code on} or {@code off} (case-insensitive); null or blank means {@link #DEFAULT}.
     *            {@code true} / {@code false} are read as on / off, because YAML 1.1 turns an unquoted
     *            {@code on} / {@code off} into a boolean.
     * @return the mode
     * @throws OktaConfigurationException naming {@code dpop} for any other value
     */
    public static DpopMode parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT;
        }
        switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "auto":
                return AUTO;
            case "on":
            case "true":
                return ON;
            case "off":
            case "false":
                return OFF;
            default:
                throw new OktaConfigurationException(ConfigField.DPOP.field(), "'" + raw.strip() + "' is not a DPoP mode. Fix: set it to auto "
                        + "(the default: use DPoP when the service app requires it), on, or off.");
        }
    }

    /** @return the setting's value, e.g. {@code auto} */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
