package dev.oktainputs.runner;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.oktainputs.core.InputFamilies;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.auth.ConnectionSettings;
import dev.oktainputs.core.auth.DpopMode;
import dev.oktainputs.core.config.ConfigField;
import dev.oktainputs.core.config.FieldProblem;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.error.OktaConfigurationException;
import dev.oktainputs.core.http.HttpOptions;
import dev.oktainputs.core.schedule.CronSchedule;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the runner's YAML file: {@code ${ENV_VAR}} (and {@code ${ENV_VAR:-default}}) interpolation so secrets
 * stay out of the file, then static validation of everything at once. Every problem names its field and the
 * fix; secret values are never echoed.
 */
final class ConfigLoader {

    /** Duplicate keys are an error: with YAML's "last one wins" a second {@code inputs:} would silently drop the first. */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    /**
     * Environment variables whose values are treated as secrets: never quoted in a problem. Not every "KEY": the path
     * in OKTA_PRIVATE_KEY_FILE or the id in OKTA_KEY_ID must stay visible in the messages about them.
     */
    private static final Pattern SECRET_VAR = Pattern.compile("(?i).*(TOKEN|SECRET|PASSW|CREDENTIAL|API_?KEY|ASSERTION).*");
    /** A configuration is a few hundred bytes; anything this big is the wrong file, and reading it costs memory. */
    static final long MAX_FILE_BYTES = 1024 * 1024;
    /** A 4096-bit RSA key is about 3.3 KB in PEM and JWK. */
    static final long MAX_KEY_BYTES = 64 * 1024;
    /** Problems shown at most; the rest are counted. */
    static final int MAX_PROBLEMS = 30;

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> secrets = new java.util.HashSet<>();

    ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    /**
     * @param file the YAML file
     * @return the validated configuration
     * @throws OktaConfigurationException listing every problem
     */
    RunnerConfig load(Path file) {
        String text;
        try {
            text = readBounded(file, MAX_FILE_BYTES);
            if (text == null) {
                throw new OktaConfigurationException("--config", file + " is larger than " + MAX_FILE_BYTES / 1024 + " KiB, the most"
                        + " a configuration file may be. Fix: pass the YAML configuration (keys and tokens belong in"
                        + " environment variables or private_key_file)");
            }
        } catch (NoSuchFileException e) {
            throw new OktaConfigurationException("--config", "file " + file + " does not exist. Fix: pass the path of your YAML file");
        } catch (CharacterCodingException e) {
            throw new OktaConfigurationException("--config", file + " is not UTF-8 text. Fix: save it as UTF-8");
        } catch (IOException e) {
            throw new OktaConfigurationException("--config", "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        JsonNode root;
        try {
            checkStructure(text, file);
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            // Only the first line of the parser's message: the rest quotes the file, which may hold a secret.
            String why = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("syntax error");
            throw new OktaConfigurationException(tidy(List.of("--config: " + file + " is not valid YAML (" + why + ")"
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()))));
        } catch (IOException e) {
            throw new OktaConfigurationException("--config", "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        return parse(root, file.toAbsolutePath().getParent());
    }

    /**
     * One streaming pass before the tree is built: a second YAML document would be ignored and an alias would read
     * as its anchor's name (Jackson does not expand them, which also keeps YAML bombs harmless), so both are errors.
     */
    private static void checkStructure(String text, Path file) throws IOException {
        try (JsonParser p = YAML.getFactory().createParser(text)) {
            int depth = 0;
            int roots = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (depth == 0 && ++roots > 1) {
                    throw new OktaConfigurationException("--config", file + " holds more than one YAML document (another starts at line "
                            + p.currentTokenLocation().getLineNr() + "). Fix: keep a single document, without a second '---'");
                }
                if (p instanceof YAMLParser && ((YAMLParser) p).isCurrentAlias()) {
                    throw new OktaConfigurationException("--config", file + " uses the YAML alias *" + abbreviate(p.getText())
                            + " at line " + p.currentTokenLocation().getLineNr() + "; aliases are not supported. Fix: write the value out");
                }
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                }
            }
        }
    }

    RunnerConfig parse(JsonNode root, Path baseDir) {
        if (root == null || root.isMissingNode() || root.isNull() || !root.isObject()) {
            throw new OktaConfigurationException("--config", "the file must be a YAML map with org_url, auth and inputs");
        }
        checkKeys(root, "");
        String orgText = text(root.get("org_url"), yamlKey(ConfigField.ORG_URL));
        RunnerConfig.Auth auth = auth(root.path("auth"), baseDir);
        OrgUrl org = connection(orgText, auth);
        String zoneText = root.has("time_zone") ? text(root.get("time_zone"), "time_zone") : null;
        ZoneId zone = zoneText == null ? ZoneOffset.UTC : section("time_zone", () -> CronSchedule.zone(zoneText, "time_zone"));
        List<RunnerConfig.Input> inputs = inputs(root.path("inputs"), zone == null ? ZoneOffset.UTC : zone);
        RunnerConfig.Sink sink = sink(root.path("sink"), baseDir);
        String stateText = root.has("state_dir") ? text(root.get("state_dir"), "state_dir") : null;
        Path stateDir = resolve(baseDir, stateText == null ? "./okta-state" : stateText, "state_dir");
        RunnerConfig.Http http = http(root.path(ConfigKeys.HTTP));
        if (auth != null && auth.apiKey() != null) {
            secrets.add(auth.apiKey().reveal());
        }
        if (!problems.isEmpty()) {
            throw new OktaConfigurationException(tidy(problems));
        }
        return new RunnerConfig(org, auth, inputs, sink, stateDir, zone, http);
    }

    /**
     * Reads the auth section as given; its values are checked by {@link #connection}. Only what is particular to a YAML
     * file is checked here: the section's shape, an empty {@code api_key} (an unset variable's usual trace) and the key
     * file.
     */
    private RunnerConfig.Auth auth(JsonNode a, Path baseDir) {
        if (a.isMissingNode() || a.isNull()) {
            problems.add("auth: missing. Fix: set auth.api_key (e.g. ${OKTA_API_KEY}), or auth.client_id + auth.key_id + auth.private_key_file");
            return null;
        }
        if (!a.isObject()) {
            problems.add("auth: must be a map with api_key, or client_id + key_id + private_key_file");
            return null;
        }
        checkKeys(a, "auth");
        String apiKey = text(a.get("api_key"), yamlKey(ConfigField.API_TOKEN));
        if (apiKey != null && apiKey.isBlank()) {
            problems.add(yamlKey(ConfigField.API_TOKEN) + ": is empty. Fix: set it to your API token, e.g. api_key: ${OKTA_API_KEY}");
            apiKey = null;
        }
        String keyFile = text(a.get("private_key_file"), yamlKey(ConfigField.PRIVATE_KEY));
        Path keyPath = keyFile == null ? null : resolve(baseDir, keyFile, yamlKey(ConfigField.PRIVATE_KEY));
        // YAML 1.1 reads a bare on / off as a boolean, whose text true / false DpopMode reads as on / off
        String dpop = text(a.get("dpop"), yamlKey(ConfigField.DPOP));
        return new RunnerConfig.Auth(apiKey == null ? null : Secret.of(apiKey.strip()),
                text(a.get("client_id"), yamlKey(ConfigField.CLIENT_ID)), text(a.get("key_id"), yamlKey(ConfigField.KEY_ID)),
                keyPath, keyPath == null ? null : privateKey(keyPath), dpopValue(dpop));
    }

    /** @return the key file's contents, or null after adding the problem */
    private Secret privateKey(Path keyPath) {
        String field = yamlKey(ConfigField.PRIVATE_KEY);
        try {
            String pem = readBounded(keyPath, MAX_KEY_BYTES);
            if (pem != null) {
                return Secret.of(pem);
            }
            problems.add(field + ": " + keyPath + " is larger than " + MAX_KEY_BYTES / 1024
                    + " KiB, which no RSA private key is. Fix: point it at the service app's private key (PEM or JWK)");
        } catch (NoSuchFileException e) {
            problems.add(field + ": " + keyPath + " does not exist. Fix: point it at the service app's private key (PEM or JWK)");
        } catch (IOException | IllegalArgumentException e) {
            problems.add(field + ": cannot read " + keyPath + " (" + e.getClass().getSimpleName() + ")");
        }
        return null;
    }

    /** @return the DPoP mode's value ({@code on} for {@code true}), or the text as given when it is none (core says so) */
    private static String dpopValue(String raw) {
        try {
            return DpopMode.parse(raw).value();
        } catch (OktaConfigurationException e) {
            return raw;
        }
    }

    /**
     * Core's {@link ConnectionSettings} checks the org URL and the credentials: every auth rule, in one place. Its
     * problems are named as this file names the fields; a field that already has a problem here (an unset variable,
     * a key file that cannot be read) gets no second one.
     *
     * @param auth the auth section, or null when it is missing or malformed (said already): then only the URL is checked
     * @return the org, or null when it has a problem
     */
    private OrgUrl connection(String orgText, RunnerConfig.Auth auth) {
        List<FieldProblem> found;
        OrgUrl org = null;
        if (auth == null) {
            try {
                return OrgUrl.parse(orgText);
            } catch (OktaConfigurationException e) {
                found = e.problems().stream().map(FieldProblem::parse).toList();
            }
        } else {
            ConnectionSettings settings = auth.settings(orgText);
            found = settings.problems();
            if (found.stream().noneMatch(p -> p.field().equals(ConfigField.ORG_URL.field()))) {
                org = settings.orgUrl();
            }
        }
        Set<String> reported = problems.stream().map(p -> p.substring(0, Math.max(0, p.indexOf(": ")))).collect(Collectors.toSet());
        found.stream().map(p -> p.renamed(ConfigKeys::yamlKey)).filter(p -> !reported.contains(p.field()))
                .forEach(p -> problems.add(p.toString()));
        return org;
    }

    private static String yamlKey(ConfigField field) {
        return ConfigKeys.yamlKey(field);
    }

    private List<RunnerConfig.Input> inputs(JsonNode in, ZoneId zone) {
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
            JsonNode opts = e.getValue() == null || e.getValue().isNull() ? YAML.createObjectNode() : e.getValue();
            if (!opts.isObject()) {
                problems.add(field + ": must be a map of options (or empty), e.g. " + family + ": { cron: \"*/30 * * * *\" }");
                continue;
            }
            List<OktaInput> members = available.members(family);
            if (members.isEmpty()) {
                Set<String> known = new java.util.TreeSet<>(available.names());
                problems.add(field + ": unknown input" + suggestion(family, known) + ". Available: " + String.join(", ", known));
                continue;
            }
            // cron: ~ (no value) means the default, like any option without a value; a list or map is a problem
            JsonNode cronNode = opts.get("cron");
            String cronText = cronNode == null || cronNode.isNull() ? available.defaultSchedule(family) : text(cronNode, field + ".cron");
            CronSchedule schedule = cronText == null ? null : section(field + ".cron", () -> CronSchedule.parse(cronText, zone, field + ".cron"));
            Map<String, Object> raw = new LinkedHashMap<>();
            opts.fields().forEachRemaining(o -> {
                if (!o.getKey().equals("cron")) {
                    raw.put(o.getKey(), scalar(o.getValue(), field + "." + o.getKey()));
                }
            });
            // An option given for a family goes to every member that declares it; one no member declares is an error.
            for (String key : raw.keySet()) {
                boolean declared = members.stream().anyMatch(m -> m.options().stream().anyMatch(o -> o.name().equals(key)));
                if (!declared) {
                    List<String> names = members.stream().flatMap(m -> m.options().stream().map(InputOption::name)).distinct()
                            .collect(java.util.stream.Collectors.toList());
                    problems.add(field + "." + key + ": unknown option" + suggestion(key, names) + ". Known: cron"
                            + (names.isEmpty() ? "" : ", " + String.join(", ", names)));
                }
            }
            for (OktaInput m : members) {
                Map<String, Object> mine = new LinkedHashMap<>();
                raw.forEach((k, v) -> {
                    if (m.options().stream().anyMatch(o -> o.name().equals(k))) {
                        mine.put(k, v);
                    }
                });
                InputOptions options = section(field, () -> InputOptions.parse(family, m.options(), mine));
                if (options != null && schedule != null) {
                    out.add(new RunnerConfig.Input(family, m, options, schedule));
                }
            }
        }
        return out;
    }

    private RunnerConfig.Sink sink(JsonNode s, Path baseDir) {
        if (s.isMissingNode() || s.isNull()) {
            return new RunnerConfig.Sink("file", resolve(baseDir, "./okta-out", "sink.path"));
        }
        if (!s.isObject()) {
            problems.add("sink: must be a map, e.g. { type: file, path: ./okta-out }");
            return null;
        }
        checkKeys(s, "sink");
        String type = s.has("type") ? text(s.get("type"), "sink.type") : "file";
        if (type != null && !type.equals("file") && !type.equals("stdout")) {
            problems.add("sink.type: must be file or stdout, got '" + abbreviate(type) + "'");
        }
        String path = s.has("path") ? text(s.get("path"), "sink.path") : "./okta-out";
        Path dir = path == null ? null : resolve(baseDir, path, "sink.path");
        if (dir != null && !"stdout".equals(type)) {
            String problem = directoryProblem(dir);
            if (problem != null) {
                problems.add("sink.path: " + problem + ". Fix: point sink.path at a directory the runner may create or"
                        + " write (the JSONL files go in it), e.g. path: ./okta-out");
            }
        }
        return new RunnerConfig.Sink(type, dir);
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

    /** The {@code http.*} settings, each parsed by core's declaration ({@link HttpOptions}); a missing one is its default. */
    private RunnerConfig.Http http(JsonNode h) {
        if (!h.isMissingNode() && !h.isNull() && !h.isObject()) {
            problems.add("http: must be a map, e.g. { max_concurrent: 8 }");
            return null;
        }
        if (h.isObject()) {
            checkKeys(h, ConfigKeys.HTTP);
        }
        return new RunnerConfig.Http(option(h, HttpOptions.MAX_CONCURRENT), option(h, HttpOptions.HEADROOM),
                option(h, HttpOptions.MAX_ATTEMPTS), option(h, HttpOptions.PREFETCH), option(h, HttpOptions.USER_AGENT_SUFFIX),
                option(h, HttpOptions.MAX_RETRY_TIME));
    }

    /** @return the setting's value in {@code section}, its default when absent or null (or wrong: then a problem says so) */
    private <T> T option(JsonNode section, InputOption<T> option) {
        String field = ConfigKeys.HTTP + "." + option.name();
        Object raw = scalar(section.get(option.name()), field);
        T value = raw == null ? null : section(field, () -> option.parse(raw));
        return value == null ? option.defaultValue() : value;
    }

    /**
     * Reads a UTF-8 text file of at most {@code max} bytes, stopping there whatever the file claims to be (a device or
     * a pipe has no size).
     *
     * @return the text, or null when the file is larger
     * @throws CharacterCodingException when it is not UTF-8
     */
    static String readBounded(Path file, long max) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) max + 1);
            if (bytes.length > max) {
                return null;
            }
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        }
    }


    /**
     * Problems as shown: a secret (the API token, or the value of an environment variable named like one) replaced
     * wherever any eight characters of it appear, very long words abbreviated, and at most {@link #MAX_PROBLEMS}.
     */
    private List<String> tidy(List<String> all) {
        List<String> out = new ArrayList<>();
        for (String p : all.subList(0, Math.min(all.size(), MAX_PROBLEMS))) {
            Matcher m = WORD.matcher(p);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String w = m.group();
                String colon = w.endsWith(":") ? ":" : "";   // keep "field:" recognisable
                String shown = leaksSecret(w) ? "[hidden]" + colon
                        : w.length() > 100 ? w.substring(0, 60) + "…(" + w.length() + " characters)" + colon : w;
                m.appendReplacement(sb, Matcher.quoteReplacement(shown));
            }
            m.appendTail(sb);
            out.add(printable(sb.toString()));
        }
        if (all.size() > MAX_PROBLEMS) {
            out.add("--config: " + (all.size() - MAX_PROBLEMS) + " more problems not shown. Fix the ones above first");
        }
        return out;
    }

    /** One problem is one line: control characters (and text-direction overrides) quoted from the file are escaped. */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069) {
                sb.append(c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final Pattern WORD = Pattern.compile("[^\\s'\"]+");

    private boolean leaksSecret(String word) {
        for (String secret : secrets) {
            for (int i = 0; i + 8 <= secret.length(); i++) {
                if (word.contains(secret.substring(i, i + 8))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Runs a parse step; its OktaConfigurationException becomes problems (each already names its field). */
    private <T> T section(String field, Supplier<T> step) {
        try {
            return step.get();
        } catch (OktaConfigurationException e) {
            problems.addAll(e.problems());
        } catch (IllegalArgumentException e) {
            problems.add(field + ": " + e.getMessage());
        }
        return null;
    }

    private void checkKeys(JsonNode node, String section) {
        List<String> allowed = ConfigKeys.sections().get(section);
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                String name = k.isEmpty() ? "\"\"" : k;   // an empty key still needs a visible name
                String field = section.isEmpty() ? name : section + "." + name;
                problems.add(field + ": unknown key" + suggestion(k, allowed) + ". Allowed here: " + String.join(", ", allowed));
            }
        });
    }



    /** A string scalar, interpolated. Numbers and booleans are accepted as their text. */
    private String text(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            problems.add(field + ": must be a single value, not a " + (v.isArray() ? "list" : "map"));
            return null;
        }
        return interpolate(v.asText(), field);
    }

    private Object scalar(JsonNode v, String field) {
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
                secrets.add(v.strip());
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

    private Path resolve(Path baseDir, String path, String field) {
        Path p;
        try {
            p = Path.of(path);
        } catch (java.nio.file.InvalidPathException e) {
            problems.add(field + ": '" + abbreviate(path) + "' is not a valid path (" + e.getReason() + ")");
            return null;
        }
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** ", did you mean 'x'?" for a near miss (edit distance ≤ 2), else "". */
    static String suggestion(String typed, java.util.Collection<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(typed, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
