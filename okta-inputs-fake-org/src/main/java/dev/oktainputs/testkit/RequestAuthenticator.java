package dev.oktainputs.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

/**
 * Decides whether a request's credentials are good. The {@link FakeOktaServer} picks the authenticator registered
 * for the scheme of the request's {@code Authorization} header (case-insensitive; {@code SSWS} is registered by
 * default); a request with no header or an unregistered scheme gets 401 E0000011. Register more with
 * {@link FakeOktaServer.Builder#authenticator(String, RequestAuthenticator)}, e.g. a {@code DPoP} or
 * {@code Bearer} check for an OAuth fake.
 */
@FunctionalInterface
public interface RequestAuthenticator {

    /**
     * @param request the request, unredacted (the full Authorization header and other headers are readable)
     * @return {@code null} when the request is authenticated, otherwise the error response to send
     */
    FakeResponse authenticate(RecordedOktaRequest request);

    /**
     * The default API-token check: {@code Authorization: SSWS <token>} with exactly the expected token, otherwise
     * 401 {@code E0000011 Invalid token provided}.
     *
     * @param expectedToken supplies the token to accept (read per request, so it may change)
     * @return the authenticator
     */
    static RequestAuthenticator ssws(Supplier<String> expectedToken) {
        return request -> {
            String given = request.authCredentials();
            String expected = expectedToken.get();
            boolean ok = given != null && expected != null && MessageDigest.isEqual(
                    given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
            return ok ? null : invalidToken();
        };
    }

    /** @return Okta's 401 {@code E0000011 Invalid token provided} response */
    static FakeResponse invalidToken() {
        return FakeResponse.oktaError(401, "E0000011", "Invalid token provided");
    }
}
