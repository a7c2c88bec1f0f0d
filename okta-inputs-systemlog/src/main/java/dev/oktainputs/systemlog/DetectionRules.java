package dev.oktainputs.systemlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.error.OktaConfigurationException;
import dev.oktainputs.core.json.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A set of {@link DetectionRule}s, read from data: a JSON file (Jackson), or any tree of {@code Map}/{@code List}/
 * scalars such as a YAML parser produces (the runner loads YAML; this module stays free of it). The shape:
 *
 * <pre>{@code
 * {"rules": [
 *   {"name": "admin-privilege-granted", "eventType": "user.account.privilege.grant", "risk": "high"},
 *   {"name": "repeated-sign-in-failures", "eventType": "user.session.start", "outcome": "FAILURE",
 *    "threshold": {"count": 5, "within": "PT10M"}, "risk": "high",
 *    "description": "5 failed sign-ins from one IP address within 10 minutes"}
 * ]}
 * }</pre>
 *
 * A bare list of rules is accepted too. {@code eventType}, {@code outcome} and {@code severity} take a string or a
 * list; {@code risk} is low, medium (default), high or critical; unknown keys are errors, so a typo never turns a rule
 * into one that matches everything. Every problem is reported at once, each naming the rule and the key.
 */
public final class DetectionRules {

    /** The field the problems are reported under. */
    static final String FIELD = "inputs." + SystemLogInput.NAME + ".detection_rules";
    private static final String BUILT_IN = "/dev/oktainputs/systemlog/default-detection-rules.json";
    private static final Set<String> KEYS = Set.of("name", "description", "eventType", "outcome", "severity", "threshold", "risk");
    private static final InputOption<Duration> WITHIN = InputOption.duration("within", null, "");

    private final List<DetectionRule> rules;

    private DetectionRules(List<DetectionRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** @return the rules shipped with the module: admin privilege grants, API token creation, MFA factor resets,
     *          repeated sign-in failures from one IP, and threats Okta detected */
    public static DetectionRules builtIn() {
        try (InputStream in = DetectionRules.class.getResourceAsStream(BUILT_IN)) {
            return fromJson(in, "the built-in rules");
        } catch (IOException e) {
            throw new IllegalStateException("the built-in detection rules are unreadable", e);
        }
    }

    /**
     * @param file a JSON file of rules
     * @return the rules
     * @throws OktaConfigurationException when the file is missing, not JSON, or holds invalid rules
     */
    public static DetectionRules fromJson(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return fromJson(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new OktaConfigurationException(FIELD, "no file " + file + ". Fix the path, or unset detection_rules to use"
                    + " the built-in rules.");
        } catch (IOException e) {
            throw new OktaConfigurationException(FIELD, "cannot read " + file + " (" + e.getMessage() + ").");
        }
    }

    /**
     * @param json   the JSON
     * @param source where it came from, for messages
     * @return the rules
     * @throws IOException when the stream cannot be read
     */
    public static DetectionRules fromJson(InputStream json, String source) throws IOException {
        Object tree;
        try {
            tree = JsonTrees.mapper().readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new OktaConfigurationException(FIELD, source + " is not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ").");
        }
        return fromTree(tree, source);
    }

    /**
     * @param tree   {@code {"rules": [...]}} or {@code [...]}, as maps, lists, strings and numbers
     * @param source where it came from, for messages
     * @return the rules
     * @throws OktaConfigurationException listing every problem
     */
    public static DetectionRules fromTree(Object tree, String source) {
        Object list = tree instanceof Map ? ((Map<?, ?>) tree).get("rules") : tree;
        if (!(list instanceof List)) {
            throw new OktaConfigurationException(FIELD, source + " must hold {\"rules\": [ ... ]} or a list of rules.");
        }
        List<String> problems = new ArrayList<>();
        List<DetectionRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int i = 0;
        for (Object raw : (List<?>) list) {
            i++;
            String where = FIELD + ": " + source + ", rule " + i;
            if (!(raw instanceof Map)) {
                problems.add(where + ": must be an object with name, eventType and risk.");
                continue;
            }
            Map<?, ?> m = (Map<?, ?>) raw;
            int before = problems.size();
            for (Object key : m.keySet()) {
                if (!KEYS.contains(String.valueOf(key))) {
                    problems.add(where + ": unknown key '" + key + "'. Known keys: " + String.join(", ", new java.util.TreeSet<>(KEYS)));
                }
            }
            String name = m.get("name") == null ? null : m.get("name").toString();
            if (name == null || !name.matches("[a-z0-9_.-]+")) {
                problems.add(where + ": name must be lower-case letters, digits, '_', '.', '-', e.g. admin-privilege-granted.");
            } else if (!names.add(name)) {
                problems.add(where + ": name '" + name + "' is used twice; names must be unique.");
            }
            Set<String> types = strings(m.get("eventType"), where + ": eventType", problems);
            if (types.isEmpty() && (m.get("eventType") == null || m.get("eventType") instanceof List)) {
                problems.add(where + ": eventType is missing. Give the event type(s) to match, e.g. user.session.start.");
            }
            DetectionRule.Threshold threshold = threshold(m.get("threshold"), where, problems);
            DetectionRule.Risk risk = DetectionRule.Risk.MEDIUM;
            if (m.get("risk") != null) {
                try {
                    risk = DetectionRule.Risk.valueOf(m.get("risk").toString().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": risk must be low, medium, high or critical, got '" + m.get("risk") + "'.");
                }
            }
            Set<String> outcomes = strings(m.get("outcome"), where + ": outcome", problems);
            Set<String> severities = strings(m.get("severity"), where + ": severity", problems);
            if (problems.size() == before) {
                rules.add(new DetectionRule(name, m.get("description") == null ? "" : m.get("description").toString(),
                        types, outcomes, severities, threshold, risk));
            }
        }
        if (!problems.isEmpty()) {
            throw new OktaConfigurationException(problems);
        }
        return new DetectionRules(rules);
    }

    private static Set<String> strings(Object raw, String where, List<String> problems) {
        Set<String> out = new LinkedHashSet<>();
        if (raw == null) {
            return out;
        }
        for (Object v : raw instanceof List ? (List<?>) raw : List.of(raw)) {
            if (!(v instanceof String) || ((String) v).isBlank()) {
                problems.add(where + " must be a string or a list of strings, got " + v + ".");
            } else {
                out.add(((String) v).strip());
            }
        }
        return out;
    }

    private static DetectionRule.Threshold threshold(Object raw, String where, List<String> problems) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof Map)) {
            problems.add(where + ": threshold must be an object {\"count\": 5, \"within\": \"PT10M\"}.");
            return null;
        }
        Map<?, ?> t = (Map<?, ?>) raw;
        int count = 0;
        try {
            count = Integer.parseInt(String.valueOf(t.get("count")).strip());
        } catch (NumberFormatException e) {
            // reported below
        }
        if (count < 1) {
            problems.add(where + ": threshold.count must be a whole number of at least 1, got " + t.get("count") + ".");
        }
        Duration within = null;
        try {
            within = t.get("within") == null ? null : WITHIN.parse(t.get("within"));
        } catch (IllegalArgumentException e) {
            problems.add(where + ": threshold.within: " + e.getMessage() + ".");
            return null;
        }
        if (within == null || within.isZero() || within.isNegative() || within.compareTo(Duration.ofDays(1)) > 0) {
            problems.add(where + ": threshold.within must be a duration between 1 s and 1 day, e.g. PT10M.");
            return null;
        }
        return new DetectionRule.Threshold(count, within);
    }

    /** @return the rules, in file order */
    public List<DetectionRule> rules() {
        return rules;
    }

    /** @return the longest threshold window, or zero when no rule has a threshold */
    Duration longestWindow() {
        return rules.stream().filter(r -> r.threshold() != null).map(r -> r.threshold().within())
                .max(Duration::compareTo).orElse(Duration.ZERO);
    }

    @Override
    public String toString() {
        return "DetectionRules" + rules.stream().map(DetectionRule::name).toList();
    }
}
