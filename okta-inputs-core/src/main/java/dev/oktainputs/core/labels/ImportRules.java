package dev.oktainputs.core.labels;

import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.json.JsonTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Import rules (the idea of Teleport's {@code okta_import_rule}): labels put on app and group records and on
 * their edges. Rules apply in ascending {@code priority} (then by name), each adding the labels of every mapping
 * that matches, so on a conflicting key the higher priority wins. Immutable and thread-safe.
 *
 * <p>Rules come from the generic tree any YAML or JSON parser produces ({@link #fromTree}), so the runner reads
 * Teleport's YAML files unchanged; this module itself parses only JSON ({@link #fromJson}). The option
 * {@link #OPTION} ({@code import_rules}) takes a path to a JSON file, inline JSON, or an already parsed tree.
 */
public final class ImportRules {

    private static final ImportRules NONE = new ImportRules(List.of());

    /** The {@code import_rules} option of the inputs that label apps and groups. */
    public static final InputOption<ImportRules> OPTION = InputOption.of("import_rules", "rules", NONE,
            "Labels for app and group records and their edges, in Teleport's okta_import_rule layout: a path to a JSON"
                    + " file, inline JSON, or the parsed YAML the runner passes. Higher priority wins on conflicts.",
            ImportRules::fromOptionValue);

    private final List<ImportRule> rules;

    private ImportRules(List<ImportRule> rules) {
        List<ImportRule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparingLong(ImportRule::priority).thenComparing(ImportRule::name));
        this.rules = List.copyOf(sorted);
    }

    /** @return no rules: no labels */
    public static ImportRules none() {
        return NONE;
    }

    /**
     * @param rules the rules, in any order
     * @return the rule set
     */
    public static ImportRules of(List<ImportRule> rules) {
        return rules.isEmpty() ? NONE : new ImportRules(rules);
    }

    /**
     * Reads rules from a parsed YAML or JSON tree (maps, lists and scalars): one Teleport {@code okta_import_rule}
     * resource, a list of them (e.g. the documents of a multi-document YAML file), {@code {rules: [...]}}, or bare
     * specs ({@code {priority, mappings}}).
     *
     * @param tree the parsed document(s)
     * @return the rules
     * @throws IllegalArgumentException naming the path of the first problem and the fix
     */
    public static ImportRules fromTree(Object tree) {
        return of(ImportRulesParser.parse(tree));
    }

    /**
     * @param json rules as JSON text, in any layout {@link #fromTree} accepts
     * @return the rules
     * @throws IllegalArgumentException when the JSON is malformed or a rule is invalid
     */
    public static ImportRules fromJson(String json) {
        try {
            return fromTree(JsonTrees.mapper().readValue(json, Object.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param file a JSON file of rules
     * @return the rules
     * @throws IllegalArgumentException when the file cannot be read or holds invalid rules
     */
    public static ImportRules fromJson(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            throw new IllegalArgumentException(file + " is YAML, which only the runner (okta-inputs-runner) reads. Fix: run"
                    + " with the runner, or convert the file to JSON, or pass the rules already parsed");
        }
        try {
            return fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + " (" + e.getClass().getSimpleName() + "). Fix: check the"
                    + " path and that the file is readable", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static ImportRules fromOptionValue(Object raw) {
        if (raw instanceof ImportRules rules) {
            return rules;
        }
        if (raw instanceof Map || raw instanceof List) {
            return fromTree(raw);
        }
        String s = raw.toString().strip();
        if (s.isEmpty()) {
            return NONE;
        }
        return s.startsWith("{") || s.startsWith("[") ? fromJson(s) : fromJson(Path.of(s));
    }

    /** @return the rules in the order they apply (ascending priority) */
    public List<ImportRule> rules() {
        return rules;
    }

    /** @return true when there is no rule */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * @param target the app, group or app-group edge a record is about
     * @return the labels of every matching mapping, later (higher-priority) rules overriding earlier ones
     */
    public Map<String, String> labels(LabelTarget target) {
        if (rules.isEmpty()) {
            return Map.of();
        }
        Map<String, String> labels = new TreeMap<>();
        for (ImportRule rule : rules) {
            for (ImportRule.Mapping mapping : rule.mappings()) {
                if (mapping.matches(target)) {
                    labels.putAll(mapping.addLabels());
                }
            }
        }
        return labels;
    }

    @Override
    public String toString() {
        return rules.isEmpty() ? "none" : rules.size() + " import rule(s)";
    }
}
