package dev.oktainputs.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.oktainputs.core.InputFamilies;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.schedule.CronSchedule;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code inputs} section of the runner's YAML file: a map of input family (as {@link InputFamilies} discovers
 * them) to its {@code cron} and options. A family expands to its member inputs; an option goes to every member that
 * declares it and is parsed by that member's own declaration ({@link InputOptions}), so an unknown family, an unknown
 * option or a bad value is a problem naming {@code inputs.<family>[.<option>]}.
 */
final class InputsSection {

    private final YamlValues values;
    private final ConfigProblems problems;

    InputsSection(YamlValues values, ConfigProblems problems) {
        this.values = values;
        this.problems = problems;
    }

    /**
     * @param in   the {@code inputs} node, possibly missing
     * @param zone the zone the cron expressions are read in
     * @return the inputs to run, families expanded; those with a problem left out (the problem says why)
     */
    List<RunnerConfig.Input> read(JsonNode in, ZoneId zone) {
        List<RunnerConfig.Input> out = new ArrayList<>();
        if (in.isMissingNode() || in.isNull() || in.isObject() && in.isEmpty()) {
            problems.add("inputs: missing. Fix: list at least one input, e.g. inputs: { users: { cron: \"*/30 * * * *\" } }");
            return out;
        }
        if (!in.isObject()) {
            problems.add("inputs: must be a map of input name to options, e.g. users: { cron: \"*/30 * * * *\" }");
            return out;
        }
        InputFamilies available = InputFamilies.discover();
        Iterator<Map.Entry<String, JsonNode>> it = in.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String family = e.getKey();
            String field = "inputs." + family;
            JsonNode opts = e.getValue() == null || e.getValue().isNull() ? JsonNodeFactory.instance.objectNode() : e.getValue();
            if (!opts.isObject()) {
                problems.add(field + ": must be a map of options (or empty), e.g. " + family + ": { cron: \"*/30 * * * *\" }");
                continue;
            }
            List<OktaInput> members = available.members(family);
            if (members.isEmpty()) {
                Set<String> known = new TreeSet<>(available.names());
                problems.add(field + ": unknown input" + ConfigProblems.suggestion(family, known) + ". Available: " + String.join(", ", known));
                continue;
            }
            // cron: ~ (no value) means the default, like any option without a value; a list or map is a problem
            JsonNode cronNode = opts.get("cron");
            String cronText = cronNode == null || cronNode.isNull() ? available.defaultSchedule(family) : values.text(cronNode, field + ".cron");
            CronSchedule schedule = cronText == null ? null
                    : problems.attempt(field + ".cron", () -> CronSchedule.parse(cronText, zone, field + ".cron"));
            Map<String, Object> raw = new LinkedHashMap<>();
            opts.fields().forEachRemaining(o -> {
                if (!o.getKey().equals("cron")) {
                    raw.put(o.getKey(), values.scalar(o.getValue(), field + "." + o.getKey()));
                }
            });
            checkDeclared(field, members, raw.keySet());
            for (OktaInput m : members) {
                Map<String, Object> mine = new LinkedHashMap<>();
                raw.forEach((k, v) -> {
                    if (declares(m, k)) {
                        mine.put(k, v);
                    }
                });
                InputOptions options = problems.attempt(field, () -> InputOptions.parse(family, m.options(), mine));
                if (options != null && schedule != null) {
                    out.add(new RunnerConfig.Input(family, m, options, schedule));
                }
            }
        }
        return out;
    }

    /** An option given for a family goes to every member that declares it; one no member declares is an error. */
    private void checkDeclared(String field, List<OktaInput> members, Set<String> keys) {
        for (String key : keys) {
            if (members.stream().noneMatch(m -> declares(m, key))) {
                List<String> names = members.stream().flatMap(m -> m.options().stream().map(InputOption::name)).distinct().toList();
                problems.add(field + "." + key + ": unknown option" + ConfigProblems.suggestion(key, names) + ". Known: cron"
                        + (names.isEmpty() ? "" : ", " + String.join(", ", names)));
            }
        }
    }

    private static boolean declares(OktaInput input, String option) {
        return input.options().stream().anyMatch(o -> o.name().equals(option));
    }
}
