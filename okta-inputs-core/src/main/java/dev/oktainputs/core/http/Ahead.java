package dev.oktainputs.core.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * One page fetch of a {@link PageCursor}: requested ahead (with an outcome), or made by {@link PageCursor#fetch()} itself
 * (with a page). Its fields are guarded by the cursor.
 */
final class Ahead {
    final PageRequest request;
    OktaClient.PageCall call;
    CompletableFuture<Page> outcome;
    Page page;
    /** Under the cursor's lock: the next link its headers carried, and the page requested early from it. */
    okhttp3.HttpUrl headerNext;
    Ahead after;
    boolean cancelled;

    Ahead(PageRequest request) {
        this.request = request;
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
