package dev.oktainputs.core.labels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads rules from the generic tree a YAML or JSON parser produces (maps, lists, strings, numbers). Accepts the
 * Teleport layout ({@code kind: okta_import_rule}, {@code version: v1}, {@code metadata.name},
 * {@code spec.priority}, {@code spec.mappings[].match[].app_ids|group_ids|app_name_regexes|group_name_regexes},
 * {@code spec.mappings[].add_labels}), a bare spec ({@code priority} + {@code mappings} at the top), a list of
 * either, or {@code {rules: [...]}}. Every problem names its path, e.g. {@code [1].spec.mappings[0].add_labels}.
 */
final class ImportRulesParser {

    private static final Set<String> RESOURCE_KEYS = Set.of("kind", "version", "metadata", "spec", "sub_kind");
    private static final Set<String> SPEC_KEYS = Set.of("priority", "mappings");
    private static final Set<String> MAPPING_KEYS = Set.of("match", "add_labels");
    private static final Set<String> MATCH_KEYS = Set.of("app_ids", "group_ids", "app_name_regexes", "group_name_regexes");

    private ImportRulesParser() {
    }

    static List<ImportRule> parse(Object tree) {
        if (tree instanceof Map<?, ?> map && map.containsKey("rules") && map.size() == 1) {
            return parseList(map.get("rules"), "rules");
        }
        if (tree instanceof List<?>) {
            return parseList(tree, "");
        }
        List<ImportRule> one = new ArrayList<>();
        one.add(rule(tree, "", 0));
        return one;
    }

    private static List<ImportRule> parseList(Object list, String path) {
        List<ImportRule> rules = new ArrayList<>();
        int i = 0;
        for (Object item : asList(list, path)) {
            rules.add(rule(item, path + "[" + i + "]", i));
            i++;
        }
        return rules;
    }

    private static ImportRule rule(Object node, String path, int index) {
        Map<String, Object> map = asMap(node, path);
        String name = "rule #" + (index + 1);
        Map<String, Object> spec;
        if (map.containsKey("spec")) {
            checkKeys(map, RESOURCE_KEYS, path);
            Object kind = map.get("kind");
            if (kind != null && !"okta_import_rule".equals(kind.toString())) {
                throw problem(dot(path, "kind"), "expected okta_import_rule, got '" + kind + "'");
            }
            Object version = map.get("version");
            if (version != null && !"v1".equals(version.toString())) {
                throw problem(dot(path, "version"), "only v1 is supported, got '" + version + "'");
            }
            Object metadata = map.get("metadata");
            if (metadata != null) {
                Object n = asMap(metadata, dot(path, "metadata")).get("name");
                if (n != null) {
                    name = n.toString();
                }
            }
            path = dot(path, "spec");
            spec = asMap(map.get("spec"), path);
        } else {
            spec = map;
        }
        checkKeys(spec, SPEC_KEYS, path);
        long priority = priority(spec.get("priority"), dot(path, "priority"));
        List<ImportRule.Mapping> mappings = new ArrayList<>();
        Object rawMappings = spec.get("mappings");
        if (rawMappings == null) {
            throw problem(dot(path, "mappings"), "missing. Fix: add a list of {match: [...], add_labels: {...}}");
        }
        int m = 0;
        for (Object mapping : asList(rawMappings, dot(path, "mappings"))) {
            mappings.add(mapping(mapping, dot(path, "mappings") + "[" + m++ + "]"));
        }
        return new ImportRule(name, priority, mappings);
    }

    private static ImportRule.Mapping mapping(Object node, String path) {
        Map<String, Object> map = asMap(node, path);
        checkKeys(map, MAPPING_KEYS, path);
        Object rawMatch = map.get("match");
        if (rawMatch == null) {
            throw problem(dot(path, "match"), "missing. Fix: add e.g. match: [{app_ids: [\"0oa...\"]}]");
        }
        List<ImportRule.Match> matches = new ArrayList<>();
        int i = 0;
        for (Object match : asList(rawMatch, dot(path, "match"))) {
            matches.add(match(match, dot(path, "match") + "[" + i++ + "]"));
        }
        Object rawLabels = map.get("add_labels");
        if (rawLabels == null) {
            throw problem(dot(path, "add_labels"), "missing. Fix: add e.g. add_labels: {team: eng}");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        asMap(rawLabels, dot(path, "add_labels")).forEach((k, v) -> {
            if (k.isEmpty() || v == null || v instanceof Map || v instanceof List) {
                throw problem(dot(path, "add_labels") + "." + k, "expected a non-empty key with a text value");
            }
            labels.put(k, v.toString());
        });
        return new ImportRule.Mapping(matches, labels);
    }

    private static ImportRule.Match match(Object node, String path) {
        Map<String, Object> map = asMap(node, path);
        checkKeys(map, MATCH_KEYS, path);
        return new ImportRule.Match(strings(map.get("app_ids"), dot(path, "app_ids")),
                strings(map.get("group_ids"), dot(path, "group_ids")),
                regexes(map.get("app_name_regexes"), dot(path, "app_name_regexes")),
                regexes(map.get("group_name_regexes"), dot(path, "group_name_regexes")));
    }

    private static long priority(Object raw, String path) {
        if (raw == null) {
            return 0;
        }
        if (raw instanceof Number n && !(raw instanceof Double || raw instanceof Float)) {
            return n.longValue();
        }
        try {
            return Long.parseLong(raw.toString().strip());
        } catch (NumberFormatException e) {
            throw problem(path, "expected a whole number, got '" + raw + "'");
        }
    }

    private static Set<String> strings(Object raw, String path) {
        Set<String> out = new LinkedHashSet<>();
        if (raw != null) {
            for (Object o : asList(raw, path)) {
                if (o == null || o instanceof Map || o instanceof List) {
                    throw problem(path, "expected a list of ids");
                }
                out.add(o.toString());
            }
        }
        return out;
    }

    private static List<Pattern> regexes(Object raw, String path) {
        List<Pattern> out = new ArrayList<>();
        for (String s : strings(raw, path)) {
            try {
                out.add(Pattern.compile(s));
            } catch (PatternSyntaxException e) {
                throw problem(path, "'" + s + "' is not a valid regex: " + e.getDescription());
            }
        }
        return out;
    }

    private static void checkKeys(Map<String, Object> map, Set<String> allowed, String path) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw problem(dot(path, key), "unknown key. Known here: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node, String path) {
        if (!(node instanceof Map<?, ?> map)) {
            throw problem(path, "expected a mapping (object), got " + describe(node));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static List<?> asList(Object node, String path) {
        if (!(node instanceof List<?> list)) {
            throw problem(path, "expected a list, got " + describe(node));
        }
        return list;
    }

    private static String describe(Object node) {
        return node == null ? "nothing" : node instanceof Map ? "a mapping" : node instanceof List ? "a list" : "'" + node + "'";
    }

    private static String dot(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static IllegalArgumentException problem(String path, String what) {
        return new IllegalArgumentException((path.isEmpty() ? "" : path + ": ") + what);
    }
}
