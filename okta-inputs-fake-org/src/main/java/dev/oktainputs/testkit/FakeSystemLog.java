package dev.oktainputs.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * The fake org's System Log, served at {@code GET /api/v1/logs} with Okta's polling semantics.
 *
 * <p>Every event has a {@code published} time and a <em>persistence</em> time; Okta's polling requests (no
 * {@code until}, ascending) return events in persistence order, which is not {@code published} order: events are
 * persisted a moment (0-2 s) after they happen, and with {@link #lateDelivery(double, Duration)} some much later, so
 * they become visible after newer events were already served. An event is visible once the clock passes its
 * persistence time.
 *
 * <p>Nothing but an index is stored: per event its persistence key, {@code published} and an ordinal (20 bytes); the
 * JSON is rendered from the seed when served. A million events take about 20 MB. Thread-safe.
 */
public final class FakeSystemLog {

    /**
     * Forced fields of an event appended with {@link #append(String, String, String)} or {@link #appendForUser}; null =
     * drawn as usual. {@code user}: the org user who is both actor and target (a self-service change).
     */
    record Spec(String eventType, String outcome, String ipAddress, LogEventGenerator.Person user) {
    }

    private static final long JITTER_MILLIS = 2_000;

    private final Clock clock;
    private final LogEventGenerator generator;
    private final LogEventJson json = new LogEventJson();
    private final SplittableRandom random;
    private final LogIndex index = new LogIndex();
    private int nextOrdinal;
    private final Map<Integer, Spec> specs = new HashMap<>();
    private double lateFraction;
    private long lateMaxMillis;

    FakeSystemLog(long seed, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.generator = new LogEventGenerator(seed);
        this.random = new SplittableRandom(Ids.mix(seed ^ 0x5157E3L));
    }

    /**
     * History: {@code n} events published over the {@code span} before now (evenly, in random order of type), each
     * persisted 0-2 s after it happened (never after now, unless {@link #lateDelivery} says so).
     *
     * @param n    how many
     * @param span how far back the first one lies
     */
    public synchronized void generate(int n, Duration span) {
        long now = clock.millis();
        long spanMillis = Math.max(1, span.toMillis());
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = now - spanMillis + (spanMillis * i) / Math.max(1, n) + random.nextLong(Math.max(1, spanMillis / Math.max(1, n)));
        }
        insert(times, times, null, true, false);
    }

    /**
     * {@code n} events happening now (persisted now, or later under {@link #lateDelivery}).
     *
     * @param n how many
     * @return their uuids
     */
    public synchronized List<String> append(int n) {
        long[] times = new long[n];
        Arrays.fill(times, clock.millis());
        return insert(times, times, null, true, true);
    }

    /**
     * One event happening now with the given fields, e.g. {@code append("user.session.start", "FAILURE", "203.0.113.9")}.
     *
     * @param eventType its {@code eventType}
     * @param outcome   its {@code outcome.result}, or null to draw one
     * @param ipAddress its {@code client.ipAddress}, or null to draw one
     * @return its uuid
     */
    public synchronized String append(String eventType, String outcome, String ipAddress) {
        long[] now = {clock.millis()};
        return insert(now, now, new Spec(Objects.requireNonNull(eventType, "eventType"), outcome, ipAddress, null), false, true).get(0);
    }

    /**
     * One successful event happening now that names an org user as its actor and its one {@code User} target, as Okta
     * logs a user's own factor enrollment ({@code user.mfa.factor.activate}) or reset.
     *
     * @param eventType   its {@code eventType}
     * @param userId      the user's id ({@code actor.id} and {@code target[0].id})
     * @param login       the user's login ({@code alternateId})
     * @param displayName the user's display name
     * @return its uuid
     */
    public synchronized String appendForUser(String eventType, String userId, String login, String displayName) {
        long[] now = {clock.millis()};
        Spec spec = new Spec(Objects.requireNonNull(eventType, "eventType"), "SUCCESS", null,
                new LogEventGenerator.Person(Objects.requireNonNull(userId, "userId"), login, displayName));
        return insert(now, now, spec, false, true).get(0);
    }

    /**
     * Events that become visible late: published {@code age} ago but persisted only now, after newer events were served.
     * A polling cursor still delivers them (they come after it in persistence order).
     *
     * @param n   how many
     * @param age how long ago they happened
     * @return their uuids
     */
    public synchronized List<String> appendLate(int n, Duration age) {
        long now = clock.millis();
        long[] pub = new long[n];
        long[] persisted = new long[n];
        Arrays.fill(pub, now - age.toMillis());
        Arrays.fill(persisted, now);
        return insert(pub, persisted, null, false, true);
    }

    /**
     * Events persisted {@code age} ago, i.e. <em>behind</em> any cursor that passed since, but hidden until
     * {@code hiddenFor} from now: a visibility delay Okta's polling semantics are designed to prevent. A polling
     * cursor never delivers them; only a re-read of that time window does (what an input's overlap option is for).
     *
     * @param n         how many
     * @param age       how long ago they happened and were persisted
     * @param hiddenFor how long they stay invisible from now
     * @return their uuids
     */
    public synchronized List<String> appendHidden(int n, Duration age, Duration hiddenFor) {
        long now = clock.millis();
        long[] t = new long[n];
        Arrays.fill(t, now - age.toMillis());
        int firstSeq = index.nextSeq();
        List<String> uuids = insert(t, t, null, false, true);
        for (int s = firstSeq; s < index.nextSeq(); s++) {
            index.hide(s, now + hiddenFor.toMillis());
        }
        return uuids;
    }

    /**
     * The knob for late visibility: from now on, a {@code fraction} of generated and appended events is persisted up to
     * {@code maxDelay} after it happened (so, possibly after now: it shows up on a later poll, after newer events).
     *
     * @param fraction 0 (off, the default) to 1
     * @param maxDelay the largest delay
     */
    public synchronized void lateDelivery(double fraction, Duration maxDelay) {
        if (fraction < 0 || fraction > 1 || maxDelay.isNegative()) {
            throw new IllegalArgumentException("lateDelivery needs a fraction in [0, 1] and a delay >= 0");
        }
        this.lateFraction = fraction;
        this.lateMaxMillis = maxDelay.toMillis();
    }

    /**
     * Okta delivers an event a second time: the same uuid and JSON persisted again now.
     *
     * @param uuid an event's uuid
     */
    public synchronized void redeliver(String uuid) {
        int i = indexOf(uuid);
        index.add(index.keyFor(clock.millis()), index.publishedAt(i), index.ordinalAt(i));
    }

    /** @return how many events (and re-deliveries) the log holds, visible or not */
    public synchronized int size() {
        return index.size();
    }

    /** @return the uuids of the events visible now, in persistence order (re-deliveries repeat) */
    public synchronized List<String> uuids() {
        List<Integer> ordinals = index.visibleOrdinals(clock.millis());
        List<String> out = new ArrayList<>(ordinals.size());
        for (int ordinal : ordinals) {
            out.add(generator.uuid(ordinal));
        }
        return out;
    }

    /**
     * @param uuid an event's uuid
     * @return the event's JSON exactly as the server sends it
     */
    public synchronized String json(String uuid) {
        return render(index.rowAt(indexOf(uuid)));
    }

    /**
     * @param uuid an event's uuid
     * @return when it was published
     */
    public synchronized Instant published(String uuid) {
        return Instant.ofEpochMilli(index.publishedAt(indexOf(uuid)));
    }

    LogEventGenerator.Facts facts(LogIndex.Row row) {
        Spec spec;
        synchronized (this) {
            spec = specs.get(row.ordinal());
        }
        return generator.facts(row.ordinal(), row.published(), spec);
    }

    String render(LogIndex.Row row) {
        return json.render(facts(row));
    }

    String renderArray(List<LogIndex.Row> rows) {
        List<LogEventGenerator.Facts> facts = new ArrayList<>(rows.size());
        for (LogIndex.Row row : rows) {
            facts.add(facts(row));
        }
        return json.renderArray(facts);
    }

    /** @see LogIndex#poll */
    synchronized LogIndex.Slice poll(long afterKey, int limit, long now, long oldestPublished, Predicate<LogIndex.Row> accept) {
        return index.poll(afterKey, limit, now, oldestPublished, accept);
    }

    /** @see LogIndex#window */
    synchronized List<LogIndex.Row> window(long from, long until, long now, Predicate<LogIndex.Row> accept) {
        return index.window(from, until, now, accept);
    }

    private int indexOf(String uuid) {
        long high;
        try {
            high = java.util.UUID.fromString(uuid).getMostSignificantBits();
        } catch (IllegalArgumentException e) {
            throw new java.util.NoSuchElementException("no event " + uuid + " in the System Log");
        }
        int i = index.find(ordinal -> generator.uuidHigh(ordinal) == high && generator.uuid(ordinal).equals(uuid));
        if (i < 0) {
            throw new java.util.NoSuchElementException("no event " + uuid + " in the System Log");
        }
        return i;
    }

    /**
     * Adds events. {@code late}: {@link #lateDelivery} may push their persistence into the future; otherwise history
     * ({@code persisted} before now, same array as {@code pub}) is persisted 0-2 s after publishing, never after now.
     */
    private List<String> insert(long[] pub, long[] persisted, Spec spec, boolean late, boolean wantUuids) {
        int n = pub.length;
        long now = clock.millis();
        long[] newKeys = new long[n];
        int firstSeq = index.nextSeq();
        int firstOrdinal = nextOrdinal;
        for (int i = 0; i < n; i++) {
            long p = persisted[i];
            if (late && lateFraction > 0 && random.nextDouble() < lateFraction) {
                p = pub[i] + random.nextLong(Math.max(1, lateMaxMillis));
            } else if (pub == persisted && persisted[i] < now && late) {
                p = Math.min(now, pub[i] + random.nextLong(JITTER_MILLIS));
            }
            newKeys[i] = index.keyFor(p);
        }
        nextOrdinal += n;
        if (spec != null) {
            for (int o = firstOrdinal; o < nextOrdinal; o++) {
                specs.put(o, spec);
            }
        }
        Arrays.sort(newKeys);
        List<String> uuids = new ArrayList<>(wantUuids ? n : 0);
        if (wantUuids) {
            for (int i = 0; i < n; i++) {
                uuids.add(generator.uuid(firstOrdinal + i));
            }
        }
        index.merge(newKeys, firstSeq, pub, firstOrdinal);
        return uuids;
    }

    @Override
    public synchronized String toString() {
        return "FakeSystemLog{" + index.size() + " events}";
    }
}
