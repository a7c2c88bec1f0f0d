package dev.oktainputs.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One endpoint of the fake server: method + path pattern ({@code /api/v1/users/{id}}), its rate-limit bucket,
 * whether it needs an authenticated caller, and the handler. Authentication, permissions, rate limits, faults and
 * the standard headers are applied by the dispatcher before/after the handler runs.
 */
record Route(String method, String pattern, String bucket, boolean requiresAuth, Handler handler) {

    /** Produces the response for a matched request; may throw {@link OktaApiException} for a 4xx. */
    @FunctionalInterface
    interface Handler {
        FakeResponse handle(Call call);
    }

    /** A matched request: the request, the path variables and the server (org, clock, URL, settings). */
    record Call(RecordedOktaRequest request, Map<String, String> pathParams, FakeOktaServer server) {
        String pathParam(String name) {
            return pathParams.get(name);
        }
    }

    /** A GET route, authenticated, in the bucket {@link RateLimiter#bucketFor(String)} derives from the pattern. */
    static Route get(String pattern, Handler handler) {
        return new Route("GET", pattern, RateLimiter.bucketFor(pattern), true, handler);
    }

    /**
     * @param path a decoded request path
     * @return the path variables when the path matches the pattern, otherwise null
     */
    Map<String, String> match(String path) {
        String[] want = pattern.split("/", -1);
        String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                if (got[i].isEmpty()) {
                    return null;
                }
                params.put(want[i].substring(1, want[i].length() - 1), got[i]);
            } else if (!want[i].equals(got[i])) {
                return null;
            }
        }
        return params;
    }
}
