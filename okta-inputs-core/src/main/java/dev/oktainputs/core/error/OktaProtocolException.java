package dev.oktainputs.core.error;

/**
 * Okta answered something that cannot be used safely: malformed JSON, or a next link to another origin than the org (never followed with credentials). Permanent.
 */
public class OktaProtocolException extends OktaException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened and how to fix it
     * @param details what Okta said
     * @param cause   the cause, may be null
     */
    public OktaProtocolException(String message, OktaErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }

    @Override
    public boolean isRetriable() {
        return false;
    }
}
