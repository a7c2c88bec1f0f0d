package dev.oktainputs.runner;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.auth.ConnectionSettings;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.schedule.CronSchedule;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/**
 * A validated runner configuration. Built by {@link ConfigLoader}; {@link #toString()} never shows a secret.
 *
 * @param orgUrl   the org
 * @param auth     how to authenticate
 * @param inputs   the inputs to run, families expanded
 * @param sink     where records go
 * @param stateDir where checkpoints and id sets live
 * @param timeZone the zone cron expressions are read in
 * @param http     client settings
 * @param metricsPort the port of the Prometheus endpoint on 127.0.0.1, or null when off
 */
record RunnerConfig(OrgUrl orgUrl, Auth auth, List<Input> inputs, Sink sink, Path stateDir, ZoneId timeZone, Http http,
                    Integer metricsPort) {

    /**
     * Credentials: an API token, or an OAuth service app.
     *
     * @param apiKey         the API token, or null
     * @param clientId       the service app's client id, or null
     * @param keyId          the key id (kid), or null
     * @param privateKeyFile the PEM or JWK file, or null
     * @param privateKey     the key's contents (read from the file), or null
     * @param dpop           the DPoP mode's value ({@link dev.oktainputs.core.auth.DpopMode#value()})
     */
    record Auth(Secret apiKey, String clientId, String keyId, Path privateKeyFile, Secret privateKey, String dpop) {
        boolean isApiKey() {
            return apiKey != null;
        }

        /**
         * @param orgUrl the configured org URL
         * @return these credentials as core's connection settings, which check them
         */
        ConnectionSettings settings(String orgUrl) {
            return ConnectionSettings.builder().orgUrl(orgUrl).apiToken(apiKey).clientId(clientId).keyId(keyId)
                    .privateKey(privateKey).dpop(dpop).build();
        }

        @Override
        public String toString() {
            return isApiKey() ? "Auth[api_key=[hidden]]"
                    : "Auth[client_id=" + clientId + ", key_id=" + keyId + ", private_key_file=" + privateKeyFile + ", dpop=" + dpop + "]";
        }
    }

    /**
     * One input to run.
     *
     * @param family   the configured name, e.g. {@code groups}
     * @param input    the input, e.g. {@code group_members}
     * @param options  its options
     * @param schedule when it runs
     */
    record Input(String family, OktaInput input, InputOptions options, CronSchedule schedule) {
    }

    /**
     * Where records go. {@link #toString()} never shows the password.
     *
     * @param type     {@code file}, {@code stdout}, {@code duckdb} or {@code jdbc}
     * @param path     the directory of the file sink, or the DuckDB database file
     * @param url      the JDBC URL of the {@code jdbc} sink, or null
     * @param user     its user, or null
     * @param password its password, or null
     */
    record Sink(String type, Path path, String url, String user, Secret password) {

        /** A file, stdout or DuckDB sink. */
        Sink(String type, Path path) {
            this(type, path, null, null, null);
        }

        /** @return true for the database sinks ({@code duckdb}, {@code jdbc}) */
        boolean isDatabase() {
            return "duckdb".equals(type) || "jdbc".equals(type);
        }

        @Override
        public String toString() {
            return "Sink[type=" + type + ", path=" + path + ", url=" + (url == null ? null : dev.oktainputs.runner.db.Database.redact(url, password))
                    + ", user=" + user + ", password=" + (password == null ? null : "[hidden]") + "]";
        }
    }

    /**
     * The {@code http.*} settings ({@link dev.oktainputs.core.http.HttpOptions}).
     *
     * @param maxConcurrent requests in flight at once
     * @param headroom      share of each rate-limit bucket left to others
     * @param maxAttempts   attempts per request
     * @param prefetch      whether each listing requests its next page while the current batch is written
     * @param userAgentSuffix appended to the User-Agent, or null
     * @param maxRetryTime  how long one request may spend waiting between its attempts
     */
    record Http(int maxConcurrent, double headroom, int maxAttempts, boolean prefetch, String userAgentSuffix,
                java.time.Duration maxRetryTime) {
    }
}
