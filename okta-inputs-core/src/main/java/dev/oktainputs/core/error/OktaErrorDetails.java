package dev.oktainputs.core.error;

/**
 * What Okta said about a failure, for support cases and for branching (on status and errorCode only).
 *
 * @param status       HTTP status, or 0 when no response was involved
 * @param errorCode    Okta's errorCode (e.g. {@code E0000011}) or the OAuth {@code error}, may be null
 * @param errorSummary Okta's errorSummary or the OAuth {@code error_description}, may be null
 * @param errorId      Okta's errorId, may be null
 * @param requestId    the {@code X-Okta-Request-Id} response header, may be null
 */
public record OktaErrorDetails(int status, String errorCode, String errorSummary, String errorId, String requestId)
        implements java.io.Serializable {

    /** No response was involved. */
    public static final OktaErrorDetails NONE = new OktaErrorDetails(0, null, null, null, null);
}
