package dev.oktainputs.core.config;

import dev.oktainputs.core.auth.DpopMode;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The connection and auth settings of core, each declared once: its name in core's API and messages
 * ({@link FieldProblem#field()}, "Fix: set api_token to ..."), type, default, whether it is required or a secret, and
 * its documentation. {@link dev.oktainputs.core.auth.ConnectionSettings} checks their values (all at once, the one
 * place the auth rules live); a host (the runner's YAML, the Kafka connector's {@code ConfigDef}) maps each field to
 * its own key once, derives its definitions from these, and passes every message and doc through
 * {@link #rename(String, Function)}. Fields are also named {@code inputs.<input>} / {@code inputs.<input>.<option>}
 * for an input and its options.
 */
public enum ConfigField {
    /** The org's URL. */
    ORG_URL("org_url", "URL", Kind.REQUIRED, null, "Your Okta org, e.g. https://acme.okta.com (the admin URL"
            + " acme-admin.okta.com is fine too). https only; http only for loopback."),
    /** An API token. */
    API_TOKEN("api_token", "string", Kind.SECRET, null, "An Okta API token (sent as SSWS). Either this or client_id +"
            + " key_id + private_key of an OAuth service app."),
    /** A service app's client id. */
    CLIENT_ID("client_id", "string", Kind.OPTIONAL, null, "OAuth 2.0 service app client id (private key JWT). Needs"
            + " private_key (and key_id unless the key is a JWK with its kid)."),
    /** The kid of a service app's key. */
    KEY_ID("key_id", "string", Kind.OPTIONAL, null, "The kid of the service app's public key, as shown in Okta."
            + " Optional when private_key is a JWK with its kid; if both are given and differ, key_id wins, with a warning."),
    /** A service app's private key. */
    PRIVATE_KEY("private_key", "string", Kind.SECRET, null, "The service app's RSA private key: PEM (PKCS#8 or"
            + " PKCS#1) or JWK JSON."),
    /** The DPoP mode ({@link DpopMode#parse(String)} reads it). */
    DPOP("dpop", Arrays.stream(DpopMode.values()).map(DpopMode::value).collect(Collectors.joining(" | ")),
            Kind.OPTIONAL, DpopMode.DEFAULT.value(), "DPoP for the service app: auto completes the handshake when Okta"
            + " asks for it; off turns Okta's invalid_dpop_proof into a message saying how to fix the app.");

    /** The prefix of an input's field ({@code inputs.<input>}) and of its options' ({@code inputs.<input>.<option>}). */
    public static final String INPUTS_PREFIX = "inputs.";

    /**
     * A field named in running text: a connection field as a whole word (not {@code private_key_jwt} or
     * {@code invalid_dpop_proof}), or an input / input option field.
     */
    private static final Pattern IN_TEXT = Pattern.compile("(?<![A-Za-z0-9_.])(?:"
            + Arrays.stream(values()).map(f -> Pattern.quote(f.field)).collect(Collectors.joining("|"))
            + "|inputs\\.[a-z0-9_]+(?:\\.[a-z0-9_]+)?)(?![A-Za-z0-9_])");

    /** A field that must be set, one that may be left out, or one that may be left out and holds a secret. */
    private enum Kind { REQUIRED, OPTIONAL, SECRET }

    private final String field;
    private final String type;
    private final Kind kind;
    private final String defaultValue;
    private final String doc;

    ConfigField(String field, String type, Kind kind, String defaultValue, String doc) {
        this.field = field;
        this.type = type;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.doc = doc;
    }

    /** @return the field's name in core's messages, e.g. {@code api_token} */
    public String field() {
        return field;
    }

    /**
     * @return what its value is, for docs: {@code URL}, {@code string} or the allowed values ({@code auto | on | off});
     *         see {@link #secret()} for secrets
     */
    public String type() {
        return type;
    }

    /** @return true when the setting has no default and must be set ({@code org_url}) */
    public boolean required() {
        return kind == Kind.REQUIRED;
    }

    /** @return true when the value is a secret (an API token, a private key): never shown, a host's password type */
    public boolean secret() {
        return kind == Kind.SECRET;
    }

    /** @return the value used when it is not set, e.g. {@code auto}; null when there is none */
    public String defaultValue() {
        return defaultValue;
    }

    /**
     * @return what it does, naming other fields as core does (a host shows it through {@link #rename(String, Function)})
     */
    public String doc() {
        return doc;
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
