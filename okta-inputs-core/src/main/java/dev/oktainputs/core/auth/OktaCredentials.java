package dev.oktainputs.core.auth;

import java.io.IOException;
import okhttp3.Request;
import okhttp3.Response;

/**
 * How a client proves who it is to Okta. Applied by the auth interceptor, innermost before the network, so
 * that every retry is authorised afresh. Implementations must never put a secret in {@link Object#toString()}.
 */
public interface OktaCredentials {

    /**
     * Adds the authorisation (headers) to a request that goes to the org.
     *
     * @param request a request whose URL is on the org (the caller checks the origin)
     * @return the authorised request
     * @throws IOException when credentials cannot be obtained (e.g. a token request failed on I/O)
     */
    Request authorize(Request request) throws IOException;

    /**
     * Called when a resource call answered 401: once, or a second time when the retry met a 401 for another cause
     * (another {@code WWW-Authenticate} {@code error}, e.g. {@code use_dpop_nonce} then {@code invalid_token}).
     * Credentials that can renew themselves (a cached OAuth token) drop what they hold and return true so the call is
     * retried; static credentials return false.
     *
     * @param response the 401 response (do not read or close its body)
     * @return true to retry the call with {@link #authorize} again
     */
    default boolean invalidate(Response response) {
        return false;
    }

    /** @return what kind of credentials these are, for messages, e.g. {@code API token} */
    String kind();
}
