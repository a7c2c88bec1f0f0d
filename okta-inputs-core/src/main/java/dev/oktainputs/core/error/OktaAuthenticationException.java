package dev.oktainputs.core.error;

/**
 * 401: Okta did not accept the credentials (invalid, expired or revoked API token, unknown OAuth client, bad key). Permanent.
 */
public class OktaAuthenticationException extends OktaException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened and how to fix it
     * @param details what Okta said
     * @param cause   the cause, may be null
     */
    public OktaAuthenticationException(String message, OktaErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }

    @Override
    public boolean isRetriable() {
        return false;
    }
}
