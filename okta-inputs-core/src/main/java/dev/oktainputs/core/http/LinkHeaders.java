package dev.oktainputs.core.http;

import java.util.List;
import java.util.Locale;
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

    private static boolean isRelNext(String params) {
        for (String p : params.split(";")) {
            String[] kv = p.split("=", 2);
            if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("rel")) {
                String rels = kv[1].strip();
                if (rels.startsWith("\"") && rels.endsWith("\"") && rels.length() >= 2) {
                    rels = rels.substring(1, rels.length() - 1);
                }
                for (String rel : rels.toLowerCase(Locale.ROOT).split("\\s+")) {
                    if (rel.equals("next")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
