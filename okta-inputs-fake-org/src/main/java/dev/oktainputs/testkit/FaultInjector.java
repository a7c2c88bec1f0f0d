package dev.oktainputs.testkit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses the fault for each request: first a matching scripted fault (consumed), then the every-n-th rules, then
 * the seeded random faults. Thread-safe.
 */
final class FaultInjector {

    private static final int[] SERVER_ERRORS = {500, 502, 503, 504};
    private static final Fault[] TRUNCATIONS = {Fault.truncateBody(), Fault.truncateChunkedBody(), Fault.truncateUndelimitedBody()};

    private static final class EveryRule {
        final int n;
        final Fault fault;
        long seen;

        EveryRule(int n, Fault fault) {
            this.n = n;
            this.fault = fault;
        }
    }

    private final LinkedList<Fault> scripted = new LinkedList<>();
    private final List<EveryRule> every = new ArrayList<>();
    private SplittableRandom random;
    private double p429;
    private double p5xx;
    private double pDrop;
    private double pTruncate;

    synchronized void enqueue(Fault fault) {
        scripted.add(fault);
    }

    synchronized void every(int n, Fault fault) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1: " + n);
        }
        every.add(new EveryRule(n, fault));
    }

    synchronized void random(long seed, double p429, double p5xx, double pDrop, double pTruncate) {
        for (double p : new double[] {p429, p5xx, pDrop, pTruncate}) {
            if (p < 0 || p > 1) {
                throw new IllegalArgumentException("a probability lies in [0, 1]: " + p);
            }
        }
        if (p429 + p5xx + pDrop + pTruncate > 1.0 + 1e-9) {
            throw new IllegalArgumentException("the fault probabilities add up to more than 1");
        }
        this.random = new SplittableRandom(seed);
        this.p429 = p429;
        this.p5xx = p5xx;
        this.pDrop = pDrop;
        this.pTruncate = pTruncate;
    }

    synchronized void clear() {
        scripted.clear();
        every.clear();
        random = null;
    }

    synchronized int pendingScripted() {
        return scripted.size();
    }

    /** The fault for a request to {@code path}, or null. */
    synchronized Fault next(String path) {
        for (Iterator<Fault> it = scripted.iterator(); it.hasNext(); ) {
            Fault f = it.next();
            if (f.matches(path)) {
                it.remove();
                return f;
            }
        }
        Fault chosen = null;
        for (EveryRule rule : every) {
            if (rule.fault.matches(path) && ++rule.seen % rule.n == 0 && chosen == null) {
                chosen = rule.fault;
            }
        }
        return chosen != null ? chosen : randomFault();
    }

    private Fault randomFault() {
        if (random == null) {
            return null;
        }
        double r = random.nextDouble();
        if (r < p429) {
            return Fault.rateLimited();
        }
        if (r < p429 + p5xx) {
            return Fault.status(SERVER_ERRORS[random.nextInt(SERVER_ERRORS.length)]);
        }
        if (r < p429 + p5xx + pDrop) {
            return Fault.dropConnection();
        }
        if (r < p429 + p5xx + pDrop + pTruncate) {
            return TRUNCATIONS[random.nextInt(TRUNCATIONS.length)];
        }
        return null;
    }
}
