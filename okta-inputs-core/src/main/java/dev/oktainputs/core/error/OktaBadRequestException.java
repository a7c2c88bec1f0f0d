package dev.oktainputs.core.error;

/**
 * 400 and other 4xx: Okta refused the request as sent, e.g. an invalid filter or an option out of range. Permanent.
 */
public class OktaBadRequestException extends OktaException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened and how to fix it
     * @param details what Okta said
     * @param cause   the cause, may be null
     */
    public OktaBadRequestException(String message, OktaErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }

    @Override
    public boolean isRetriable() {
        return false;
    }
}
