package dev.oktainputs.runner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names users configure are stream families; each family is one or more inputs (each with its own
 * checkpoint). A family of one input has the input's name.
 */
final class Families {

    static final Map<String, List<String>> MEMBERS = members();

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
        return m;
    }

    /**
     * @param family a configured name
     * @return its inputs; an unknown name stands for itself (a third-party input on the classpath)
     */
    static List<String> inputsOf(String family) {
        return MEMBERS.getOrDefault(family, List.of(family));
    }

    /** @return the default cron of a family: the System Log every minute, the rest every 30 minutes */
    static String defaultCron(String family) {
        return family.equals("system_log") ? "* * * * *" : "*/30 * * * *";
    }
}
