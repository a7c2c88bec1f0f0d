package dev.oktainputs.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names users configure are stream families; each family is one or more inputs (each with its own
 * checkpoint). A family of one input has the input's name. The runner's YAML ({@code inputs.<family>}) and the
 * Kafka connector's {@code okta.inputs} both name families, so the mapping lives here once.
 */
public final class Families {

    /** Family name to the names of its inputs, in the order they are documented. */
    public static final Map<String, List<String>> MEMBERS = members();

    private Families() {
    }

    private static Map<String, List<String>> members() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("users", List.of("users"));
        m.put("groups", List.of("groups", "group_members"));
        m.put("apps", List.of("apps", "app_users", "app_groups"));
        m.put("system_log", List.of("system_log"));
        m.put("roles", List.of("role_assignments", "custom_roles"));
        m.put("api_tokens", List.of("api_tokens"));
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * @param family a configured name
     * @return its inputs; an unknown name stands for itself (a third-party input on the classpath)
     */
    public static List<String> inputsOf(String family) {
        return MEMBERS.getOrDefault(family, List.of(family));
    }

    /**
     * @param input an input name, e.g. {@code group_members}
     * @return the family it belongs to, e.g. {@code groups}; an input of no family is its own
     */
    public static String familyOf(String input) {
        for (Map.Entry<String, List<String>> e : MEMBERS.entrySet()) {
            if (e.getValue().contains(input)) {
                return e.getKey();
            }
        }
        return input;
    }

    /**
     * @param family a family name
     * @return its default cron: the System Log every minute, the rest every 30 minutes
     */
    public static String defaultCron(String family) {
        return family.equals("system_log") ? "* * * * *" : "*/30 * * * *";
    }
}
