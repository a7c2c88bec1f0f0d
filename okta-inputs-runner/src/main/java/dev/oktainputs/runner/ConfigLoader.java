package dev.oktainputs.runner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.config.ConfigField;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.error.OktaConfigurationException;
import dev.oktainputs.core.http.HttpOptions;
import dev.oktainputs.core.http.PlatformTls;
import dev.oktainputs.core.schedule.CronSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Loads the runner's YAML file into a {@link RunnerConfig}, checking everything statically and at once: every problem
 * names its field and the fix; secret values are never echoed. It reads the file ({@link ConfigFile}), then each
 * section, the values interpolated from the environment ({@link YamlValues}): the connection ({@link AuthSection}),
 * {@code time_zone}, the inputs ({@link InputsSection}), and here the {@code sink}, {@code state_dir} and
 * {@code http} sections; the problems are collected by {@link ConfigProblems} and thrown together. One instance loads
 * one file.
 */
final class ConfigLoader {

    private final ConfigProblems problems = new ConfigProblems();
    private final YamlValues values;
    private final AuthSection auth;
    private final InputsSection inputs;

    /**
     * @param env the environment {@code ${VAR}} is read from
     */
    ConfigLoader(Map<String, String> env) {
        this.values = new YamlValues(env, problems);
        this.auth = new AuthSection(values, problems);
        this.inputs = new InputsSection(values, problems);
    }

    /**
     * @param file the YAML file
     * @return the validated configuration
     * @throws OktaConfigurationException listing every problem
     */
    RunnerConfig load(Path file) {
        return parse(ConfigFile.read(file, problems), file.toAbsolutePath().getParent());
    }

    RunnerConfig parse(JsonNode root, Path baseDir) {
        if (root == null || root.isMissingNode() || root.isNull() || !root.isObject()) {
            throw new OktaConfigurationException("--config", "the file must be a YAML map with org_url, auth and inputs");
        }
        values.checkKeys(root, "");
        String orgText = values.text(root.get("org_url"), ConfigKeys.yamlKey(ConfigField.ORG_URL));
        if (orgText != null && !orgText.regionMatches(true, 0, "http://", 0, 7)) {
            PlatformTls.warmUp(); // the trust store is read while the rest of the file is checked
        }
        RunnerConfig.Auth credentials = auth.read(root.path("auth"), baseDir);
        OrgUrl org = auth.connection(orgText, credentials);
        String zoneText = root.has("time_zone") ? values.text(root.get("time_zone"), "time_zone") : null;
        ZoneId zone = zoneText == null ? ZoneOffset.UTC
                : problems.attempt("time_zone", () -> CronSchedule.zone(zoneText, "time_zone"));
        List<RunnerConfig.Input> in = inputs.read(root.path("inputs"), zone == null ? ZoneOffset.UTC : zone);
        RunnerConfig.Sink sink = sink(root.path("sink"), baseDir);
        String stateText = root.has("state_dir") ? values.text(root.get("state_dir"), "state_dir") : null;
        Path stateDir = values.resolve(baseDir, stateText == null ? "./okta-state" : stateText, "state_dir");
        RunnerConfig.Http http = http(root.path(ConfigKeys.HTTP));
        Integer metricsPort = metricsPort(root.path(ConfigKeys.METRICS));
        problems.throwIfAny();
        return new RunnerConfig(org, credentials, in, sink, stateDir, zone, http, metricsPort);
    }

    /**
     * Reads only the {@code sink} section of a file: what {@code okta-inputs query} needs (no credentials, no inputs).
     *
     * @param file the YAML file
     * @return the sink
     * @throws OktaConfigurationException listing every problem of the section
     */
    RunnerConfig.Sink loadSink(Path file) {
        JsonNode root = ConfigFile.read(file, problems);
        if (root == null || !root.isObject()) {
            throw new OktaConfigurationException("--config", "the file must be a YAML map with a sink section");
        }
        RunnerConfig.Sink sink = sink(root.path("sink"), file.toAbsolutePath().getParent());
        problems.throwIfAny();
        return sink;
    }

    private RunnerConfig.Sink sink(JsonNode s, Path baseDir) {
        if (s.isMissingNode() || s.isNull()) {
            return new RunnerConfig.Sink("file", values.resolve(baseDir, "./okta-out", "sink.path"));
        }
        if (!s.isObject()) {
            problems.add("sink: must be a map, e.g. { type: file, path: ./okta-out }");
            return null;
        }
        values.checkKeys(s, "sink");
        String type = s.has("type") ? values.text(s.get("type"), "sink.type") : "file";
        if (type != null && !List.of("file", "stdout", "duckdb", "jdbc").contains(type)) {
            problems.add("sink.type: must be file, stdout, duckdb or jdbc, got '" + ConfigProblems.abbreviate(type) + "'");
        }
        if ("jdbc".equals(type)) {
            return jdbcSink(s);
        }
        for (String key : List.of("url", "user", "password")) {
            if (s.has(key)) {
                problems.add("sink." + key + ": only the jdbc sink has it (sink.type is " + type + "). Fix: remove it, or set"
                        + " type: jdbc");
            }
        }
        boolean duckdb = "duckdb".equals(type);
        String path = s.has("path") ? values.text(s.get("path"), "sink.path") : duckdb ? "./okta.duckdb" : "./okta-out";
        Path target = path == null ? null : values.resolve(baseDir, path, "sink.path");
        if (target != null && duckdb) {
            String problem = Files.isDirectory(target) ? target + " is a directory" : directoryProblem(target.toAbsolutePath().getParent());
            if (problem != null) {
                problems.add("sink.path: " + problem + ". Fix: point sink.path at the DuckDB database file (created if"
                        + " missing), e.g. path: ./okta.duckdb");
            }
        } else if (target != null && !"stdout".equals(type)) {
            String problem = directoryProblem(target);
            if (problem != null) {
                problems.add("sink.path: " + problem + ". Fix: point sink.path at a directory the runner may create or"
                        + " write (the JSONL files go in it), e.g. path: ./okta-out");
            }
        }
        return new RunnerConfig.Sink(type, target);
    }

    /** {@code type: jdbc}: url (PostgreSQL), user and password; the password is a secret and never quoted. */
    private RunnerConfig.Sink jdbcSink(JsonNode s) {
        String password = s.has("password") ? values.text(s.get("password"), "sink.password") : null;
        if (password != null && !password.isBlank()) {
            problems.addSecret(password);
        }
        String url = s.has("url") ? values.text(s.get("url"), "sink.url") : null;
        if (url == null || url.isBlank()) {
            if (!s.has("url")) {
                problems.add("sink.url: required for the jdbc sink. Fix: add url: jdbc:postgresql://HOST:5432/DATABASE");
            }
        } else if (!url.startsWith("jdbc:postgresql:")) {
            problems.add("sink.url: must be a PostgreSQL JDBC URL (jdbc:postgresql://HOST:5432/DATABASE), got '"
                    + ConfigProblems.abbreviate(dev.oktainputs.runner.db.Database.redact(url, null)) + "'. Fix: for a DuckDB file use"
                    + " type: duckdb with path");
        }
        if (s.has("path")) {
            problems.add("sink.path: the jdbc sink has no path (it writes to sink.url). Fix: remove it");
        }
        String user = s.has("user") ? values.text(s.get("user"), "sink.user") : null;
        return new RunnerConfig.Sink("jdbc", null, url, user,
                password == null || password.isBlank() ? null : dev.oktainputs.core.Secret.of(password));
    }

    /**
     * Why {@code dir} cannot be (or become) a directory, without creating anything: it or one of its parents is a file.
     * Permissions are probed when the run starts ({@link Runner#checkSinkDir}).
     *
     * @return the reason, or null when it looks usable
     */
    static String directoryProblem(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null || Files.isDirectory(p)) {
            return null;
        }
        return p.equals(dir.toAbsolutePath()) ? dir + " is a file, not a directory"
                : dir + " cannot be created: " + p + " is a file, not a directory";
    }

    /** {@code metrics.port}: the Prometheus endpoint's port, or null (off). */
    private Integer metricsPort(JsonNode m) {
        if (m.isMissingNode() || m.isNull()) {
            return null;
        }
        if (!m.isObject()) {
            problems.add("metrics: must be a map, e.g. { port: 9464 }");
            return null;
        }
        values.checkKeys(m, ConfigKeys.METRICS);
        Object raw = values.scalar(m.get("port"), "metrics.port");
        if (raw == null) {
            return null;
        }
        if (raw instanceof Long port && port >= 1 && port <= 65535) {
            return port.intValue();
        }
        problems.add("metrics.port: must be a port number 1..65535, got '" + ConfigProblems.abbreviate(String.valueOf(raw))
                + "'. Fix: e.g. port: 9464");
        return null;
    }

    /** The {@code http.*} settings, each parsed by core's declaration ({@link HttpOptions}); a missing one is its default. */
    private RunnerConfig.Http http(JsonNode h) {
        if (!h.isMissingNode() && !h.isNull() && !h.isObject()) {
            problems.add("http: must be a map, e.g. { max_concurrent: 8 }");
            return null;
        }
        if (h.isObject()) {
            values.checkKeys(h, ConfigKeys.HTTP);
        }
        return new RunnerConfig.Http(option(h, HttpOptions.MAX_CONCURRENT), option(h, HttpOptions.HEADROOM),
                option(h, HttpOptions.MAX_ATTEMPTS), option(h, HttpOptions.PREFETCH), option(h, HttpOptions.USER_AGENT_SUFFIX),
                option(h, HttpOptions.MAX_RETRY_TIME));
    }

    /**
     * @return the setting's value in {@code section}, its default when absent or null (or wrong: then a problem says so)
     */
    private <T> T option(JsonNode section, InputOption<T> option) {
        String field = ConfigKeys.HTTP + "." + option.name();
        Object raw = values.scalar(section.get(option.name()), field);
        T value = raw == null ? null : problems.attempt(field, () -> option.parse(raw));
        return value == null ? option.defaultValue() : value;
    }
}
