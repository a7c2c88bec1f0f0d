package dev.oktainputs.runner;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.Batch;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.error.OktaErrorDetails;
import dev.oktainputs.core.error.OktaTransportException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * An input without HTTP whose runs hand out {@code pages} batches of one record each (checkpoint {@code n}, counting on
 * from the checkpoint the run opened with). With {@link #hangOnPage(int)}, that page's request hangs until
 * {@link InputRun#wakeup()} aborts it, as a real request does. It may be opened only {@code maxOpens} times: one more
 * fails the input's thread (an {@link AssertionError}, which the pipeline does not catch).
 */
final class ScriptedInput implements OktaInput {

    final List<Checkpoint> openedWith = new CopyOnWriteArrayList<>();
    /** Counted down when the hanging page's request is in flight. */
    final CountDownLatch hanging = new CountDownLatch(1);
    private final int pages;
    private final int maxOpens;
    private int hangOnPage = -1;

    ScriptedInput(int pages, int maxOpens) {
        this.pages = pages;
        this.maxOpens = maxOpens;
    }

    /** @param page the page (1, 2, ...) whose request hangs until woken up */
    ScriptedInput hangOnPage(int page) {
        this.hangOnPage = page;
        return this;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public Set<String> requiredScopes() {
        return Set.of();
    }

    @Override
    public InputRun open(InputContext context, Checkpoint checkpoint) {
        if (openedWith.size() == maxOpens) {
            throw new AssertionError("opened more than " + maxOpens + " time(s)");
        }
        openedWith.add(checkpoint);
        long base = checkpoint.getLong("n", 0);
        CountDownLatch woken = new CountDownLatch(1);
        return new InputRun() {
            int page;

            @Override
            public Batch next() {
                if (page == pages) {
                    return null;
                }
                page++;
                if (page == hangOnPage) {
                    hanging.countDown();
                    try {
                        woken.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new OktaTransportException("the request was aborted", OktaErrorDetails.NONE, null);
                }
                long n = base + page;
                return Batch.of(List.of(OktaRecord.upsert("scripted", "k" + n, Instant.EPOCH,
                        "{}".getBytes(StandardCharsets.UTF_8))), Checkpoint.of(1, Map.of("n", n)));
            }

            @Override
            public void wakeup() {
                woken.countDown();
            }

            @Override
            public void close() {
            }
        };
    }
}
