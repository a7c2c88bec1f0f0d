package dev.oktainputs.core.auth;

import dev.oktainputs.core.Secret;
import java.time.Instant;

/**
 * An access token from Okta's org authorization server.
 *
 * @param value     the token
 * @param dpop      true for {@code token_type: DPoP} (sent with a proof), false for Bearer
 * @param refreshAt when to get a new one, shortly before it expires
 * @param expiresAt when it expires, by the client's clock
 */
record AccessToken(Secret value, boolean dpop, Instant refreshAt, Instant expiresAt) {

    boolean isFresh(Instant now) {
        return now.isBefore(refreshAt);
    }
}
