package dev.oktainputs.core.config;

import java.util.Objects;
import java.util.function.Function;

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

    /**
     * @param rename a host's key of a field as core names it (see {@link ConfigField#rename(String, Function)})
     * @return this problem with its field and every field its message names in the host's terms
     */
    public FieldProblem renamed(Function<String, String> rename) {
        return new FieldProblem(field.isEmpty() ? field : rename.apply(field), ConfigField.rename(message, rename));
    }

    /** @return {@code field: message} */
    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
