package dev.oktainputs.core.fanout;

import dev.oktainputs.core.error.OktaErrorDetails;
import dev.oktainputs.core.error.OktaException;
import dev.oktainputs.core.error.OktaNotFoundException;
import dev.oktainputs.core.error.OktaTransportException;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.http.Page;
import dev.oktainputs.core.http.PageCursor;
import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.http.PageRequest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.HttpUrl;

/**
 * Lists the children of every parent of a listing (the members of each group, the users of each app) with
 * bounded concurrency, and hands the child pages out strictly in order: parent by parent in listing order, each
 * parent's pages in order. So a checkpoint taken after any page ({@link ChildPage#position()}) stays correct
 * however the requests completed.
 *
 * <p>How: the caller's thread walks the parent listing page by page and keeps a window of at most
 * {@code concurrency} parents in progress; a worker per parent fetches that parent's pages into a small queue of
 * {@code pagesAhead} pages, so at most {@code concurrency × pagesAhead} pages are held. {@link #next()} takes from
 * the oldest parent only; when it is complete the next parent enters the window. Every request goes through the
 * org's {@link OktaClient}, whose governor paces it against the org-wide rate limits and caps concurrency.
 *
 * <p>A failed child request fails {@link #next()} when that parent's turn comes, so everything before it is
 * still written and checkpointed. Except one answer: {@code 404 E0000007} on a child page whose path names the
 * parent (Okta's answer for {@code /groups/{id}/users}, {@code /apps/{id}/users}, {@code /users/{id}/roles}, … of a
 * parent deleted since this run listed it) ends that parent with an empty page marked
 * {@link ChildPage#vanished()}, and the fan-out goes on. A 404 on the parent listing, or on a child URL that does
 * not name its parent, still fails. Not thread-safe except {@link #wakeup()} and {@link #close()}.
 *
 * @param <P> what the caller prepares from each parent item (e.g. the group's id and name)
 */
public final class FanOut<P> implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final OktaClient client;
    private final Function<PageItem, P> prepare;
    private final Function<P, PageRequest> children;
    private final int concurrency;
    private final int pagesAhead;
    private final ExecutorService workers;
    private final PageCursor parents;
    private final Deque<Pending> pendingParents = new ArrayDeque<>();
    private final Deque<Slot<P>> window = new ArrayDeque<>();
    private final java.util.Set<PageCursor> active = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private String resumeParent;
    private HttpUrl resumeChildNext;
    private Instant firstServerTime;
    private volatile boolean stopped;

    private record Pending(PageItem item, HttpUrl page) {
    }

    /** One fetched child page, or the failure that ended the parent's listing, or word that the parent is gone. */
    private record Fetched(Page page, HttpUrl next, RuntimeException failure, boolean vanished) {
        Fetched(Page page, HttpUrl next, RuntimeException failure) {
            this(page, next, failure, false);
        }
    }

    /** Okta's error code for a resource that does not exist. */
    static final String NOT_FOUND = "E0000007";

    private static final class Slot<P> {
        final P parent;
        final String parentId;
        final HttpUrl parentsPage;
        final boolean fromStart;
        final BlockingQueue<Fetched> pages;
        /** The next page, taken from {@link #pages} by {@link #awaitNextReady} and not handed out yet. */
        Fetched peeked;

        Slot(P parent, String parentId, HttpUrl parentsPage, boolean fromStart, int capacity) {
            this.parent = parent;
            this.parentId = parentId;
            this.parentsPage = parentsPage;
            this.fromStart = fromStart;
            this.pages = new ArrayBlockingQueue<>(capacity);
        }
    }

    /**
     * @param client       the org's client
     * @param firstParents the first page of the parent listing
     * @param resume       where a previous run stopped, or null to start at the beginning
     * @param prepare      what to keep of each parent (called on the caller's thread, in listing order)
     * @param children     the first page of a parent's children
     * @param concurrency  parents in progress at once, &ge; 1
     * @param pagesAhead   child pages buffered per parent, &ge; 1
     */
    public FanOut(OktaClient client, PageRequest firstParents, FanOutPosition resume, Function<PageItem, P> prepare,
                  Function<P, PageRequest> children, int concurrency, int pagesAhead) {
        if (concurrency < 1 || pagesAhead < 1) {
            throw new IllegalArgumentException("concurrency and pagesAhead must be >= 1");
        }
        this.client = Objects.requireNonNull(client, "client");
        this.prepare = prepare;
        this.children = children;
        this.concurrency = concurrency;
        this.pagesAhead = pagesAhead;
        if (resume != null) {
            this.resumeParent = resume.parent();
            this.resumeChildNext = resume.childNext();
        }
        this.parents = new PageCursor(client, resume == null ? firstParents : firstParents.withUrl(resume.parentsPage()));
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "okta-fanout-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.workers = Executors.newFixedThreadPool(concurrency, daemons);
    }

    /**
     * Blocks until the next child page in order is fetched.
     *
     * @return the page, or null when every parent's children have been handed out
     * @throws dev.oktainputs.core.error.OktaException when a parent page or the current parent's child page failed
     */
    public ChildPage<P> next() {
        fillWindow();
        Slot<P> head = window.peekFirst();
        if (head == null) {
            return null;
        }
        Fetched f = take(head);
        if (f.failure() != null) {
            throw f.failure();
        }
        boolean last = f.next() == null; // also a vanished parent's (empty) page
        boolean lastOfListing = false;
        if (last) {
            window.removeFirst();
            fillWindow();
            lastOfListing = window.isEmpty();
        }
        return new ChildPage<>(head.parent, head.parentId, f.page(), head.fromStart, last, lastOfListing,
                new FanOutPosition(head.parentsPage, head.parentId, f.next()), f.vanished());
    }

    /**
     * Whether {@link #next()} can hand out the oldest parent's next page without a request of its own, waiting for that
     * page when its request is under way: false only at the end, when that page failed (the failure stays for
     * {@link #next()} to throw), holds more than {@code maxItems} items, or handing it out would have to fetch a parent
     * page first, or when the fan-out was woken.
     * For callers that gather the next pages into one batch as they come, and hand the batch out before a failure.
     *
     * @param maxItems the most items the page may hold
     * @return true when {@link #next()} would now hand a page out without a request of its own
     */
    public boolean awaitNextReady(int maxItems) {
        Slot<P> head = window.peekFirst();
        if (head == null || stopped) {
            return false;
        }
        if (head.peeked == null) {
            try {
                head.peeked = take(head);
            } catch (OktaTransportException woken) {
                return false; // the batch in hand goes out; the next call of next() fails as woken
            }
        }
        Fetched f = head.peeked;
        if (f.failure() != null || f.page().items().size() > maxItems) {
            return false;
        }
        boolean needsAParentPage = f.next() == null && pendingParents.isEmpty() && parents.hasNext();
        return !needsAParentPage;
    }

    /**
     * The next page in order once it is fetched, when its request is under way ({@link #awaitNextReady(int)}).
     *
     * @param maxItems the most items the page may hold
     * @return the page, or null when it failed, would hold more, would need a parent page first, or there is none
     */
    public ChildPage<P> nextWhenFetched(int maxItems) {
        return awaitNextReady(maxItems) ? next() : null;
    }

    /** @return Okta's time ({@code Date}) of the first parent page fetched, or null before any */
    public Instant firstServerTime() {
        return firstServerTime;
    }

    private void fillWindow() {
        while (window.size() < concurrency) {
            Pending p = nextParent();
            if (p == null) {
                return;
            }
            start(p);
        }
    }

    private Pending nextParent() {
        while (pendingParents.isEmpty()) {
            if (!parents.hasNext()) {
                return null;
            }
            HttpUrl url = parents.nextUrl();
            Page page = parents.fetch();
            if (firstServerTime == null) {
                firstServerTime = page.serverTime();
            }
            int from = 0;
            if (resumeParent != null) {
                // The first page of a resumed run: skip the parents written before. If the parent is gone from
                // the page, redo the whole page (at-least-once) rather than guess.
                int at = indexOf(page, resumeParent);
                if (at >= 0) {
                    from = resumeChildNext == null ? at + 1 : at;
                } else {
                    resumeChildNext = null;
                }
                resumeParent = resumeChildNext == null ? null : resumeParent;
            }
            for (int i = from; i < page.items().size(); i++) {
                PageItem item = page.items().get(i);
                if (item.id() != null) {
                    pendingParents.add(new Pending(item, url));
                }
            }
        }
        return pendingParents.poll();
    }

    private static int indexOf(Page page, String id) {
        for (int i = 0; i < page.items().size(); i++) {
            if (id.equals(page.items().get(i).id())) {
                return i;
            }
        }
        return -1;
    }

    private void start(Pending p) {
        P parent = prepare.apply(p.item());
        PageRequest first = children.apply(parent);
        boolean fromStart = true;
        if (resumeChildNext != null && p.item().id().equals(resumeParent)) {
            first = first.withUrl(resumeChildNext);
            fromStart = false;
        }
        resumeParent = null;
        resumeChildNext = null;
        Slot<P> slot = new Slot<>(parent, p.item().id(), p.page(), fromStart, pagesAhead);
        window.addLast(slot);
        PageRequest firstChild = first;
        try {
            workers.execute(() -> fetchAll(slot, firstChild));
        } catch (RejectedExecutionException e) {
            slot.pages.offer(new Fetched(null, null, stoppedError()));
        }
    }

    private void fetchAll(Slot<P> slot, PageRequest first) {
        PageCursor cursor = new PageCursor(client, first, false); // this worker already fetches ahead into the slot
        active.add(cursor);
        if (stopped) {
            cursor.wakeup();
        }
        try {
            try {
                do {
                    Page page = cursor.fetch();
                    slot.pages.put(new Fetched(page, cursor.hasNext() ? cursor.nextUrl() : null, null));
                } while (cursor.hasNext());
            } catch (RuntimeException e) {
                slot.pages.put(vanished(e, slot.parentId, cursor.nextUrl())
                        ? new Fetched(new Page(List.of(), null, null, ((OktaException) e).requestId()), null, null, true)
                        : new Fetched(null, null, e));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: nobody waits for this parent any more
        } finally {
            active.remove(cursor);
        }
    }

    /**
     * Whether a child request's failure means its parent is gone: Okta's {@code 404 E0000007} on a URL whose path
     * names the parent. A 404 without Okta's code (a proxy's page) or on a URL that does not name the parent (a
     * wrong path) is not taken for a deletion.
     */
    static boolean vanished(RuntimeException e, String parentId, HttpUrl url) {
        return e instanceof OktaNotFoundException && NOT_FOUND.equals(((OktaException) e).errorCode())
                && url != null && url.pathSegments().contains(parentId);
    }

    private Fetched take(Slot<P> slot) {
        if (slot.peeked != null) {
            Fetched f = slot.peeked;
            slot.peeked = null;
            return f;
        }
        try {
            while (true) {
                Fetched f = slot.pages.poll(200, TimeUnit.MILLISECONDS);
                if (f != null) {
                    return f;
                }
                if (stopped) {
                    throw stoppedError();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stoppedError();
        }
    }

    private static OktaTransportException stoppedError() {
        return new OktaTransportException("The run was woken up or closed while listing; it resumes from its last"
                + " committed checkpoint.", OktaErrorDetails.NONE, null);
    }

    /** Aborts the requests in flight and makes {@link #next()} fail promptly; the fan-out cannot be used after. */
    public void wakeup() {
        stopped = true;
        parents.wakeup();
        active.forEach(PageCursor::wakeup);
        workers.shutdownNow();
    }

    /** Stops the workers and releases the pages held. */
    @Override
    public void close() {
        wakeup();
        window.clear();
        pendingParents.clear();
    }
}
