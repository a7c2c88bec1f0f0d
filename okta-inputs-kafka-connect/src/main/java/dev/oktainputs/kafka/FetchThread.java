package dev.oktainputs.kafka;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's fetch thread: one fetch at a time, of which {@link #poll} waits for the result only so long. A fetch that
 * takes longer (no input due, Okta slow, a back-off under way) goes on, and a later poll picks its result up; so
 * {@code poll()} returns regularly and the worker can commit offsets and stop the task at any time.
 *
 * @param <T> what a fetch returns
 */
final class FetchThread<T> {

    private static final Logger LOG = LoggerFactory.getLogger(FetchThread.class);
    private static final long STOP_WAIT_SECONDS = 30;

    private final Supplier<T> fetch;
    private final ExecutorService executor;
    private volatile Thread thread;
    /** The fetch under way, or null; used by the polling thread only. */
    private Future<T> inFlight;

    /**
     * @param name  the thread's name
     * @param fetch one fetch, run on the thread
     */
    FetchThread(String name, Supplier<T> fetch) {
        this.fetch = fetch;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    /**
     * Starts a fetch unless one is under way, and waits at most {@code maxWait} for its result.
     *
     * @param maxWait how long to wait at most
     * @return the fetch's result; null when it is not ready by then (it goes on), or the thread is stopping
     * @throws RuntimeException what the fetch threw
     */
    T poll(Duration maxWait) {
        if (inFlight == null) {
            try {
                inFlight = executor.submit(fetch::get);
            } catch (RejectedExecutionException e) {
                return null; // stopping
            }
        }
        try {
            T result = inFlight.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
            inFlight = null;
            return result;
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (CancellationException e) {
            inFlight = null;
            return null;
        } catch (ExecutionException e) {
            inFlight = null;
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new ConnectException(cause);
        }
    }

    /** @return true when no fetch is under way */
    boolean idle() {
        return inFlight == null;
    }

    /**
     * Interrupts the fetch under way (a back-off or pause inside the client) and waits for the thread to end, at most
     * {@value #STOP_WAIT_SECONDS} s.
     */
    void stop() {
        executor.shutdownNow();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS);
            boolean ended = executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            // A pool reports termination just before its worker thread exits: wait for the thread itself too.
            Thread t = thread;
            if (ended && t != null) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                ended = !t.isAlive();
            }
            if (!ended) {
                LOG.warn("the fetch thread did not end within {} s of stop(); closing the client anyway", STOP_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
