package dev.oktainputs.core.error;

/**
 * 404: the resource does not exist (or the org URL is wrong). Permanent.
 */
public class OktaNotFoundException extends OktaException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened and how to fix it
     * @param details what Okta said
     * @param cause   the cause, may be null
     */
    public OktaNotFoundException(String message, OktaErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }

    @Override
    public boolean isRetriable() {
        return false;
    }
}
