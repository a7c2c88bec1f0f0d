package dev.oktainputs.runner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.auth.ConnectionSettings;
import dev.oktainputs.core.auth.DpopMode;
import dev.oktainputs.core.config.ConfigField;
import dev.oktainputs.core.config.FieldProblem;
import dev.oktainputs.core.error.OktaConfigurationException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The connection part of the runner's YAML file: the {@code auth} section (API token, or OAuth service app with its
 * key file read here) and, with it, {@code org_url}. Every rule about them is core's ({@link ConnectionSettings});
 * this class reads the section, adds what is particular to a file (its shape, an empty {@code api_key}, the key file)
 * and reports core's problems under the YAML keys.
 */
final class AuthSection {

    /** A 4096-bit RSA key is about 3.3 KB in PEM and JWK. */
    static final long MAX_KEY_BYTES = 64 * 1024;

    private final YamlValues values;
    private final ConfigProblems problems;

    AuthSection(YamlValues values, ConfigProblems problems) {
        this.values = values;
        this.problems = problems;
    }

    /**
     * Reads the auth section as given; its values are checked by {@link #connection}. Only what is particular to a YAML
     * file is checked here: the section's shape, an empty {@code api_key} (an unset variable's usual trace) and the key
     * file.
     *
     * @param a       the {@code auth} node, possibly missing
     * @param baseDir the configuration file's directory, against which the key file is resolved
     * @return the credentials as given, or null when the section is missing or not a map (then a problem says so)
     */
    RunnerConfig.Auth read(JsonNode a, Path baseDir) {
        if (a.isMissingNode() || a.isNull()) {
            problems.add("auth: missing. Fix: set auth.api_key (e.g. ${OKTA_API_KEY}), or auth.client_id + auth.key_id + auth.private_key_file");
            return null;
        }
        if (!a.isObject()) {
            problems.add("auth: must be a map with api_key, or client_id + key_id + private_key_file");
            return null;
        }
        values.checkKeys(a, "auth");
        String apiKey = values.text(a.get("api_key"), yamlKey(ConfigField.API_TOKEN));
        if (apiKey != null && apiKey.isBlank()) {
            problems.add(yamlKey(ConfigField.API_TOKEN) + ": is empty. Fix: set it to your API token, e.g. api_key: ${OKTA_API_KEY}");
            apiKey = null;
        }
        if (apiKey != null) {
            problems.addSecret(apiKey.strip());
        }
        String keyFile = values.text(a.get("private_key_file"), yamlKey(ConfigField.PRIVATE_KEY));
        Path keyPath = keyFile == null ? null : values.resolve(baseDir, keyFile, yamlKey(ConfigField.PRIVATE_KEY));
        // YAML 1.1 reads a bare on / off as a boolean, whose text true / false DpopMode reads as on / off
        String dpop = values.text(a.get("dpop"), yamlKey(ConfigField.DPOP));
        return new RunnerConfig.Auth(apiKey == null ? null : Secret.of(apiKey.strip()),
                values.text(a.get("client_id"), yamlKey(ConfigField.CLIENT_ID)), values.text(a.get("key_id"), yamlKey(ConfigField.KEY_ID)),
                keyPath, keyPath == null ? null : privateKey(keyPath), dpopValue(dpop));
    }

    /**
     * @return the key file's contents, or null after adding the problem
     */
    private Secret privateKey(Path keyPath) {
        String field = yamlKey(ConfigField.PRIVATE_KEY);
        try {
            String pem = ConfigFile.readBounded(keyPath, MAX_KEY_BYTES);
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

    /**
     * @return the DPoP mode's value ({@code on} for {@code true}), or the text as given when it is none (core says so)
     */
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
     * @param orgText the {@code org_url} as given, or null
     * @param auth    the auth section, or null when it is missing or malformed (said already): then only the URL is checked
     * @return the org, or null when it has a problem
     */
    OrgUrl connection(String orgText, RunnerConfig.Auth auth) {
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
        Set<String> reported = problems.fields();
        found.stream().map(p -> p.renamed(ConfigKeys::yamlKey)).filter(p -> !reported.contains(p.field()))
                .forEach(p -> problems.add(p.toString()));
        return org;
    }

    private static String yamlKey(ConfigField field) {
        return ConfigKeys.yamlKey(field);
    }
}
