package dev.oktainputs.core.http;

import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * A request for one page.
 *
 * @param url           the page's URL on the org
 * @param itemsField    null when the body is a JSON array; else the field of the body object holding the
 *                      array (e.g. {@code value} for {@code /api/v1/iam/assignees/users}, whose next link is
 *                      then read from {@code _links.next.href})
 * @param requiredScope the OAuth scope the endpoint needs, named in permission errors, may be null
 * @param single        true when the body is one JSON object, read as a page of that one item without a next page
 *                      (e.g. {@code /api/v1/meta/schemas/user/{id}}, a fan-out's child that is not a list)
 * @param fields        dotted paths of scalar fields the page parser picks up from each item while it reads the page
 *                      ({@link PageItem#fields()}), e.g. {@code profile.login}; empty for none
 */
public record PageRequest(HttpUrl url, String itemsField, String requiredScope, boolean single, Set<String> fields) {

    /** Validates. */
    public PageRequest {
        Objects.requireNonNull(url, "url");
        if (single && itemsField != null) {
            throw new IllegalArgumentException("a single-object request has no items field");
        }
        fields = fields == null ? Set.of() : Set.copyOf(fields);
    }

    /**
     * @param url           the page's URL on the org
     * @param itemsField    null for a JSON-array body, else the body field holding the array
     * @param requiredScope the OAuth scope, may be null
     * @param single        true when the body is one JSON object
     */
    public PageRequest(HttpUrl url, String itemsField, String requiredScope, boolean single) {
        this(url, itemsField, requiredScope, single, Set.of());
    }

    /**
     * A request for a page of a list.
     *
     * @param url           the page's URL on the org
     * @param itemsField    null for a JSON-array body, else the body field holding the array
     * @param requiredScope the OAuth scope, may be null
     */
    public PageRequest(HttpUrl url, String itemsField, String requiredScope) {
        this(url, itemsField, requiredScope, false);
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
     * @param url           the object's URL
     * @param requiredScope the OAuth scope, may be null
     * @return a request for one JSON object, read as a page of one item
     */
    public static PageRequest object(HttpUrl url, String requiredScope) {
        return new PageRequest(url, null, requiredScope, true);
    }

    /**
     * @param url the next URL
     * @return the same kind of request for another URL
     */
    public PageRequest withUrl(HttpUrl url) {
        return new PageRequest(url, itemsField, requiredScope, single, fields);
    }

    /**
     * @param paths dotted paths of scalar fields to pick up from each item as the page is read
     * @return the same request, its items carrying those fields ({@link PageItem#fields()})
     */
    public PageRequest withFields(Set<String> paths) {
        return new PageRequest(url, itemsField, requiredScope, single, paths);
    }
}
