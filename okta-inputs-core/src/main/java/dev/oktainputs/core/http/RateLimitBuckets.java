package dev.oktainputs.core.http;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maps a request to the key the governor counts it under: the endpoint's template, with the ids in its path replaced by
 * {@code {id}} ({@code GET /api/v1/users/{id}/factors}).
 *
 * <p>Okta's buckets ({@code https://developer.okta.com/docs/reference/rl-global-mgmt}) are unions of such templates:
 * {@code /api/v1/groups} "except {@code /api/v1/groups/{id}}" (the listing, members, rules), {@code /api/v1/users}
 * (only the listing), {@code GET /api/v1/users/{idOrLogin}}, "most other API actions: {@code /api/v1}" for everything
 * the table does not name (a user's factors and roles, zones, IdPs, ...). A key per template therefore never mixes two
 * of Okta's buckets — mixing them made the governor read one bucket's {@code X-Rate-Limit-*} headers as another's and
 * wait for the wrong window or run into 429s — while templates that share a bucket each learn the same remaining
 * budget from its headers. Apps are the exception, as Okta documents them: {@code /api/v1/apps} and everything below an
 * app ({@code /api/v1/apps/{id}/*}) share one small bucket and are counted under one key; {@code /api/v1/apps/{id}}
 * alone is a bucket of its own.
 *
 * <p>Which segments are ids: Okta's paths alternate names and ids after the resource
 * ({@code /api/v1/users/{id}/roles/{id}}); a segment in an id's place is one unless it is a lowercase word
 * ({@code /api/v1/groups/rules}, {@code /api/v1/iam/resource-sets}, authorization server {@code default}), and a
 * segment in a name's place is one when it holds a digit, {@code %}, {@code @} or {@code .} (an id where a name was
 * expected, as in {@code /api/v1/iam/resource-sets/{id}}). So the keys stay few, whatever the org's size. Paths outside
 * {@code /api/v1} (the OAuth token endpoint) are their own keys.
 */
public final class RateLimitBuckets {

    private static final Pattern WORD = Pattern.compile("[a-z]+(?:-[a-z]+)*");
    private static final Pattern NOT_A_NAME = Pattern.compile(".*[0-9%@.].*");

    private RateLimitBuckets() {
    }

    /**
     * @param method HTTP method
     * @param path   URL path (encoded)
     * @return the bucket key, e.g. {@code GET /api/v1/users}, {@code GET /api/v1/groups/{id}/users}, {@code GET /api/v1/apps}
     */
    public static String keyFor(String method, String path) {
        String m = method.toUpperCase(Locale.ROOT);
        String[] seg = path.split("/", -1);
        // seg[0] is "" (leading slash)
        if (seg.length >= 4 && seg[1].equals("api") && seg[2].equals("v1") && seg[3].equals("apps")) {
            return m + (seg.length == 5 && isId(seg[4], true) ? " /api/v1/apps/{id}" : " /api/v1/apps");
        }
        // Outside /api/v1 (the OAuth token endpoint) the path is the key as it is.
        int first = seg.length >= 4 && seg[1].equals("api") && seg[2].equals("v1") ? 4 : seg.length;
        StringBuilder key = new StringBuilder(m).append(' ');
        for (int i = 1; i < seg.length; i++) {
            key.append('/').append(i >= first && isId(seg[i], (i - first) % 2 == 0) ? "{id}" : seg[i]);
        }
        return key.toString();
    }

    private static boolean isId(String segment, boolean idsPlace) {
        if (segment.isEmpty()) {
            return false;
        }
        return idsPlace ? !WORD.matcher(segment).matches() : NOT_A_NAME.matcher(segment).matches();
    }
}
