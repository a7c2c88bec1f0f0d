package dev.oktainputs.core;

import dev.oktainputs.core.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Virtual time for core's own tests: sleeping advances the clock at once and is recorded. */
public final class TestTime extends Clock implements Sleeper {

    private volatile Instant now;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    public TestTime(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized void sleep(Duration d) {
        sleeps.add(d);
        now = now.plus(d);
    }

    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    public List<Duration> sleeps() {
        return sleeps;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
