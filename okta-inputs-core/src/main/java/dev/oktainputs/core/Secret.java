package dev.oktainputs.core;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value (API token, private key, access token). {@link #toString()} is {@code [hidden]}, so a secret
 * that reaches a log line, an exception message or a config dump by accident shows nothing. Read the value
 * with {@link #reveal()} only where it is sent.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * @param value the secret; must not be null or blank
     * @return the wrapped secret
     */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "secret");
        if (value.isBlank()) {
            throw new IllegalArgumentException("secret must not be blank");
        }
        return new Secret(value);
    }

    /** @return the secret value itself; do not log it */
    public String reveal() {
        return value;
    }

    /** @return {@code [hidden]} */
    @Override
    public String toString() {
        return "[hidden]";
    }

    /** Constant-time comparison. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Secret && MessageDigest.isEqual(value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ((Secret) o).value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
