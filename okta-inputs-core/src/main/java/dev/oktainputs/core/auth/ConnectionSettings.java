package dev.oktainputs.core.auth;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.config.ConfigField;
import dev.oktainputs.core.config.FieldProblem;
import dev.oktainputs.core.error.OktaConfigurationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How to reach and authenticate to one org, as configured: {@code org_url} plus either {@code api_token}, or
 * {@code client_id} + {@code key_id} + {@code private_key} (+ {@code dpop}) of an OAuth service app (the fields
 * {@link ConfigField} declares). The runner's YAML and the Kafka connector's config map onto these fields;
 * {@link #problems()} checks them all at once, and is the one place the auth rules are checked.
 */
public final class ConnectionSettings {

    private final String orgUrl;
    private final Secret apiToken;
    private final String clientId;
    private final String keyId;
    private final Secret privateKey;
    private final String dpop;

    private ConnectionSettings(Builder b) {
        this.orgUrl = b.orgUrl;
        this.apiToken = b.apiToken;
        this.clientId = blankToNull(b.clientId);
        this.keyId = blankToNull(b.keyId);
        this.privateKey = b.privateKey;
        this.dpop = b.dpop;
    }

    /** @return a builder with nothing set */
    public static Builder builder() {
        return new Builder();
    }

    /** @return true when the settings name an OAuth service app (any of client_id, key_id, private_key set) */
    public boolean isServiceApp() {
        return clientId != null || keyId != null || privateKey != null;
    }

    /**
     * Static validation: every problem of every field, without any request.
     *
     * @return the problems, empty when the settings are usable
     */
    public List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        collect(problems, () -> OrgUrl.parse(orgUrl));
        collect(problems, () -> DpopMode.parse(dpop));
        if (apiToken != null && isServiceApp()) {
            problems.add(new FieldProblem(ConfigField.API_TOKEN.field(), "set together with an OAuth service app (client_id, key_id,"
                    + " private_key). Fix: keep one: api_token for an API token, or client_id + key_id + private_key."));
        } else if (apiToken == null && !isServiceApp()) {
            problems.add(new FieldProblem(ConfigField.API_TOKEN.field(), "no credentials. Fix: set api_token to an Okta API token, or client_id,"
                    + " key_id and private_key of an OAuth service app (API Services app with Public key / Private key)."));
        } else if (isServiceApp()) {
            if (clientId == null) {
                problems.add(new FieldProblem(ConfigField.CLIENT_ID.field(), "missing. Fix: set it to the Client ID on the service app's General"
                        + " tab in Okta."));
            }
            if (privateKey == null) {
                problems.add(new FieldProblem(ConfigField.PRIVATE_KEY.field(), "missing. Fix: set it to the service app's RSA private key (PEM"
                        + " PKCS#8, PEM PKCS#1 or the JWK JSON from Okta's 'Generate new key')."));
            } else {
                collect(problems, () -> ServiceAppKey.parse(privateKey, keyId));
            }
        }
        return problems;
    }

    /**
     * Settings that work but are probably not what was meant, each as {@code field: what. Fix: …} (no secret in them):
     * a {@code key_id} that differs from the {@code kid} of a JWK private key (the configured {@code key_id} wins; leave
     * it out to use the JWK's).
     *
     * @return the warnings, empty when none
     */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (privateKey != null) {
            String kid = ServiceAppKey.kidMismatch(privateKey, keyId);
            if (kid != null) {
                warnings.add(kid);
            }
        }
        return warnings;
    }

    /**
     * @return the org URL
     * @throws OktaConfigurationException naming {@code org_url}
     */
    public OrgUrl orgUrl() {
        return OrgUrl.parse(orgUrl);
    }

    /**
     * @param scopes the scopes of the enabled inputs (see {@link dev.oktainputs.core.Inputs#requiredScopes}); used by
     *               service apps only
     * @return API-token or service-app credentials
     * @throws OktaConfigurationException listing every problem of {@link #problems()}
     */
    public OktaCredentials credentials(Collection<String> scopes) {
        List<FieldProblem> problems = problems();
        if (!problems.isEmpty()) {
            throw new OktaConfigurationException(problems.stream().map(FieldProblem::toString).toList());
        }
        if (apiToken != null) {
            return new ApiKeyCredentials(apiToken);
        }
        return ServiceAppCredentials.builder().clientId(clientId).keyId(keyId).privateKey(privateKey).scopes(scopes)
                .dpop(DpopMode.parse(dpop)).build();
    }

    private static void collect(List<FieldProblem> problems, Runnable check) {
        try {
            check.run();
        } catch (OktaConfigurationException e) {
            e.problems().forEach(p -> problems.add(FieldProblem.parse(p)));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The fields, secrets shown as {@code [hidden]}. */
    @Override
    public String toString() {
        return "ConnectionSettings[org_url=" + orgUrl + ", api_token=" + (apiToken == null ? "-" : apiToken)
                + ", client_id=" + clientId + ", key_id=" + keyId + ", private_key=" + (privateKey == null ? "-" : privateKey)
                + ", dpop=" + dpop + "]";
    }

    /** Collects the settings; nothing is checked until {@link ConnectionSettings#problems()}. */
    public static final class Builder {
        private String orgUrl;
        private Secret apiToken;
        private String clientId;
        private String keyId;
        private Secret privateKey;
        private String dpop;

        private Builder() {
        }

        /**
         * @param orgUrl {@code org_url}, e.g. {@code https://acme.okta.com}
         * @return this
         */
        public Builder orgUrl(String orgUrl) {
            this.orgUrl = orgUrl;
            return this;
        }

        /**
         * @param apiToken {@code api_token}, or null
         * @return this
         */
        public Builder apiToken(Secret apiToken) {
            this.apiToken = apiToken;
            return this;
        }

        /**
         * @param clientId {@code client_id}, or null
         * @return this
         */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /**
         * @param keyId {@code key_id}, or null (then a JWK's own {@code kid})
         * @return this
         */
        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        /**
         * @param privateKey {@code private_key}: PEM PKCS#8, PEM PKCS#1 or JWK JSON, or null
         * @return this
         */
        public Builder privateKey(Secret privateKey) {
            this.privateKey = privateKey;
            return this;
        }

        /**
         * @param dpop {@code dpop}, read by {@link DpopMode#parse(String)}; null for the default
         * @return this
         */
        public Builder dpop(String dpop) {
            this.dpop = dpop;
            return this;
        }

        /** @return the settings */
        public ConnectionSettings build() {
            return new ConnectionSettings(this);
        }
    }
}
