package dev.oktainputs.testkit;

import java.security.PublicKey;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An OAuth 2.0 API Services app registered with a {@link FakeOktaServer} (see
 * {@link FakeOktaServer#registerServiceApp(ServiceApp)}): client id, one public key with its key id, the Okta API
 * scopes granted on its "Okta API Scopes" tab, whether it requires DPoP, and whether it has an admin role.
 *
 * <pre>{@code
 * TestKeyPair key = TestKeyPair.rsa(2048, "kid-1");
 * server.registerServiceApp(ServiceApp.builder("0oa1fakeserviceapp").key("kid-1", key.publicKey())
 *         .grant("okta.users.read").requireDpop(true).build());
 * }</pre>
 */
public final class ServiceApp {

    private final String clientId;
    private final String keyId;
    private final PublicKey publicKey;
    private final Set<String> grantedScopes;
    private final boolean dpopRequired;
    private final boolean adminRole;

    private ServiceApp(Builder b) {
        this.clientId = b.clientId;
        this.keyId = Objects.requireNonNull(b.keyId, "key");
        this.publicKey = b.publicKey;
        this.grantedScopes = Collections.unmodifiableSortedSet(new TreeSet<>(b.granted));
        this.dpopRequired = b.dpopRequired;
        this.adminRole = b.adminRole;
    }

    /**
     * @param clientId the app's client id, e.g. {@code 0oa1fakeserviceapp}
     * @return a builder: no scope granted, DPoP not required, with an admin role
     */
    public static Builder builder(String clientId) {
        return new Builder(clientId);
    }

    /** @return the client id */
    public String clientId() {
        return clientId;
    }

    /** @return the key id ({@code kid}) of the registered public key */
    public String keyId() {
        return keyId;
    }

    /** @return the registered public key, which client assertions must be signed for */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** @return the granted scopes */
    public Set<String> grantedScopes() {
        return grantedScopes;
    }

    /** @return true when token requests must carry a DPoP proof */
    public boolean dpopRequired() {
        return dpopRequired;
    }

    /** @return false for an app without an admin role: its tokens get 403 E0000006 on every resource */
    public boolean adminRole() {
        return adminRole;
    }

    @Override
    public String toString() {
        return "ServiceApp[" + clientId + ", kid=" + keyId + ", scopes=" + grantedScopes + ", dpop=" + dpopRequired
                + ", adminRole=" + adminRole + "]";
    }

    /** Builds a {@link ServiceApp}. */
    public static final class Builder {
        private final String clientId;
        private String keyId;
        private PublicKey publicKey;
        private final Set<String> granted = new TreeSet<>();
        private boolean dpopRequired;
        private boolean adminRole = true;

        private Builder(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
        }

        /**
         * @param keyId     the key id shown under PUBLIC KEYS
         * @param publicKey the RSA public key
         * @return this builder
         */
        public Builder key(String keyId, PublicKey publicKey) {
            this.keyId = Objects.requireNonNull(keyId, "keyId");
            this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
            return this;
        }

        /**
         * @param scopes scopes granted on the "Okta API Scopes" tab
         * @return this builder
         */
        public Builder grant(String... scopes) {
            return grant(java.util.List.of(scopes));
        }

        /**
         * @param scopes scopes granted on the "Okta API Scopes" tab
         * @return this builder
         */
        public Builder grant(Collection<String> scopes) {
            granted.addAll(scopes);
            return this;
        }

        /**
         * @param required whether token requests need a DPoP proof (Okta's default for new apps)
         * @return this builder
         */
        public Builder requireDpop(boolean required) {
            this.dpopRequired = required;
            return this;
        }

        /**
         * @param hasRole false to model an app without an admin role (403 on resources)
         * @return this builder
         */
        public Builder adminRole(boolean hasRole) {
            this.adminRole = hasRole;
            return this;
        }

        /** @return the app */
        public ServiceApp build() {
            return new ServiceApp(this);
        }
    }
}
