package dev.oktainputs.core.auth;

import dev.oktainputs.core.OrgUrl;
import java.io.IOException;
import java.time.Clock;
import java.util.function.UnaryOperator;
import okhttp3.Headers;
import okhttp3.Request;

/**
 * Internal SPI: the HTTP path to the org's OAuth endpoints that an {@link dev.oktainputs.core.http.OktaClient}
 * lends to {@link TokenCredentials}. It is a second OkHttp chain of the same client (same connection pool)
 * without the auth interceptor, so a token request never waits for a token: redacting log → retry (429 / 5xx /
 * I/O) → its own rate-limit pacing (bucket {@code POST /oauth2/v1/token}) → network.
 */
public interface TokenChannel {

    /** @return the org */
    OrgUrl org();

    /** @return the client's clock, for {@code iat}, {@code exp} and token expiry */
    Clock clock();

    /**
     * Sends one request, retried on 429, 5xx and I/O failures. {@code outline} (method and URL, no secret) is
     * what the log sees; the request actually sent is built by {@code attempt} anew for every attempt, so
     * one-time values (an assertion's or a proof's {@code jti}) are never sent twice and bodies and headers
     * holding secrets never reach the log.
     *
     * @param outline the request as logged, on the org's origin
     * @param attempt builds each attempt's request from the outline
     * @return the final answer, body read
     * @throws IOException when no answer came after the retries
     */
    Reply send(Request outline, UnaryOperator<Request> attempt) throws IOException;

    /**
     * A response, fully read.
     *
     * @param status   HTTP status
     * @param headers  response headers
     * @param body     the body
     * @param attempts how many attempts were made
     */
    record Reply(int status, Headers headers, byte[] body, int attempts) {
    }
}
