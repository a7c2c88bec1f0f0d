package dev.oktainputs.testkit;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may call what: the authenticators by Authorization scheme and the path prefixes denied with 403. Thread-safe.
 */
final class AccessControl {

    private final Map<String, RequestAuthenticator> authenticators = new ConcurrentHashMap<>();
    private final Set<String> deniedPrefixes = ConcurrentHashMap.newKeySet();

    void authenticator(String scheme, RequestAuthenticator authenticator) {
        String key = scheme.toLowerCase(Locale.ROOT);
        if (authenticator == null) {
            authenticators.remove(key);
        } else {
            authenticators.put(key, authenticator);
        }
    }

    /** @return null when the request may proceed, otherwise the 401 to send */
    FakeResponse authenticate(RecordedOktaRequest request) {
        String scheme = request.authScheme();
        RequestAuthenticator authenticator = scheme == null ? null : authenticators.get(scheme.toLowerCase(Locale.ROOT));
        return authenticator == null ? RequestAuthenticator.invalidToken() : authenticator.authenticate(request);
    }

    void deny(String pathPrefix) {
        deniedPrefixes.add(pathPrefix);
    }

    void allow(String pathPrefix) {
        deniedPrefixes.remove(pathPrefix);
    }

    boolean isDenied(String path) {
        for (String prefix : deniedPrefixes) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
