package dev.oktainputs.core.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The settings core itself names in its messages ({@link FieldProblem#field()}, exception messages such as "Fix: set
 * api_token to ..."), by the names of core's API: the connection settings below, and {@code inputs.<input>} /
 * {@code inputs.<input>.<option>} for an input and its options. A host whose configuration names them differently (the
 * Kafka connector's {@code okta.api.key}, the runner's {@code auth.api_key}) maps each of these fields to its own key
 * once and passes every message through {@link #rename(String, Function)}.
 */
public enum ConfigField {
    /** The org's URL. */
    ORG_URL("org_url"),
    /** An API token. */
    API_TOKEN("api_token"),
    /** A service app's client id. */
    CLIENT_ID("client_id"),
    /** The kid of a service app's key. */
    KEY_ID("key_id"),
    /** A service app's private key. */
    PRIVATE_KEY("private_key"),
    /** The DPoP mode. */
    DPOP("dpop");

    /** The prefix of an input's field ({@code inputs.<input>}) and of its options' ({@code inputs.<input>.<option>}). */
    public static final String INPUTS_PREFIX = "inputs.";

    /**
     * A field named in running text: a connection field as a whole word (not {@code private_key_jwt} or
     * {@code invalid_dpop_proof}), or an input / input option field.
     */
    private static final Pattern IN_TEXT = Pattern.compile("(?<![A-Za-z0-9_.])(?:"
            + Arrays.stream(values()).map(f -> Pattern.quote(f.field)).collect(Collectors.joining("|"))
            + "|inputs\\.[a-z0-9_]+(?:\\.[a-z0-9_]+)?)(?![A-Za-z0-9_])");

    private final String field;

    ConfigField(String field) {
        this.field = field;
    }

    /** @return the field's name in core's messages, e.g. {@code api_token} */
    public String field() {
        return field;
    }

    /**
     * @param field a field as core names it
     * @return the connection field of that name, empty for any other (an input's, {@code inputs.users.page_size})
     */
    public static Optional<ConfigField> of(String field) {
        return Arrays.stream(values()).filter(f -> f.field.equals(field)).findFirst();
    }

    /**
     * Renames every field core names in a message, e.g. "Fix: set api_token to an Okta API token" to "Fix: set
     * okta.api.key to an Okta API token".
     *
     * @param message a message of core (or of an input), may be null
     * @param rename  a host's key of a field as core names it: a {@link ConfigField}'s {@link #field()}, or
     *                {@code inputs.<input>} / {@code inputs.<input>.<option>}
     * @return the message in the host's terms; null for null
     */
    public static String rename(String message, Function<String, String> rename) {
        if (message == null) {
            return null;
        }
        Matcher m = IN_TEXT.matcher(message);
        StringBuilder sb = new StringBuilder(message.length() + 32);
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(rename.apply(m.group())));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
