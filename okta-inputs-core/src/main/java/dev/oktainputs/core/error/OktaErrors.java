package dev.oktainputs.core.error;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktainputs.core.json.JsonTrees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Classifies failed responses into the {@link OktaException} hierarchy, in one place. Okta's error body is
 * {@code {"errorCode","errorSummary","errorId","errorCauses":[{"errorSummary"}]}}; the OAuth endpoints answer
 * RFC 6749 {@code {"error","error_description"}} and resource calls with OAuth tokens explain themselves in
 * {@code WWW-Authenticate}. Branching is on status and errorCode only.
 */
public final class OktaErrors {


    private OktaErrors() {
    }

    /**
     * What the failed request was, for the message.
     *
     * @param method          HTTP method
     * @param path            the URL path (no query: queries can be long and hold search terms)
     * @param requiredScope   the OAuth scope the endpoint needs, e.g. {@code okta.users.read}, or null
     * @param credentialsKind how the client authenticates, e.g. "API token" or "OAuth service app"
     */
    public record RequestInfo(String method, String path, String requiredScope, String credentialsKind) {
    }

    /**
     * Builds the exception for an error response.
     *
     * @param status          HTTP status (&ge; 400)
     * @param body            the response body, may be empty
     * @param requestId       X-Okta-Request-Id, may be null
     * @param wwwAuthenticate WWW-Authenticate header, may be null
     * @param attempts        how many attempts were made (for retriable statuses)
     * @param request         what was requested
     * @return the classified exception, never null
     */
    public static OktaException fromResponse(int status, byte[] body, String requestId, String wwwAuthenticate,
                                             int attempts, RequestInfo request) {
        ErrorBody e = ErrorBody.parse(body);
        String what = request.method() + " " + request.path();
        String okta = "(" + status + (e.code == null ? "" : " " + e.code) + (e.summary == null ? "" : ": " + e.summary)
                + (e.causes.isEmpty() ? "" : " " + e.causes) + ")";
        String ids = ids(e.id, requestId);
        String scope = scopeFrom(wwwAuthenticate, request.requiredScope());
        OktaErrorDetails details = new OktaErrorDetails(status, e.code, e.summary, e.id, requestId);
        switch (status) {
            case 401:
                return new OktaAuthenticationException("Okta rejected the " + request.credentialsKind() + " for " + what + " " + okta
                        + ". Fix: check that the credentials are correct, active and belong to this org (API tokens expire after"
                        + " 30 days without use and die with their admin; OAuth apps need the right client id and key)." + ids,
                        details, null);
            case 403:
                if (OAuthErrors.SERVICE_APP.equals(request.credentialsKind())) {
                    return OAuthErrors.forbidden(what, okta, scope, wwwAuthenticate, details, ids);
                }
                return new OktaPermissionException("The " + request.credentialsKind() + " may not " + what + " " + okta
                        + ". Fix: " + (scope == null ? "" : "grant the OAuth scope " + scope
                        + " on the service app's 'Okta API Scopes' tab, or for an API token ")
                        + "give the token's admin a role that can read this resource (e.g. Read-Only Administrator)." + ids,
                        details, null);
            case 404:
                return new OktaNotFoundException("Not found: " + what + " " + okta
                        + ". Fix: check the org URL and that the resource (or feature) exists in this org." + ids,
                        details, null);
            case 429:
                return new OktaRateLimitException("Rate limit still exceeded for " + what + " after " + attempts + " attempts " + okta
                        + ". Fix: run less often or with lower concurrency, or raise this token's share of the rate limit"
                        + " in the Okta admin console (Security > API > Rate limits)." + ids,
                        details, null);
            default:
                if (status >= 500) {
                    return new OktaServerException("Okta failed to answer " + what + " after " + attempts + " attempts " + okta
                            + ". This is usually temporary: the next run retries; if it persists check status.okta.com." + ids,
                            details, null);
                }
                return new OktaBadRequestException("Okta refused " + what + " " + okta
                        + ". Fix: check the input's options (filter, search, limit) against Okta's API reference." + ids,
                        details, null);
        }
    }

    /**
     * Builds the exception for a request that failed without a usable response.
     *
     * @param cause    the I/O failure
     * @param attempts how many attempts were made
     * @param request  what was requested
     * @return the classified exception
     */
    public static OktaTransportException fromIo(IOException cause, int attempts, RequestInfo request) {
        return new OktaTransportException("Could not reach Okta for " + request.method() + " " + request.path() + " after "
                + attempts + " attempts: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")")
                + ". Fix: check the network path to the org URL; the next run retries.",
                OktaErrorDetails.NONE, cause);
    }

    private static String ids(String errorId, String requestId) {
        if (errorId == null && requestId == null) {
            return "";
        }
        return " [" + (errorId == null ? "" : "errorId=" + errorId) + (errorId != null && requestId != null ? ", " : "")
                + (requestId == null ? "" : "requestId=" + requestId) + "]";
    }

    /** The scope Okta says is missing ({@code WWW-Authenticate: Bearer error="insufficient_scope", scope="…"}), else ours. */
    static String scopeFrom(String wwwAuthenticate, String fallback) {
        if (wwwAuthenticate != null) {
            String lower = wwwAuthenticate.toLowerCase(Locale.ROOT);
            int i = lower.indexOf("scope=\"");
            if (i >= 0) {
                int end = wwwAuthenticate.indexOf('"', i + 7);
                if (end > i + 7) {
                    return wwwAuthenticate.substring(i + 7, end);
                }
            }
        }
        return fallback;
    }

    private static final class ErrorBody {
        String code;
        String summary;
        String id;
        final List<String> causes = new ArrayList<>();

        static ErrorBody parse(byte[] body) {
            ErrorBody e = new ErrorBody();
            if (body == null || body.length == 0) {
                return e;
            }
            try {
                JsonNode n = JsonTrees.read(body);
                if (n == null || !n.isObject()) {
                    return e;
                }
                e.code = text(n, "errorCode", "error");
                e.summary = text(n, "errorSummary", "error_description");
                e.id = text(n, "errorId", null);
                for (JsonNode c : n.path("errorCauses")) {
                    String s = c.path("errorSummary").asText(null);
                    if (s != null && !s.isEmpty()) {
                        e.causes.add(s);
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // Not JSON (a proxy's HTML page, say): the status alone classifies it.
            }
            return e;
        }

        private static String text(JsonNode n, String field, String alt) {
            JsonNode v = n.get(field);
            if ((v == null || v.isNull()) && alt != null) {
                v = n.get(alt);
            }
            if (v == null || v.isNull()) {
                return null;
            }
            String s = v.asText();
            return s.length() > 500 ? s.substring(0, 500) + "…" : s;
        }
    }
}
