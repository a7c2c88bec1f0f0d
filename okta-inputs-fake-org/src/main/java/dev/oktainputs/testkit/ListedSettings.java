package dev.oktainputs.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The objects of one of the org's settings lists (trusted origins, network zones, identity providers, authorization
 * servers), kept by id, and one page of the list endpoint that serves them: a plain JSON array, Okta's {@code limit}
 * and opaque {@code after} cursor, the next page in a {@code link} header. Thread-safe.
 *
 * @param <V> the stored object
 */
final class ListedSettings<V> {

    /** A {@code defaultLimit} meaning what Okta's {@code limit=-1} means: everything in one response. */
    static final int ALL = 0;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String kind;
    private final Clock clock;
    private final TreeMap<String, V> byId = new TreeMap<>();

    /**
     * @param kind  what the objects are, for error messages, e.g. {@code network zone}
     * @param clock the org's clock, which stamps changes
     */
    ListedSettings(String kind, Clock clock) {
        this.kind = kind;
        this.clock = clock;
    }

    /** @return the org clock's current instant, at Okta's millisecond precision */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    synchronized void put(String id, V value) {
        byId.put(id, value);
    }

    synchronized V get(String id) {
        V v = byId.get(id);
        if (v == null) {
            throw new NoSuchElementException("no " + kind + " " + id);
        }
        return v;
    }

    synchronized boolean remove(String id) {
        return byId.remove(id) != null;
    }

    synchronized List<String> ids() {
        return new ArrayList<>(byId.keySet());
    }

    /**
     * @param call         the list request
     * @param defaultLimit the page size without {@code limit}, or {@link #ALL} (then {@code limit=-1} means all too)
     * @param maxLimit     the largest page Okta serves
     * @param render       the object's JSON
     * @return one page
     */
    FakeResponse page(Route.Call call, int defaultLimit, int maxLimit, Function<V, String> render) {
        boolean all = defaultLimit == ALL
                && (call.request().queryParameter("limit") == null || "-1".equals(call.request().queryParameter("limit")));
        int limit = all ? Integer.MAX_VALUE : Paging.limit(call.request(), defaultLimit, maxLimit);
        Slice slice;
        synchronized (this) {
            slice = Slice.of(byId, Paging.afterId(call.request()), limit, v -> true, (id, v) -> render.apply(v));
        }
        return Paging.page(call, slice.items(), slice.nextAfterId());
    }

    /**
     * @param keysAndValues key, value, key, value, ... (values may be null)
     * @return a JSON object that keeps its keys in the order given, and in the order later ones are put
     */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /**
     * @param href    the link's target
     * @param methods the methods its {@code hints.allow} lists
     * @return a HAL link as Okta writes it: {@code {"href": ..., "hints": {"allow": [...]}}}
     */
    static Map<String, Object> link(String href, String... methods) {
        return object("href", href, "hints", object("allow", List.of(methods)));
    }

    /** @return the value as compact JSON */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
