package dev.oktainputs.core.http;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.auth.OktaCredentials;
import dev.oktainputs.core.error.OktaProtocolException;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Authorises each attempt, innermost before the network. Credentials go only to the org's own origin; a
 * request anywhere else is refused here as a last line of defence. A 401 lets renewable credentials drop
 * their cached token and retry once, never more.
 */
final class AuthInterceptor implements Interceptor {

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
        if (response.code() == 401 && credentials.invalidate(response)) {
            response.close();
            response = chain.proceed(credentials.authorize(request));
        }
        return response;
    }
}
