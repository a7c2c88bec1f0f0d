package dev.oktainputs.core.http;

import dev.oktainputs.core.error.OktaErrorDetails;
import dev.oktainputs.core.error.OktaProtocolException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
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
 * <p>A page whose next link is refused ({@link Page#refusedNext()}: not on the org) is still returned when it has items;
 * the cursor then stays on it ({@link #hasNext()} true, {@link #nextUrl()} that page, so a checkpoint re-reads rather
 * than skips) and every later {@link #fetch()} throws the refusal. A refused empty page throws at once.
 *
 * <p>Not thread-safe, except {@link #wakeup()} and {@link #close()}.
 */
public final class PageCursor implements AutoCloseable {

    private final OktaClient client;
    private final boolean prefetch;
    private PageRequest nextRequest;
    private volatile OktaClient.PageCall inFlight;
    private volatile Prefetch ahead;
    private volatile boolean woken;
    /** A refused next link of the page last handed out: what every later fetch throws. */
    private RuntimeException refused;

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
        Prefetch p = ahead;
        Page page;
        try {
            if (p != null && !woken) {
                page = p.await();
            } else {
                if (p != null) {
                    p.call.cancel();
                }
                page = fetchNow(nextRequest);
            }
        } finally {
            ahead = null;
        }
        if (page.next() != null && page.next().equals(nextRequest.url()) && !page.items().isEmpty()) {
            // Only an empty page may link to itself (the end of a System Log poll); a full one would be read forever.
            throw new OktaProtocolException("Okta's next link for " + nextRequest.url().encodedPath() + " points back to the"
                    + " page just read, which would be read again forever; stopped. A proxy or cache between here and"
                    + " Okta is the usual cause; if not, report it with the request id"
                    + (page.requestId() == null ? "." : " " + page.requestId() + "."),
                    new OktaErrorDetails(200, null, null, null, page.requestId()), null);
        }
        if (page.refusedNext() != null) {
            if (page.items().isEmpty()) {
                throw page.refusedNext(); // nothing to hand out first
            }
            // The page's items go to the caller first; the cursor stays on this page (so a checkpoint taken now re-reads
            // it, never skips), and the next fetch fails.
            refused = page.refusedNext();
            return page;
        }
        nextRequest = page.next() == null ? null : nextRequest.withUrl(page.next());
        if (prefetch && nextRequest != null && !page.items().isEmpty()) {
            startPrefetch(nextRequest);
        }
        return page;
    }

    private Page fetchNow(PageRequest request) {
        OktaClient.PageCall call = client.newPageCall(request);
        inFlight = call;
        if (woken) {
            call.cancel();
        }
        try {
            return call.execute();
        } finally {
            inFlight = null;
        }
    }

    private void startPrefetch(PageRequest request) {
        OktaClient.PageCall call;
        try {
            call = client.newPageCall(request);
        } catch (RuntimeException e) {
            return; // the next fetch makes the same call and throws the same error, in its turn
        }
        Prefetch p = new Prefetch(call);
        ahead = p;
        if (woken) {
            call.cancel(); // woken meanwhile: the call fails at once and the next fetch fails as after any wakeup
        }
        if (!client.startPrefetch(call, p::run)) {
            ahead = null; // the client is closed: the next fetch asks for the page itself
        }
    }

    /** @return the URL of the page {@link #fetch()} would get, or null at the end */
    public HttpUrl nextUrl() {
        return nextRequest == null ? null : nextRequest.url();
    }

    /** @return whether the next page is being (or has been) fetched ahead; for tests */
    boolean prefetching() {
        return ahead != null;
    }

    /** Aborts the page in flight (prefetched or not) and any later fetch of this cursor. */
    public void wakeup() {
        woken = true;
        OktaClient.PageCall call = inFlight;
        if (call != null) {
            call.cancel();
        }
        Prefetch p = ahead;
        if (p != null) {
            p.call.cancel();
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

    /** One page requested ahead, and what became of it. */
    private static final class Prefetch {
        final OktaClient.PageCall call;
        final CompletableFuture<Page> outcome = new CompletableFuture<>();

        Prefetch(OktaClient.PageCall call) {
            this.call = call;
        }

        /** On the client's prefetch thread. */
        void run() {
            try {
                outcome.complete(call.execute());
            } catch (Throwable t) { // handed to the caller's thread, which rethrows it
                outcome.completeExceptionally(t);
            }
        }

        /** The page, or the very exception its fetch threw; an interrupt cancels the call and is kept. */
        Page await() {
            try {
                return outcome.get();
            } catch (InterruptedException e) {
                call.cancel();
                try {
                    return outcome.join(); // the cancelled call ends promptly
                } catch (CompletionException ce) {
                    throw rethrow(ce.getCause());
                } finally {
                    Thread.currentThread().interrupt();
                }
            } catch (ExecutionException e) {
                throw rethrow(e.getCause());
            }
        }

        private static RuntimeException rethrow(Throwable t) {
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            throw new IllegalStateException("prefetch failed", t); // execute() throws nothing checked
        }
    }
}
