package dev.oktainputs.core.auth;

import com.nimbusds.jose.jwk.RSAKey;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.error.OAuthErrors;
import dev.oktainputs.core.error.OktaConfigurationException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An Okta API Services app authenticating with a key pair ({@code private_key_jwt}, client credentials grant):
 * client id, key id ({@code kid}), RSA private key (PEM PKCS#8, PEM PKCS#1 or JWK JSON), the scopes of the
 * enabled inputs, and a {@link DpopMode}.
 *
 * <p>Give one instance to the org's {@link dev.oktainputs.core.http.OktaClient}: its token cache then serves
 * every input of the org. A token is fetched on first use and again shortly before it expires; concurrent
 * callers wait for one token request. A 401 on a resource call drops the token (or takes the resource
 * server's new DPoP nonce) and the call is retried once.
 *
 * <pre>{@code
 * OktaCredentials credentials = ServiceAppCredentials.builder()
 *         .clientId("0oa8f5j3ecb5w3dF35d7").keyId("my-key-1")
 *         .privateKey(Secret.of(Files.readString(Path.of("okta-service-app.pem"))))
 *         .scopes(Inputs.requiredScopes(List.of(users))).build();
 * }</pre>
 */
public final class ServiceAppCredentials implements TokenCredentials {

    private final String clientId;
    private final String keyId;
    private final Set<String> scopes;
    private final DpopMode mode;
    private final DpopProofs dpop;
    private final TokenRequester requester;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile TokenChannel channel;
    private volatile AccessToken token;
    private volatile String resourceNonce;

    private ServiceAppCredentials(String clientId, RSAKey key, Set<String> scopes, DpopMode mode) {
        this.clientId = clientId;
        this.keyId = key.getKeyID();
        this.scopes = scopes;
        this.mode = mode;
        this.dpop = mode == DpopMode.OFF ? null : new DpopProofs();
        this.requester = new TokenRequester(clientId, key, List.copyOf(scopes), mode, dpop);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void attach(TokenChannel channel) {
        TokenChannel current = this.channel;
        if (current != null && !current.org().equals(channel.org())) {
            throw new IllegalArgumentException("these ServiceAppCredentials already serve " + current.org()
                    + "; use one instance per org, not for " + channel.org());
        }
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    @Override
    public Request authorize(Request request) throws IOException {
        AccessToken t = current();
        if (!t.dpop()) {
            return request.newBuilder().header("Authorization", "Bearer " + t.value().reveal()).build();
        }
        String proof = dpop.proof(request.method(), request.url(), channel.clock().instant(), resourceNonce, t.value().reveal());
        return request.newBuilder().header("Authorization", "DPoP " + t.value().reveal()).header("DPoP", proof).build();
    }

    @Override
    public boolean invalidate(Response response) {
        String nonce = response.header("DPoP-Nonce");
        String challenge = String.join(" ", response.headers("WWW-Authenticate")).toLowerCase(Locale.ROOT);
        if (nonce != null && challenge.contains("use_dpop_nonce")) {
            resourceNonce = nonce.strip(); // the token is fine; the resource server wants its nonce in the proof
            return true;
        }
        AccessToken t = token;
        String sent = response.request().header("Authorization");
        if (t != null && sent != null && sent.endsWith(" " + t.value().reveal())) {
            token = null; // only the token that failed: another thread may have renewed it already
        }
        return true;
    }

    @Override
    public String kind() {
        return OAuthErrors.SERVICE_APP;
    }

    /** @return the client id */
    public String clientId() {
        return clientId;
    }

    /** @return the key id sent as the assertion's {@code kid} */
    public String keyId() {
        return keyId;
    }

    /** @return the scopes requested with every token */
    public Set<String> scopes() {
        return scopes;
    }

    /** @return the DPoP mode */
    public DpopMode dpop() {
        return mode;
    }

    /** @return true once token requests carry DPoP proofs (always with {@code on}; in {@code auto} once Okta asked) */
    public boolean usesDpop() {
        return requester.usesDpop();
    }

    private AccessToken current() throws IOException {
        TokenChannel ch = channel;
        if (ch == null) {
            throw new IllegalStateException("ServiceAppCredentials must be given to an OktaClient before use");
        }
        AccessToken t = token;
        if (t != null && t.isFresh(ch.clock().instant())) {
            return t;
        }
        try {
            fetching.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for an access token");
        }
        try {
            t = token;
            Instant now = ch.clock().instant();
            if (t == null || !t.isFresh(now)) {
                t = requester.fetch(ch);
                token = t;
            }
            return t;
        } finally {
            fetching.unlock();
        }
    }

    /** Client id, key id, scopes and DPoP mode; never the key or a token. */
    @Override
    public String toString() {
        return "ServiceAppCredentials[clientId=" + clientId + ", keyId=" + keyId + ", scopes=" + scopes + ", dpop="
                + mode.value() + ", privateKey=[hidden]]";
    }

    /** Settings of {@link ServiceAppCredentials}; {@link #build()} checks them all at once. */
    public static final class Builder {
        private String clientId;
        private String keyId;
        private Secret privateKey;
        private final Set<String> scopes = new TreeSet<>();
        private DpopMode dpop = DpopMode.AUTO;

        private Builder() {
        }

        /**
         * @param clientId the app's Client ID (General tab)
         * @return this
         */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /**
         * @param keyId the key's Key ID ({@code kid}); may be omitted for a JWK that has one
         * @return this
         */
        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        /**
         * @param privateKey the RSA private key: PEM PKCS#8, PEM PKCS#1 or JWK JSON
         * @return this
         */
        public Builder privateKey(Secret privateKey) {
            this.privateKey = privateKey;
            return this;
        }

        /**
         * @param scopes scopes to request, e.g. {@link dev.oktainputs.core.Inputs#requiredScopes}
         * @return this
         */
        public Builder scopes(Collection<String> scopes) {
            this.scopes.addAll(scopes);
            return this;
        }

        /**
         * @param dpop the DPoP mode (default {@link DpopMode#AUTO})
         * @return this
         */
        public Builder dpop(DpopMode dpop) {
            this.dpop = Objects.requireNonNull(dpop, "dpop");
            return this;
        }

        /**
         * @return the credentials
         * @throws OktaConfigurationException listing every problem, each naming its field
         */
        public ServiceAppCredentials build() {
            List<String> problems = new ArrayList<>();
            if (clientId == null || clientId.isBlank()) {
                problems.add("client_id: missing. Fix: set it to the Client ID on the service app's General tab in Okta.");
            }
            if (scopes.isEmpty()) {
                problems.add("scopes: none. Fix: enable at least one input; its required scopes are requested.");
            }
            RSAKey key = null;
            if (privateKey == null) {
                problems.add("private_key: missing. Fix: set it to the service app's RSA private key (PEM or JWK JSON).");
            } else {
                try {
                    key = ServiceAppKey.parse(privateKey, keyId);
                } catch (OktaConfigurationException e) {
                    problems.addAll(e.problems());
                }
            }
            if (!problems.isEmpty()) {
                throw new OktaConfigurationException(problems);
            }
            return new ServiceAppCredentials(clientId.strip(), key, java.util.Collections.unmodifiableSortedSet(new TreeSet<>(scopes)), dpop);
        }
    }
}
