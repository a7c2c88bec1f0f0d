package dev.oktainputs.core.http;

import java.io.InterruptedIOException;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;

/**
 * The waits a call spends between attempts (retry back-off, a 429's reset, the governor's pause), made
 * cancellable: {@link OktaClient.PageCall#cancel()} interrupts the thread only while it waits for that call, so a
 * stop is prompt even during a minute-long rate-limit pause, and no interrupt leaks into the caller's later work.
 */
final class CallWaits {

    /** A wait that ends early on interrupt. */
    @FunctionalInterface
    interface Wait {
        void run() throws InterruptedException, InterruptedIOException;
    }

    private final ConcurrentHashMap<Call, Thread> waiting = new ConcurrentHashMap<>();

    /**
     * Runs {@code wait} on the calling thread for {@code call}.
     *
     * @throws InterruptedIOException "Canceled" when the call was cancelled (the interrupt that cut the wait short
     *                                is cleared), or when the thread was interrupted for another reason (the
     *                                interrupt status is kept)
     */
    void await(Call call, Wait wait) throws InterruptedIOException {
        waiting.put(call, Thread.currentThread());
        try {
            if (!call.isCanceled()) {
                wait.run();
            }
        } catch (InterruptedException e) {
            if (!call.isCanceled()) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to send " + call.request().url().encodedPath());
            }
        } catch (InterruptedIOException e) {
            if (!call.isCanceled()) {
                throw e;
            }
        } finally {
            waiting.remove(call);
        }
        if (call.isCanceled()) {
            Thread.interrupted(); // ours, delivered by cancel(); the caller's thread goes on clean
            throw new InterruptedIOException("Canceled");
        }
    }

    /** Cancels {@code call} and cuts short the wait it is in, if any. */
    void cancel(Call call) {
        call.cancel();
        waiting.computeIfPresent(call, (c, thread) -> {
            thread.interrupt();
            return thread;
        });
    }
}
