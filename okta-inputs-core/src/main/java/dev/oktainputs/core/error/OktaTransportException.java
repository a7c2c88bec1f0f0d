package dev.oktainputs.core.error;

/**
 * The connection failed (refused, reset, timed out, body cut short) after the configured retries. Retriable later.
 */
public class OktaTransportException extends OktaException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened and how to fix it
     * @param details what Okta said
     * @param cause   the cause, may be null
     */
    public OktaTransportException(String message, OktaErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }

    @Override
    public boolean isRetriable() {
        return true;
    }
}
