package dev.oktainputs.core.error;

/**
 * The one unchecked exception hierarchy of okta-inputs. Every failure talking to Okta or configuring an
 * input ends up as a subclass, classified once (see {@link OktaErrors}) as retriable or permanent.
 *
 * <p>Messages say what went wrong and what to do; they carry Okta's {@code errorCode}, {@code errorId} and
 * {@code X-Okta-Request-Id} for support cases, and never a secret.
 */
public abstract class OktaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final OktaErrorDetails details;

    /**
     * @param message what happened and how to fix it
     * @param details what Okta said ({@link OktaErrorDetails#NONE} when no response was involved)
     * @param cause   the cause, may be null
     */
    protected OktaException(String message, OktaErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = details == null ? OktaErrorDetails.NONE : details;
    }

    /** @return what Okta said */
    public OktaErrorDetails details() {
        return details;
    }

    /** @return the HTTP status, or 0 when the failure was not an HTTP response */
    public int status() {
        return details.status();
    }

    /** @return Okta's errorCode (e.g. {@code E0000047}), or null */
    public String errorCode() {
        return details.errorCode();
    }

    /** @return Okta's errorSummary, or null */
    public String errorSummary() {
        return details.errorSummary();
    }

    /** @return Okta's errorId, or null */
    public String errorId() {
        return details.errorId();
    }

    /** @return the {@code X-Okta-Request-Id} of the failed response, or null */
    public String requestId() {
        return details.requestId();
    }

    /** @return true when trying again later may succeed (429, 5xx, I/O); false for permanent failures */
    public abstract boolean isRetriable();
}
