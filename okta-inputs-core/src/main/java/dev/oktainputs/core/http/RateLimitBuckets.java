package dev.oktainputs.core.http;

import java.util.Locale;

/**
 * Maps a request to the rate-limit bucket Okta counts it in. Okta's buckets are per endpoint family:
 * {@code /api/v1/users} (the list) differs from {@code /api/v1/users/{id}} and below; all of
 * {@code /api/v1/apps*} historically share one small bucket; {@code /api/v1/logs} is its own; the OAuth token
 * endpoint is separate. This is an approximation that errs towards sharing, which only makes us more careful.
 */
public final class RateLimitBuckets {

    private RateLimitBuckets() {
    }

    /**
     * @param method HTTP method
     * @param path   URL path
     * @return the bucket key, e.g. {@code GET /api/v1/users} or {@code GET /api/v1/users/*}
     */
    public static String keyFor(String method, String path) {
        String m = method.toUpperCase(Locale.ROOT);
        String[] seg = path.split("/");
        // seg[0] is "" (leading slash)
        if (seg.length >= 4 && seg[1].equals("api") && seg[2].equals("v1")) {
            String family = "/api/v1/" + seg[3];
            if (seg[3].equals("apps") || seg[3].equals("logs")) {
                return m + " " + family;
            }
            return m + " " + family + (seg.length > 4 ? "/*" : "");
        }
        return m + " " + path;
    }
}
