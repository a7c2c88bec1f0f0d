package dev.oktainputs.core.error;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktainputs.core.json.JsonTrees;
import java.io.IOException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Classifies what an OAuth service app meets: RFC 6749 errors of the org authorization server's token endpoint
 * ({@code {"error","error_description"}}) and 403s on resource calls made with its access tokens. One specific
 * message per cause, each naming the setting or the place in Okta's console to fix. Messages quote Okta's
 * error and description and never a key, an assertion or a token.
 */
public final class OAuthErrors {

    /** What {@link dev.oktainputs.core.auth.OktaCredentials#kind()} says for a service app. */
    public static final String SERVICE_APP = "OAuth service app";

    /** The message for a service app that requires DPoP when {@code dpop} is {@code off}, word for word. */
    public static final String DPOP_REQUIRED_BUT_OFF = "This service app requires DPoP. Either turn off 'Require Demonstrating"
            + " Proof of Possession (DPoP) header in token requests' on the app's General tab in Okta, or set dpop to auto.";


    private OAuthErrors() {
    }

    /**
     * What the token request was, for messages.
     *
     * @param org       the org URL
     * @param clientId  the client id
     * @param keyId     the key id ({@code kid}) of the assertion
     * @param scopes    the scopes requested
     * @param dpopOff   true when {@code dpop} is {@code off}
     * @param sentProof true when the failed request carried a DPoP proof
     */
    public record TokenRequest(String org, String clientId, String keyId, Collection<String> scopes, boolean dpopOff,
                               boolean sentProof) {
    }

    /**
     * Builds the exception for a failed token request.
     *
     * @param status    HTTP status
     * @param body      the body (RFC 6749 error JSON, or anything)
     * @param requestId X-Okta-Request-Id, may be null
     * @param attempts  attempts made
     * @param request   what was asked
     * @return the classified exception
     */
    public static OktaException fromTokenResponse(int status, byte[] body, String requestId, int attempts, TokenRequest request) {
        String[] e = parse(body);
        String error = e[0];
        String description = e[1];
        OktaErrorDetails details = new OktaErrorDetails(status, error, description, null, requestId);
        String okta = "(" + status + (error == null ? "" : " " + error) + (description == null ? "" : ": " + description) + ")"
                + (requestId == null ? "" : " [requestId=" + requestId + "]");
        String app = "service app '" + request.clientId() + "'";
        String what = "POST " + request.org() + "/oauth2/v1/token";
        if (status == 429) {
            return new OktaRateLimitException("The token endpoint's rate limit was still exceeded after " + attempts + " attempts "
                    + okta + ". Fix: run less often; tokens are cached for their lifetime, so this means many clients share the"
                    + " org's token bucket.", details, null);
        }
        if (status >= 500) {
            return new OktaServerException("Okta failed to answer " + what + " after " + attempts + " attempts " + okta
                    + ". This is usually temporary: the next run retries; if it persists check status.okta.com.", details, null);
        }
        String code = error == null ? "" : error;
        String lower = description == null ? "" : description.toLowerCase(Locale.ROOT);
        switch (code) {
            case "invalid_client":
                return invalidClient(lower, okta, app, request, details);
            case "invalid_scope":
                Set<String> missing = missingScopes(description, request.scopes());
                String scopes = String.join(", ", missing);
                return new OktaPermissionException("Okta did not grant the scope" + (missing.size() == 1 ? " " : "s ") + scopes
                        + " to the " + app + " " + okta + ". Fix: in Okta open the app's 'Okta API Scopes' tab and Grant " + scopes
                        + " (the enabled inputs need " + String.join(", ", new TreeSet<>(request.scopes())) + ").", details, null);
            case "invalid_dpop_proof":
                if (request.dpopOff() && !request.sentProof()) {
                    return new OktaAuthenticationException(DPOP_REQUIRED_BUT_OFF, details, null);
                }
                return new OktaAuthenticationException("Okta rejected the DPoP proof of the " + app + " " + okta + ". Fix: check"
                        + " that this machine's clock is right (proofs carry the time); if it is, report this with the requestId.",
                        details, null);
            case "use_dpop_nonce":
                return new OktaAuthenticationException("Okta kept asking the " + app + " for a new DPoP nonce " + okta + ". Fix: "
                        + "retry later; if it persists, report this with the requestId.", details, null);
            case "unauthorized_client":
                return new OktaAuthenticationException("The " + app + " may not use the client credentials grant " + okta
                        + ". Fix: use an API Services app (Applications > Create App Integration > API Services) with Public"
                        + " key / Private key client authentication.", details, null);
            default:
                if (status == 401) {
                    return new OktaAuthenticationException("Okta rejected the " + app + " at " + what + " " + okta + ". Fix:"
                            + " check client_id, key_id and private_key against the app's General tab.", details, null);
                }
                return new OktaBadRequestException("Okta refused the token request of the " + app + " " + okta + ". Fix: check"
                        + " that the app is an API Services app with Public key / Private key client authentication.",
                        details, null);
        }
    }

    private static OktaException invalidClient(String lower, String okta, String app, TokenRequest r, OktaErrorDetails details) {
        if (lower.contains("kid")) {
            return new OktaAuthenticationException("Okta does not know key_id '" + r.keyId() + "' for the " + app + " " + okta
                    + ". Fix: set key_id to the Key ID (kid) shown under PUBLIC KEYS on the app's General tab in Okta, or add"
                    + " this key's public key there.", details, null);
        }
        if (lower.contains("signature")) {
            return new OktaAuthenticationException("The private_key does not match the public key Okta has under key id '"
                    + r.keyId() + "' for the " + app + " " + okta + ". Fix: use the private key of that key pair, or add this"
                    + " key's public key under PUBLIC KEYS on the app's General tab and set key_id to its kid.", details, null);
        }
        if (lower.contains("client_id") || lower.contains("client id") || lower.contains("not found")) {
            return new OktaAuthenticationException("Okta does not know client_id '" + r.clientId() + "' in " + r.org() + " "
                    + okta + ". Fix: copy the Client ID from the General tab of the API Services app in this org (and check"
                    + " org_url).", details, null);
        }
        String clock = lower.contains("expire") || lower.contains("future") || lower.contains("iat")
                ? " Check that this machine's clock is right: the assertion is valid for 5 minutes from now." : "";
        return new OktaAuthenticationException("Okta rejected the client assertion of the " + app + " " + okta + "." + clock
                + " Fix: check client_id, key_id and private_key against the app's General tab.", details, null);
    }

    /**
     * Builds the exception for a 403 on a resource call made with a service app's access token.
     *
     * @param what            e.g. {@code GET /api/v1/users}
     * @param okta            Okta's status, errorCode and summary in parentheses
     * @param scope           the scope the call needs (from {@code WWW-Authenticate} or the input), may be null
     * @param wwwAuthenticate the header, may be null
     * @param details         what Okta said
     * @param ids             errorId / requestId suffix
     * @return the classified exception
     */
    public static OktaPermissionException forbidden(String what, String okta, String scope, String wwwAuthenticate,
                                                    OktaErrorDetails details, String ids) {
        if (wwwAuthenticate != null && wwwAuthenticate.toLowerCase(Locale.ROOT).contains("insufficient_scope")) {
            String s = scope == null ? "the scope this endpoint needs" : scope;
            return new OktaPermissionException("The service app's access token lacks the scope " + s + " for " + what + " "
                    + okta + ". Fix: grant " + s + " on the app's 'Okta API Scopes' tab in Okta and enable the input that"
                    + " needs it (its scopes are requested with the token)." + ids, details, null);
        }
        return new OktaPermissionException("The service app has no admin role that allows " + what + " " + okta + ". Fix:"
                + " assign it an admin role that can read this resource (e.g. Read-Only Administrator) on the app's 'Admin"
                + " roles' tab in Okta" + (scope == null ? "" : "; the scope " + scope + " alone is not enough") + "." + ids,
                details, null);
    }

    /** The requested scopes Okta's description names; all of them when it names none. */
    static Set<String> missingScopes(String description, Collection<String> requested) {
        Set<String> named = namedScopes(description, requested);
        return named.isEmpty() ? new TreeSet<>(requested) : named;
    }

    /**
     * @param description an {@code invalid_scope} answer's {@code error_description}, may be null
     * @param requested   the scopes asked for
     * @return the requested scopes it names (empty when it names none)
     */
    public static Set<String> namedScopes(String description, Collection<String> requested) {
        Set<String> named = new TreeSet<>();
        if (description != null) {
            for (String token : description.split("[^A-Za-z0-9._:-]+")) {
                String t = token.endsWith(".") ? token.substring(0, token.length() - 1) : token;
                if (requested.contains(t)) {
                    named.add(t);
                }
            }
        }
        return named;
    }

    /** @return {error, error_description}, either may be null */
    private static String[] parse(byte[] body) {
        String[] e = new String[2];
        if (body == null || body.length == 0) {
            return e;
        }
        try {
            JsonNode n = JsonTrees.read(body);
            if (n != null && n.isObject()) {
                e[0] = text(n, "error", "errorCode");
                e[1] = text(n, "error_description", "errorSummary");
            }
        } catch (IOException | RuntimeException ignored) {
            // Not JSON (a proxy's page): the status alone classifies it.
        }
        return e;
    }

    private static String text(JsonNode n, String field, String alt) {
        JsonNode v = n.hasNonNull(field) ? n.get(field) : n.get(alt);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.asText();
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
