package dev.oktainputs.core.http;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.auth.OktaCredentials;
import dev.oktainputs.core.error.OktaProtocolException;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Authorises each attempt, innermost before the network. Credentials go only to the org's own origin; a
 * request anywhere else is refused here as a last line of defence. A 401 lets renewable credentials drop
 * their cached token (or take the resource server's DPoP nonce) and retry once for that cause, never more: a
 * second 401 for the same cause ({@code WWW-Authenticate} {@code error}) is final, one for another cause (a nonce
 * challenge, then the token revoked meanwhile) gets its own retry, so at most two retries in all.
 */
final class AuthInterceptor implements Interceptor {

    private static final Pattern ERROR = Pattern.compile("(?i)(?:^|[\\s,])error\\s*=\\s*\"?([A-Za-z0-9_.-]+)");

    private final OrgUrl org;
    private final OktaCredentials credentials;

    AuthInterceptor(OrgUrl org, OktaCredentials credentials) {
        this.org = org;
        this.credentials = credentials;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!org.isSameOrigin(request.url())) {
            throw new OktaProtocolException("Refusing to send credentials to " + request.url().scheme() + "://"
                    + request.url().host() + ", which is not the org " + org + ".", dev.oktainputs.core.error.OktaErrorDetails.NONE, null);
        }
        Response response = chain.proceed(credentials.authorize(request));
        String retriedFor = null;
        for (int retries = 0; response.code() == 401 && retries < 2; retries++) {
            String cause = challengeError(response);
            if (retries > 0 && Objects.equals(cause, retriedFor)) {
                break; // the same cause again: renewing did not help
            }
            if (!credentials.invalidate(response)) {
                break;
            }
            retriedFor = cause;
            response.close();
            response = chain.proceed(credentials.authorize(request));
        }
        return response;
    }

    /** The {@code error} parameter of a 401's challenges (e.g. {@code invalid_token}, {@code use_dpop_nonce}), or null. */
    static String challengeError(Response response) {
        for (String challenge : response.headers("WWW-Authenticate")) {
            Matcher m = ERROR.matcher(challenge);
            if (m.find()) {
                return m.group(1).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }
}
