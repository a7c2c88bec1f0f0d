package dev.oktainputs.core.error;

/**
 * 429: the rate limit was still exceeded after the configured retries. Retriable later.
 */
public class OktaRateLimitException extends OktaException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened and how to fix it
     * @param details what Okta said
     * @param cause   the cause, may be null
     */
    public OktaRateLimitException(String message, OktaErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
