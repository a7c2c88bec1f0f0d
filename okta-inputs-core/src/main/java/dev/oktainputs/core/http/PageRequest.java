package dev.oktainputs.core.http;

import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * A request for one page.
 *
 * @param url           the page's URL on the org
 * @param itemsField    null when the body is a JSON array; else the field of the body object holding the
 *                      array (e.g. {@code value} for {@code /api/v1/iam/assignees/users}, whose next link is
 *                      then read from {@code _links.next.href})
 * @param requiredScope the OAuth scope the endpoint needs, named in permission errors, may be null
 */
public record PageRequest(HttpUrl url, String itemsField, String requiredScope) {

    /** Validates. */
    public PageRequest {
        Objects.requireNonNull(url, "url");
    }

    /**
     * @param url           the page URL
     * @param requiredScope the OAuth scope, may be null
     * @return a request for a JSON-array page
     */
    public static PageRequest array(HttpUrl url, String requiredScope) {
        return new PageRequest(url, null, requiredScope);
    }

    /**
     * @param url the next URL
     * @return the same kind of request for another URL
     */
    public PageRequest withUrl(HttpUrl url) {
        return new PageRequest(url, itemsField, requiredScope);
    }
}
