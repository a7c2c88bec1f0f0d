package dev.oktainputs.core.http;

import java.util.List;
import okhttp3.HttpUrl;

/**
 * Finds {@code rel="next"} in RFC 8288 {@code Link} headers, as Okta sends them: usually one header line per
 * relation ({@code link: <…>; rel="self"} then {@code link: <…>; rel="next"}), but comma-joined values on
 * one line are accepted too. URLs are taken exactly as given; cursors are never built by hand.
 */
final class LinkHeaders {

    /** The last link resolved: a page's next link is resolved twice, once as its headers arrive, once with its body. */
    private record Resolved(HttpUrl base, String link, HttpUrl url) {
    }

    private static volatile Resolved last = new Resolved(null, null, null);

    private LinkHeaders() {
    }

    /**
     * {@code base.resolve(link)}, remembered for the next call with the same two (OkHttp's parse canonicalises the host
     * and re-encodes the query each time: ~2% of a users sync's CPU when done twice per page).
     *
     * @return the link resolved against the request's URL, or null when it is not a URL
     */
    static HttpUrl resolve(HttpUrl base, String link) {
        Resolved r = last;
        if (link.equals(r.link()) && base.equals(r.base())) {
            return r.url();
        }
        HttpUrl url = base.resolve(link);
        last = new Resolved(base, link, url);
        return url;
    }

    /**
     * @param headerValues every value of the Link header (any case), in order
     * @return the target of {@code rel="next"}, or null when there is none
     */
    static String next(List<String> headerValues) {
        for (String value : headerValues) {
            int i = 0;
            while (i < value.length()) {
                int open = value.indexOf('<', i);
                if (open < 0) {
                    break;
                }
                int close = value.indexOf('>', open);
                if (close < 0) {
                    break;
                }
                String target = value.substring(open + 1, close);
                // Parameters run until the next link, which starts at a comma followed by '<' (without the comma, at
                // the '<': a later link's rel must never be read as this one's). The search for the comma stops at this
                // link's '>', so a long header is read in linear time.
                int nextLink = value.indexOf('<', close);
                int end = nextLink < 0 ? value.length() : nextLink;
                for (int c = end - 1; c > close; c--) {
                    if (value.charAt(c) == ',') {
                        end = c;
                        break;
                    }
                }
                if (isRelNext(value.substring(close + 1, end))) {
                    return target.strip();
                }
                i = nextLink < 0 ? value.length() : nextLink;
            }
        }
        return null;
    }

    /**
     * Whether link parameters ({@code ; rel="next"; title=…}) hold the relation {@code next}: a parameter named
     * {@code rel} (any case), its value quoted or not, one of its space-separated relations {@code next} (any case).
     * Read with {@code indexOf}, not {@code split}: this runs twice for every page, and a regex split compiled a pattern
     * each time (~6% of a prefetch thread's CPU with small pages).
     */
    static boolean isRelNext(String params) {
        int from = 0;
        while (from <= params.length()) {
            int semicolon = params.indexOf(';', from);
            int end = semicolon < 0 ? params.length() : semicolon;
            int eq = params.indexOf('=', from);
            if (eq >= 0 && eq < end && params.substring(from, eq).strip().equalsIgnoreCase("rel")) {
                String rels = params.substring(eq + 1, end).strip();
                if (rels.length() >= 2 && rels.startsWith("\"") && rels.endsWith("\"")) {
                    rels = rels.substring(1, rels.length() - 1);
                }
                if (hasRelation(rels, "next")) {
                    return true;
                }
            }
            from = end + 1;
        }
        return false;
    }

    /** Whether the whitespace-separated list {@code rels} holds {@code rel} (any case). */
    private static boolean hasRelation(String rels, String rel) {
        int i = 0;
        int n = rels.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(rels.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(rels.charAt(i))) {
                i++;
            }
            if (i - start == rel.length() && rels.regionMatches(true, start, rel, 0, rel.length())) {
                return true;
            }
        }
        return false;
    }
}
