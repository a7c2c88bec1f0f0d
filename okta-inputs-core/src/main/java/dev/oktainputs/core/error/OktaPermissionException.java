package dev.oktainputs.core.error;

/**
 * 403: the credentials are valid but lack a permission or OAuth scope the request needs. Permanent; the message names what is missing.
 */
public class OktaPermissionException extends OktaException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened and how to fix it
     * @param details what Okta said
     * @param cause   the cause, may be null
     */
    public OktaPermissionException(String message, OktaErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }

    @Override
    public boolean isRetriable() {
        return false;
    }
}
