package dev.oktainputs.core.error;

/**
 * 5xx: Okta failed to answer (500, 502, 503, 504) after the configured retries. Retriable later.
 */
public class OktaServerException extends OktaException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened and how to fix it
     * @param details what Okta said
     * @param cause   the cause, may be null
     */
    public OktaServerException(String message, OktaErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
