package dev.oktainputs.core.http;

import java.time.Instant;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * One page of a listing.
 *
 * @param items      the elements, in the order Okta sent them
 * @param next       the next page's URL (validated to be on the org), or null on the last page
 * @param serverTime the response's {@code Date} header (Okta's clock), or null when absent
 * @param requestId  the response's {@code X-Okta-Request-Id}, or null
 */
public record Page(List<PageItem> items, HttpUrl next, Instant serverTime, String requestId) {
}
