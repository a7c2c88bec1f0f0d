package dev.oktainputs.core.auth;

/**
 * Credentials that obtain access tokens over HTTP themselves (an OAuth service app). The
 * {@link dev.oktainputs.core.http.OktaClient} they are given to lends them its {@link TokenChannel} when it is
 * built; their token cache then serves every input of that client's org.
 */
public interface TokenCredentials extends OktaCredentials {

    /**
     * Called by the client that uses these credentials, once, when it is built.
     *
     * @param channel the way to the org's token endpoint
     * @throws IllegalArgumentException when these credentials already serve a client of another org
     */
    void attach(TokenChannel channel);
}
