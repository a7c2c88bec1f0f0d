package dev.oktainputs.core.error;

import java.util.List;

/**
 * The configuration is invalid: a bad org URL, a missing credential, an option out of range. Raised before
 * any request is sent; lists every problem found, each naming its field and the fix. Permanent.
 */
public class OktaConfigurationException extends OktaException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * @param field   the configuration field at fault, e.g. {@code org_url}
     * @param problem what is wrong and how to fix it
     */
    public OktaConfigurationException(String field, String problem) {
        this(List.of(field + ": " + problem));
    }

    /**
     * @param problems every problem found, each starting with its field name
     */
    public OktaConfigurationException(List<String> problems) {
        super(problems.size() == 1 ? "Invalid configuration: " + problems.get(0)
                : "Invalid configuration (" + problems.size() + " problems):\n  - " + String.join("\n  - ", problems),
                OktaErrorDetails.NONE, null);
        this.problems = List.copyOf(problems);
    }

    /** @return each problem, starting with the name of its field */
    public List<String> problems() {
        return problems;
    }

    @Override
    public boolean isRetriable() {
        return false;
    }
}
