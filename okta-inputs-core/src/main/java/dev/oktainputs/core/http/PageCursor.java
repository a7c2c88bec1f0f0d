package dev.oktainputs.core.http;

import dev.oktainputs.core.error.OktaErrorDetails;
import dev.oktainputs.core.error.OktaProtocolException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import okhttp3.HttpUrl;

/**
 * Walks a listing page by page, following next links exactly as Okta gives them. Remembers the URL of the
 * page to fetch next, which is what an input saves in its checkpoint to resume mid-listing. The page in
 * flight can be aborted from another thread with {@link #wakeup()}.
 *
 * <p><b>Prefetch</b> (on unless turned off, {@link OktaClient.Builder#prefetchPages(boolean)}): when a page with a
 * next link and at least one item arrives, the next page is requested at once, on a thread of the client, through
 * the same interceptor chain (retries, governor, auth), so that it is in flight while the caller writes the batch.
 * The next {@link #fetch()} returns it, or throws what fetching it threw, exactly as a fetch made then would. At most
 * one page is ahead; none after an empty page (the end of a System Log poll) or a page without a next link. The
 * prefetched page is only a cache: {@link #nextUrl()} still names the page the next fetch returns, so checkpoints are
 * unchanged. {@link #wakeup()} and {@link #close()} cancel a prefetch in flight.
 *
 * <p><b>Early next request</b>: for a listing whose next link comes in the {@code Link} header, the next page is
 * requested as soon as the headers of a 200 carry it, before the body is read and parsed, when that keeps at most two
 * pages in hand (the caller's page, if it holds one, and the pages requested ahead): so while the caller waits in
 * {@link #fetch()}, the page after the one arriving is already on its way. Not after a body of at most
 * {@value #MAYBE_EMPTY_BYTES} bytes (it may be an empty page); a request sent early whose page turns out not to lead
 * to it (empty, another next link, an error) is cancelled.
 *
 * <p>A page whose next link is refused ({@link Page#refusedNext()}: not on the org) is still returned when it has items;
 * the cursor then stays on it ({@link #hasNext()} true, {@link #nextUrl()} that page, so a checkpoint re-reads rather
 * than skips) and every later {@link #fetch()} throws the refusal. A refused empty page throws at once.
 *
 * <p>Not thread-safe, except {@link #wakeup()} and {@link #close()}.
 */
public final class PageCursor implements AutoCloseable {

    /** A declared body of at most this many bytes may be an empty page ({@code []}): no early request after it. */
    static final int MAYBE_EMPTY_BYTES = 16;
    /** Pages in hand at most: the caller's and those requested ahead. */
    private static final int IN_HAND = 2;

    private final OktaClient client;
    private final boolean prefetch;
    private PageRequest nextRequest;
    private volatile OktaClient.PageCall inFlight;
    /** The fetch of the page the next {@link #fetch()} returns, when requested ahead. Under {@link #lock}. */
    private Ahead ahead;
    /** The page {@link #fetch()} is fetching itself, or waiting for from ahead, while it does. Under {@link #lock}. */
    private Ahead direct;
    /** Pages requested ahead and not yet taken by {@link #fetch()}. Under {@link #lock}. */
    private int requestedAhead;
    /** Whether the caller holds or awaits a page (from its first fetch on). Under {@link #lock}. */
    private boolean callerHolds;
    private volatile boolean woken;
    private final Object lock = new Object();
    /** A refused next link of the page last handed out: what every later fetch throws. */
    private RuntimeException refused;
    /** A {@link #fetchOrDefer()} failure, thrown by the next {@link #fetch()}. */
    private RuntimeException deferred;

    /**
     * A cursor that prefetches if the client does ({@link OktaClient#prefetchPages()}, default {@link HttpOptions#PREFETCH}).
     *
     * @param client the org's client
     * @param first  the first page to fetch
     */
    public PageCursor(OktaClient client, PageRequest first) {
        this(client, first, client.prefetchPages());
    }

    /**
     * @param client   the org's client
     * @param first    the first page to fetch
     * @param prefetch whether to request the next page as soon as a page with a next link arrives; false for strictly
     *                 one request at a time, each sent by {@link #fetch()}
     */
    public PageCursor(OktaClient client, PageRequest first, boolean prefetch) {
        this.client = client;
        this.nextRequest = Objects.requireNonNull(first);
        this.prefetch = prefetch;
    }

    /** @return true while there is a page left to fetch */
    public boolean hasNext() {
        return nextRequest != null;
    }

    /**
     * Like {@link #fetch()}, for a page that is to join pages the caller already holds (one batch of several pages):
     * when it cannot be had, returns null and keeps the failure for the next {@link #fetch()} to throw, so that the
     * pages in hand can go out (and be checkpointed) first. The cursor stays on the page that failed.
     *
     * @return the page, or null when fetching it failed
     * @throws IllegalStateException when the listing is exhausted
     */
    public Page fetchOrDefer() {
        try {
            return fetch();
        } catch (IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            deferred = e;
            return null;
        }
    }

    /**
     * Fetches the next page (or takes the one prefetched) and moves past it.
     *
     * @return the page
     * @throws IllegalStateException when the listing is exhausted
     * @throws dev.oktainputs.core.error.OktaException classified, when the page could not be had; the cursor stays on
     *                                                 that page, so another fetch asks for it again
     */
    public Page fetch() {
        if (nextRequest == null) {
            throw new IllegalStateException("no page left");
        }
        if (refused != null) {
            throw refused;
        }
        if (deferred != null) {
            RuntimeException e = deferred;
            deferred = null;
            throw e;
        }
        Ahead p;
        synchronized (lock) {
            callerHolds = true; // the page it now waits for counts as in hand
            p = ahead;
            ahead = null;
            direct = p; // a wakeup now cancels it
            if (p != null) {
                requestedAhead--;
                if (!woken) {
                    startAfter(p); // its headers may have come while the caller held a page
                }
            }
        }
        Ahead from = p;
        Page page;
        try {
            if (p != null && !woken) {
                try {
                    page = p.await();
                } finally {
                    synchronized (lock) {
                        direct = null;
                    }
                }
            } else {
                if (p != null) {
                    cancel(p);
                }
                from = fetchNow(nextRequest);
                page = from.page;
            }
        } catch (RuntimeException | Error e) {
            cancelAfter(from);
            throw e;
        }
        if (page.next() != null && page.next().equals(nextRequest.url()) && !page.items().isEmpty()) {
            cancelAfter(from);
            // Only an empty page may link to itself (the end of a System Log poll); a full one would be read forever.
            throw new OktaProtocolException("Okta's next link for " + nextRequest.url().encodedPath() + " points back to the"
                    + " page just read, which would be read again forever; stopped. A proxy or cache between here and"
                    + " Okta is the usual cause; if not, report it with the request id"
                    + (page.requestId() == null ? "." : " " + page.requestId() + "."),
                    new OktaErrorDetails(200, null, null, null, page.requestId()), null);
        }
        if (page.refusedNext() != null) {
            cancelAfter(from);
            if (page.items().isEmpty()) {
                throw page.refusedNext(); // nothing to hand out first
            }
            // The page's items go to the caller first; the cursor stays on this page (so a checkpoint taken now re-reads
            // it, never skips), and the next fetch fails.
            refused = page.refusedNext();
            holds();
            return page;
        }
        nextRequest = page.next() == null ? null : nextRequest.withUrl(page.next());
        synchronized (lock) {
            callerHolds = true;
            Ahead next = from == null ? null : from.after;
            if (from != null) {
                from.after = null;
            }
            if (prefetch && nextRequest != null && !page.items().isEmpty() && !woken) {
                if (next != null && next.request.url().equals(nextRequest.url())) {
                    ahead = next; // requested early, from this page's headers
                    startAfter(next);
                } else {
                    if (next != null) {
                        cancelLocked(next);
                    }
                    startAhead(nextRequest, null);
                }
            } else if (next != null) {
                cancelLocked(next);
            }
        }
        return page;
    }

    private void holds() {
        synchronized (lock) {
            callerHolds = true;
        }
    }

    private Ahead fetchNow(PageRequest request) {
        Ahead d = new Ahead(request);
        OktaClient.PageCall call = earlyCall(d);
        d.call = call;
        inFlight = call;
        synchronized (lock) {
            direct = d;
        }
        if (woken) {
            call.cancel();
        }
        try {
            d.page = call.execute();
            return d;
        } catch (RuntimeException | Error e) {
            cancelAfter(d);
            throw e;
        } finally {
            inFlight = null;
            synchronized (lock) {
                direct = null;
            }
        }
    }

    /** A call for {@code a}'s request, told of its headers when the listing's next link comes in the Link header. */
    private OktaClient.PageCall earlyCall(Ahead a) {
        PageRequest r = a.request;
        return prefetch && r.itemsField() == null && !r.single()
                ? client.newPageCall(r, response -> headersOf(a, response)) : client.newPageCall(r);
    }

    /** On the thread reading {@code a}'s response: its headers are in, its body not yet read. */
    private void headersOf(Ahead a, okhttp3.Response response) {
        try {
            long length = response.body().contentLength();
            if (length >= 0 && length <= MAYBE_EMPTY_BYTES) {
                return;
            }
            String raw = LinkHeaders.next(response.headers("Link"));
            okhttp3.HttpUrl next = raw == null ? null : LinkHeaders.resolve(a.request.url(), raw);
            if (next == null || next.equals(a.request.url())) {
                return;
            }
            synchronized (lock) {
                if (a.headerNext == null) {
                    a.headerNext = next;
                    startAfter(a);
                }
            }
        } catch (RuntimeException e) {
            // Only a head start: the page's own parse decides, and the next fetch asks for what is missing.
        }
    }

    /** Under {@link #lock}: requests the page after {@code a} early, when its link is known and there is room. */
    private void startAfter(Ahead a) {
        if (a.headerNext == null || a.after != null || a.cancelled || woken
                || requestedAhead + (callerHolds ? 1 : 0) >= IN_HAND) {
            return;
        }
        startAhead(a.request.withUrl(a.headerNext), a);
    }

    /** Under {@link #lock}: requests {@code request} ahead, as {@link #ahead} or (with a {@code before}) after it. */
    private void startAhead(PageRequest request, Ahead before) {
        Ahead p = new Ahead(request);
        try {
            p.call = earlyCall(p);
        } catch (RuntimeException e) {
            return; // the next fetch makes the same call and throws the same error, in its turn
        }
        p.outcome = new CompletableFuture<>();
        if (before == null) {
            ahead = p;
        } else {
            before.after = p;
        }
        requestedAhead++;
        if (!client.startPrefetch(p.call, p::run)) {
            // the client is closed: the next fetch asks for the page itself
            if (before == null) {
                ahead = null;
            } else {
                before.after = null;
            }
            requestedAhead--;
        }
    }

    private void cancelAfter(Ahead a) {
        if (a == null) {
            return;
        }
        synchronized (lock) {
            Ahead next = a.after;
            a.after = null;
            if (next != null) {
                cancelLocked(next);
            }
        }
    }

    private void cancel(Ahead a) {
        synchronized (lock) {
            a.cancelled = true;
            a.call.cancel();
            Ahead next = a.after;
            a.after = null;
            if (next != null) {
                cancelLocked(next);
            }
        }
    }

    /** Under {@link #lock}: cancels a page requested ahead and not taken, and any requested after it. */
    private void cancelLocked(Ahead a) {
        for (Ahead x = a; x != null; x = x.after) {
            x.cancelled = true;
            x.call.cancel();
            requestedAhead--;
        }
        a.after = null;
    }

    /** @return the URL of the page {@link #fetch()} would get, or null at the end */
    public HttpUrl nextUrl() {
        return nextRequest == null ? null : nextRequest.url();
    }

    /** @return whether the next page is being (or has been) fetched ahead; for tests */
    boolean prefetching() {
        synchronized (lock) {
            return ahead != null;
        }
    }

    /** Aborts the page in flight (prefetched or not) and any later fetch of this cursor. */
    public void wakeup() {
        woken = true;
        OktaClient.PageCall call = inFlight;
        if (call != null) {
            call.cancel();
        }
        synchronized (lock) {
            for (Ahead a : new Ahead[] {ahead, direct}) {
                for (Ahead x = a; x != null; x = x.after) {
                    if (x.call != null) {
                        x.call.cancel();
                    }
                }
            }
        }
    }

    /**
     * Cancels a prefetch nobody will read (a run closed before its listing ended) and any request in flight; the
     * cursor cannot fetch after. Idempotent.
     */
    @Override
    public void close() {
        wakeup();
    }
}
