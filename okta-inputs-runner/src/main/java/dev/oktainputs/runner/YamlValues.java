package dev.oktainputs.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the values of the YAML tree: a scalar as text (or a number or boolean), with {@code ${ENV_VAR}} and
 * {@code ${ENV_VAR:-default}} replaced from the environment so that secrets stay out of the file; a path, resolved
 * against the file's directory; a map's keys, checked against {@link ConfigKeys}. A value of the wrong shape, an unset
 * variable or an unknown key becomes a problem naming its field, and the value of a variable named like a secret is
 * registered so that no problem quotes it.
 */
final class YamlValues {

    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    /**
     * Environment variables whose values are treated as secrets: never quoted in a problem. Not every "KEY": the path
     * in OKTA_PRIVATE_KEY_FILE or the id in OKTA_KEY_ID must stay visible in the messages about them.
     */
    private static final Pattern SECRET_VAR = Pattern.compile("(?i).*(TOKEN|SECRET|PASSW|CREDENTIAL|API_?KEY|ASSERTION).*");

    private final Map<String, String> env;
    private final ConfigProblems problems;

    YamlValues(Map<String, String> env, ConfigProblems problems) {
        this.env = env;
        this.problems = problems;
    }

    /**
     * A string scalar, interpolated. Numbers and booleans are accepted as their text.
     *
     * @return the text, or null when absent, null or not a scalar (then a problem says so)
     */
    String text(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            problems.add(field + ": must be a single value, not a " + (v.isArray() ? "list" : "map"));
            return null;
        }
        return interpolate(v.asText(), field);
    }

    /**
     * @return a boolean or integral number as such ({@code Long}, or {@code BigInteger} when larger), anything else as
     *     {@link #text}
     */
    Object scalar(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue();
        }
        return text(v, field);
    }

    private String interpolate(String value, String field) {
        Matcher m = VAR.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            if (v != null && v.strip().length() >= 8 && SECRET_VAR.matcher(m.group(1)).matches()) {
                problems.addSecret(v.strip());
            }
            if (v == null) {
                v = m.group(2);
            }
            if (v == null) {
                problems.add(field + ": environment variable " + m.group(1) + " is not set. Fix: export " + m.group(1)
                        + " before running, or write ${" + m.group(1) + ":-default}");
                v = "";
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * @param baseDir the configuration file's directory, or null to leave a relative path as it is
     * @return the path, resolved against {@code baseDir} when relative; null when it is not a valid path (then a
     *     problem says so)
     */
    Path resolve(Path baseDir, String path, String field) {
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            problems.add(field + ": '" + ConfigProblems.abbreviate(path) + "' is not a valid path (" + e.getReason() + ")");
            return null;
        }
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
    }

    /**
     * Adds a problem for each key of {@code node} that {@link ConfigKeys#sections()} does not list for {@code section}.
     *
     * @param section the section's dotted name, "" for the top level
     */
    void checkKeys(JsonNode node, String section) {
        List<String> allowed = ConfigKeys.sections().get(section);
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                String name = k.isEmpty() ? "\"\"" : k;   // an empty key still needs a visible name
                String field = section.isEmpty() ? name : section + "." + name;
                problems.add(field + ": unknown key" + ConfigProblems.suggestion(k, allowed) + ". Allowed here: " + String.join(", ", allowed));
            }
        });
    }
}
