package dev.oktainputs.testkit;

import java.time.Instant;
import java.util.Set;

/**
 * An access token the fake's token endpoint issued. {@link #toString()} leaves the value out.
 *
 * @param value     the token (a fake, JWT-shaped)
 * @param clientId  the service app it was issued to
 * @param scopes    the scopes it carries
 * @param dpop      true for {@code token_type: DPoP} (bound to the proof key {@code jkt})
 * @param jkt       the SHA-256 thumbprint of the DPoP key, or null
 * @param issuedAt  when, by the server clock
 * @param expiresAt when it expires, by the server clock
 */
public record IssuedToken(String value, String clientId, Set<String> scopes, boolean dpop, String jkt, Instant issuedAt,
                          Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedToken[" + clientId + ", " + scopes + ", " + (dpop ? "DPoP" : "Bearer") + ", until " + expiresAt + "]";
    }
}
