package dev.oktainputs.core.http;

import dev.oktainputs.core.error.OktaErrorDetails;
import dev.oktainputs.core.error.OktaProtocolException;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Walks a listing page by page, following next links exactly as Okta gives them. Remembers the URL of the
 * page to fetch next, which is what an input saves in its checkpoint to resume mid-listing. The page in
 * flight can be aborted from another thread with {@link #wakeup()}.
 */
public final class PageCursor {

    private final OktaClient client;
    private PageRequest nextRequest;
    private volatile OktaClient.PageCall inFlight;
    private volatile boolean woken;

    /**
     * @param client the org's client
     * @param first  the first page to fetch
     */
    public PageCursor(OktaClient client, PageRequest first) {
        this.client = client;
        this.nextRequest = Objects.requireNonNull(first);
    }

    /** @return true while there is a page left to fetch */
    public boolean hasNext() {
        return nextRequest != null;
    }

    /**
     * Fetches the next page and moves past it.
     *
     * @return the page
     * @throws IllegalStateException when the listing is exhausted
     */
    public Page fetch() {
        if (nextRequest == null) {
            throw new IllegalStateException("no page left");
        }
        OktaClient.PageCall call = client.newPageCall(nextRequest);
        inFlight = call;
        if (woken) {
            call.cancel();
        }
        try {
            Page page = call.execute();
            if (page.next() != null && page.next().equals(nextRequest.url()) && !page.items().isEmpty()) {
                // Only an empty page may link to itself (the end of a System Log poll); a full one would be read forever.
                throw new OktaProtocolException("Okta's next link for " + nextRequest.url().encodedPath() + " points back to the"
                        + " page just read, which would be read again forever; stopped. A proxy or cache between here and"
                        + " Okta is the usual cause; if not, report it with the request id"
                        + (page.requestId() == null ? "." : " " + page.requestId() + "."),
                        new OktaErrorDetails(200, null, null, null, page.requestId()), null);
            }
            nextRequest = page.next() == null ? null : nextRequest.withUrl(page.next());
            return page;
        } finally {
            inFlight = null;
        }
    }

    /** @return the URL of the page {@link #fetch()} would get, or null at the end */
    public HttpUrl nextUrl() {
        return nextRequest == null ? null : nextRequest.url();
    }

    /** Aborts the page in flight and any later fetch of this cursor. */
    public void wakeup() {
        woken = true;
        OktaClient.PageCall call = inFlight;
        if (call != null) {
            call.cancel();
        }
    }
}
