package dev.oktainputs.runner;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every key of the runner's YAML file, declared once: validation (unknown keys are errors) and the configuration
 * reference in docs/runner.md (a test checks it against this list) both read it.
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

    static final List<Key> ALL = List.of(
            new Key("org_url", "URL", "required", "Your Okta org, e.g. https://acme.okta.com (the admin URL acme-admin.okta.com is fine too). https only; http only for loopback."),
            new Key("auth.api_key", "secret", "—", "An Okta API token (sent as SSWS). Use ${OKTA_API_KEY} to keep it out of the file. Either this or client_id."),
            new Key("auth.client_id", "string", "—", "OAuth 2.0 service app client id (private key JWT). Needs private_key_file (and key_id unless the key is a JWK with its kid)."),
            new Key("auth.key_id", "string", "—", "The kid of the service app's public key, as shown in Okta. Optional when private_key_file is a JWK with its kid; if both are given and differ, key_id wins, with a warning."),
            new Key("auth.private_key_file", "path", "—", "The service app's RSA private key: PEM (PKCS#8 or PKCS#1) or JWK JSON."),
            new Key("auth.dpop", "auto | on | off", "auto", "DPoP for the service app: auto completes the handshake when Okta asks for it."),
            new Key("inputs", "map", "required", "The stream families to run: users, groups, apps, system_log, roles, api_tokens; each a map of options."),
            new Key("inputs.<name>.cron", "cron", "*/30 * * * * (system_log: * * * * *)", "When the input runs: 5-field Unix cron, Quartz 6/7 fields, or @hourly/@daily/…; read in time_zone."),
            new Key("inputs.<name>.<option>", "per input", "per input", "The input's own options: the option tables in docs/directory.md and docs/system-log.md."),
            new Key("sink.type", "file | stdout", "file", "file: one JSON Lines file per stream under sink.path; stdout: JSON Lines on standard output."),
            new Key("sink.path", "path", "./okta-out", "Directory of the file sink; created if missing. Checked when the config is loaded: below or at a regular file, or not writable, is exit 2 naming sink.path."),
            new Key("state_dir", "path", "./okta-state", "Where checkpoints and id sets live (atomic writes; keep it on a local disk)."),
            new Key("time_zone", "zone id", "UTC", "Time zone the cron expressions are read in, e.g. Europe/Berlin."),
            new Key("http.max_concurrent", "integer 1..75", "8", "Requests in flight at once, for the whole org."),
            new Key("http.headroom", "number 0..0.9", "0.2", "Share of each rate-limit bucket left unused for the org's other integrations."),
            new Key("http.max_attempts", "integer 1..20", "6", "Attempts per request (429, 5xx and I/O failures are retried)."),
            new Key("http.max_retry_time", "duration", "PT5M", "How long one request may spend waiting between its attempts (429 resets, back-offs) before it fails, e.g. PT10M or 10m; 1 s to 24 h."),
            new Key("http.prefetch", "boolean", "true", "Request a listing's next page while the current batch is written and checkpointed (one page ahead per listing); false: one request at a time."),
            new Key("http.user_agent_suffix", "string", "—", "Appended to the User-Agent (okta-inputs/<version> okhttp/<version> java/<version>), e.g. acme-etl/2.3; printable ASCII, at most 200 characters."));

    /** @return the keys allowed directly under each section ("" = top level) */
    static Map<String, List<String>> sections() {
        return Map.of(
                "", List.of("org_url", "auth", "inputs", "sink", "state_dir", "time_zone", "http"),
                "auth", keysUnder("auth"),
                "sink", keysUnder("sink"),
                "http", keysUnder("http"));
    }

    private static List<String> keysUnder(String section) {
        return ALL.stream().map(Key::path).filter(p -> p.startsWith(section + "."))
                .map(p -> p.substring(section.length() + 1)).collect(Collectors.toList());
    }

    /** @return the reference as a Markdown table */
    static String markdownTable() {
        StringBuilder sb = new StringBuilder("| key | type | default | what it does |\n|---|---|---|---|\n");
        for (Key k : ALL) {
            sb.append("| `").append(k.path()).append("` | ").append(k.type()).append(" | ").append(k.dflt().replace("|", "\\|"))
                    .append(" | ").append(k.doc().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    private ConfigKeys() {
    }
}
