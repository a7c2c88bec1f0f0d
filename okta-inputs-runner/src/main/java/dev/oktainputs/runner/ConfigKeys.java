package dev.oktainputs.runner;

import dev.oktainputs.core.InputFamilies;
import dev.oktainputs.core.config.ConfigField;
import dev.oktainputs.core.http.HttpOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every key of the runner's YAML file, listed once: validation (unknown keys are errors) and the configuration
 * reference in docs/runner.md (a test checks it against this list) read it. The connection keys ({@code org_url}, {@code auth.*}) are
 * core's {@link ConfigField}s and the {@code http.*} keys core's {@link HttpOptions}, each under the YAML name
 * {@link #yamlKey(ConfigField)} gives it; the default cron is the inputs' own ({@code defaultSchedule()}).
 */
final class ConfigKeys {

    /**
     * @param path    the dotted key, e.g. {@code auth.api_key}
     * @param type    what it holds
     * @param dflt    the default, or "required" / "—"
     * @param doc     what it does
     */
    record Key(String path, String type, String dflt, String doc) {
    }

    /** The section of the {@code http.*} keys. */
    static final String HTTP = "http";
    /** The section of the {@code metrics.*} keys. */
    static final String METRICS = "metrics";

    static final List<Key> ALL = keys();

    private static List<Key> keys() {
        List<Key> keys = new ArrayList<>();
        Stream.of(ConfigField.values()).map(ConfigKeys::connectionKey).forEach(keys::add);
        keys.add(new Key("inputs", "map", "required", "The stream families to run: "
                + String.join(", ", Families.PRESENT.names()) + "; each a map of options."));
        keys.add(new Key("inputs.<name>.cron", "cron", defaultCrons(Families.PRESENT), "When the input runs: 5-field Unix cron, Quartz 6/7 fields, or @hourly/@daily/…; read in time_zone."));
        keys.add(new Key("inputs.<name>.<option>", "per input", "per input", "The input's own options: the option table in the README of the input's module."));
        keys.add(new Key("sink.type", "file | stdout | duckdb | jdbc", "file", "file: one JSON Lines file per stream under sink.path; stdout: JSON Lines on standard output; duckdb: one table per stream in the DuckDB file sink.path; jdbc: one table per stream in the PostgreSQL database at sink.url. The database sinks keep the checkpoints in the same database."));
        keys.add(new Key("sink.path", "path", "./okta-out (duckdb: ./okta.duckdb)", "Directory of the file sink, or the DuckDB database file; created if missing. Checked when the config is loaded: below or at a regular file, or not writable, is exit 2 naming sink.path."));
        keys.add(new Key("sink.url", "JDBC URL", "— (required for jdbc)", "The jdbc sink's database, e.g. jdbc:postgresql://db.example.com:5432/okta; PostgreSQL only."));
        keys.add(new Key("sink.user", "string", "—", "The jdbc sink's database user."));
        keys.add(new Key("sink.password", "secret", "—", "The jdbc sink's password; use ${OKTA_DB_PASSWORD} to keep it out of the file. Never echoed."));
        keys.add(new Key("state_dir", "path", "./okta-state", "Where checkpoints and id sets live (atomic writes; keep it on a local disk)."));
        keys.add(new Key("time_zone", "zone id", "UTC", "Time zone the cron expressions are read in, e.g. Europe/Berlin."));
        HttpOptions.ALL.forEach(o -> keys.add(new Key(HTTP + "." + o.name(), o.type(),
                o.defaultValue() == null ? "—" : o.defaultValue().toString(), o.doc())));
        keys.add(new Key(METRICS + ".port", "integer 1..65535", "— (off)", "Serve Prometheus metrics at"
                + " http://127.0.0.1:<port>/metrics while the runner runs: records, runs, last success, HTTP requests,"
                + " rate-limit budget, System Log lag, duplicates dropped."));
        return List.copyOf(keys);
    }

    /**
     * The YAML key of each connection field core declares: the one place they are mapped (a field core adds does not
     * compile until it is mapped here).
     *
     * @param field a connection field of core
     * @return its key in the YAML file
     */
    static String yamlKey(ConfigField field) {
        return switch (field) {
            case ORG_URL -> "org_url";
            case API_TOKEN -> "auth.api_key";
            case CLIENT_ID -> "auth.client_id";
            case KEY_ID -> "auth.key_id";
            case PRIVATE_KEY -> "auth.private_key_file";
            case DPOP -> "auth.dpop";
        };
    }

    /** The row of a connection field: core's declaration, in this file's terms, plus what is particular to a YAML file. */
    private static Key connectionKey(ConfigField f) {
        String doc = inYamlTerms(f.doc());
        String type = f.secret() ? "secret" : f.type();
        if (f == ConfigField.API_TOKEN) {
            doc += " Use ${OKTA_API_KEY} to keep it out of the file.";
        } else if (f == ConfigField.PRIVATE_KEY) {
            type = "path";   // the file the key is read from
        }
        return new Key(yamlKey(f), type, f.required() ? "required" : f.defaultValue() == null ? "—" : f.defaultValue(), doc);
    }

    /**
     * @param families the families present
     * @return the cron most families run on, then the others', e.g. {@code *}{@code /30 * * * * (system_log: * * * * *)}
     */
    static String defaultCrons(InputFamilies families) {
        Map<String, List<String>> byCron = new LinkedHashMap<>();
        families.names().forEach(f -> byCron.computeIfAbsent(families.defaultSchedule(f), c -> new ArrayList<>()).add(f));
        String common = byCron.entrySet().stream().max((a, b) -> a.getValue().size() - b.getValue().size())
                .map(Map.Entry::getKey).orElse("—");
        String others = byCron.entrySet().stream().filter(e -> !e.getKey().equals(common))
                .map(e -> String.join(", ", e.getValue()) + ": " + e.getKey()).collect(Collectors.joining("; "));
        return others.isEmpty() ? common : common + " (" + others + ")";
    }

    /**
     * Names the fields core names in a message ({@code api_token}, {@code private_key}, {@code inputs.<input>.<option>})
     * by this file's keys ({@code auth.api_key}, {@code auth.private_key_file}, {@code inputs.<family>.<option>}).
     *
     * @param message a message of core or of an input, may be null
     * @return the message in this file's terms
     */
    static String inYamlTerms(String message) {
        return ConfigField.rename(message, ConfigKeys::yamlKey);
    }

    /**
     * @param coreField a field as core names it
     * @return its key in the YAML file: an input's options are given per family
     */
    static String yamlKey(String coreField) {
        return ConfigField.of(coreField).map(ConfigKeys::yamlKey).orElseGet(() -> {
            String[] parts = coreField.split("\\.", 3);
            if (!coreField.startsWith(ConfigField.INPUTS_PREFIX) || parts.length < 2) {
                return coreField;
            }
            String family = Families.PRESENT.familyOf(parts[1]);
            return ConfigField.INPUTS_PREFIX + family + (parts.length == 3 ? "." + parts[2] : "");
        });
    }

    /** @return the keys allowed directly under each section ("" = top level) */
    static Map<String, List<String>> sections() {
        return Map.of(
                "", List.of("org_url", "auth", "inputs", "sink", "state_dir", "time_zone", HTTP, METRICS),
                "auth", keysUnder("auth"),
                "sink", keysUnder("sink"),
                HTTP, keysUnder(HTTP),
                METRICS, keysUnder(METRICS));
    }

    private static List<String> keysUnder(String section) {
        return ALL.stream().map(Key::path).filter(p -> p.startsWith(section + "."))
                .map(p -> p.substring(section.length() + 1)).collect(Collectors.toList());
    }

    /** @return the reference as a Markdown table */
    static String markdownTable() {
        StringBuilder sb = new StringBuilder("| key | type | default | what it does |\n|---|---|---|---|\n");
        for (Key k : ALL) {
            sb.append("| `").append(k.path()).append("` | ").append(cell(k.type())).append(" | ").append(cell(k.dflt()))
                    .append(" | ").append(cell(k.doc())).append(" |\n");
        }
        return sb.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** The inputs on the class path, found once. */
    private static final class Families {
        static final InputFamilies PRESENT = InputFamilies.discover();
    }

    private ConfigKeys() {
    }
}
