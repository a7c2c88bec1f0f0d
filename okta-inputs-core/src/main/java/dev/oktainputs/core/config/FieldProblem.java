package dev.oktainputs.core.config;

import java.util.Objects;

/**
 * One problem with one setting, for reports that list every problem at once (the {@code check} operation, a
 * Kafka connector's {@code validate()}).
 *
 * @param field   the setting, e.g. {@code org_url}, {@code private_key}, {@code inputs.users.page_size}
 * @param message what is wrong and how to fix it; never holds a secret
 */
public record FieldProblem(String field, String message) {

    /** Validates. */
    public FieldProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /**
     * @param problem a problem as {@link dev.oktainputs.core.error.OktaConfigurationException#problems()} lists
     *                it, {@code "field: message"}
     * @return the problem split into field and message
     */
    public static FieldProblem parse(String problem) {
        int colon = problem.indexOf(": ");
        return colon <= 0 ? new FieldProblem("", problem)
                : new FieldProblem(problem.substring(0, colon), problem.substring(colon + 2));
    }

    /** @return {@code field: message} */
    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
