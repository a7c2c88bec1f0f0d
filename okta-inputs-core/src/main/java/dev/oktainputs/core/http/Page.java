package dev.oktainputs.core.http;

import dev.oktainputs.core.error.OktaProtocolException;
import java.time.Instant;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * One page of a listing.
 *
 * @param items       the elements, in the order Okta sent them
 * @param next        the next page's URL on the org's origin (a link on the org's admin host is moved there), or null
 *                    on the last page and when the next link was refused
 * @param serverTime  the response's {@code Date} header (Okta's clock), or null when absent
 * @param requestId   the response's {@code X-Okta-Request-Id}, or null
 * @param refusedNext when the page had a next link that is not on the org (never requested): the error that says so,
 *                    which {@link PageCursor} throws only after this page's items have been handed out; else null
 */
public record Page(List<PageItem> items, HttpUrl next, Instant serverTime, String requestId, OktaProtocolException refusedNext) {

    /**
     * A page whose next link, if any, is on the org.
     *
     * @param items      the elements
     * @param next       the next page's URL, or null on the last page
     * @param serverTime Okta's clock, or null
     * @param requestId  the request id, or null
     */
    public Page(List<PageItem> items, HttpUrl next, Instant serverTime, String requestId) {
        this(items, next, serverTime, requestId, null);
    }
}
