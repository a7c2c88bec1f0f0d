package dev.oktainputs.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The org's trusted origins, served at {@code GET /api/v1/trustedOrigins} the way Okta's management API does: a
 * plain JSON array, {@code limit} up to 200 (default 20), the next page in a {@code Link} header (scope
 * {@code okta.trustedOrigins.read}). Each origin is rendered like the example in Okta's Trusted Origins reference:
 * {@code id}, {@code name}, {@code origin}, {@code scopes} ({@code [{"type":"CORS"}, ...]}), {@code status},
 * {@code created} / {@code createdBy}, {@code lastUpdated} / {@code lastUpdatedBy} and {@code _links}.
 * Mutations stamp {@code lastUpdated} with the org clock's current instant.
 */
public final class FakeTrustedOrigins {

    /** Okta's default page size. */
    static final int DEFAULT_LIMIT = 20;
    /** Okta's maximum page size. */
    static final int MAX_LIMIT = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Origin(String id, String name, String origin, List<String> scopes, String status, Instant created,
                          Instant lastUpdated) {
    }

    private final FakeOrg org;
    private final TreeMap<String, Origin> origins = new TreeMap<>();

    FakeTrustedOrigins(FakeOrg org) {
        this.org = org;
    }

    /**
     * @param name       a unique name, e.g. {@code Intranet}
     * @param origin     the origin URL, e.g. {@code https://intranet.example.com}
     * @param scopeTypes {@code CORS}, {@code REDIRECT} and / or {@code IFRAME_EMBED}
     * @return the new origin's id
     */
    public synchronized String add(String name, String origin, String... scopeTypes) {
        String id = Ids.unique("tos", 20);
        Instant now = now();
        origins.put(id, new Origin(id, Objects.requireNonNull(name, "name"), Objects.requireNonNull(origin, "origin"),
                List.of(scopeTypes), "ACTIVE", now, now));
        return id;
    }

    /**
     * Deactivates an origin (it stays listed, with {@code status INACTIVE}).
     *
     * @param id the origin
     */
    public synchronized void deactivate(String id) {
        Origin o = get(id);
        origins.put(id, new Origin(id, o.name(), o.origin(), o.scopes(), "INACTIVE", o.created(), now()));
    }

    /**
     * @param id the origin to delete
     * @return whether it existed
     */
    public synchronized boolean delete(String id) {
        return origins.remove(id) != null;
    }

    /**
     * @return the ids of every origin, sorted
     */
    public synchronized List<String> ids() {
        return new ArrayList<>(origins.keySet());
    }

    private Origin get(String id) {
        Origin o = origins.get(id);
        if (o == null) {
            throw new NoSuchElementException("no trusted origin " + id);
        }
        return o;
    }

    private Instant now() {
        return org.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static void register(Routes routes) {
        routes.add(Route.get("/api/v1/trustedOrigins", FakeTrustedOrigins::list));
    }

    private static FakeResponse list(Route.Call call) {
        FakeTrustedOrigins all = call.server().org().trustedOrigins();
        int limit = Paging.limit(call.request(), DEFAULT_LIMIT, MAX_LIMIT);
        String base = call.server().org().linkBaseUrl();
        Slice slice;
        synchronized (all) {
            slice = Slice.of(all.origins, Paging.afterId(call.request()), limit, o -> true, (id, o) -> json(o, base));
        }
        return Paging.page(call, slice.items(), slice.nextAfterId());
    }

    private static Map<String, Object> ordered(String k1, Object v1) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        return m;
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = ordered(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private static String json(Origin o, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("name", o.name());
        m.put("origin", o.origin());
        m.put("scopes", o.scopes().stream().map(t -> ordered("type", t)).toList());
        m.put("status", o.status());
        m.put("created", Ids.oktaTime(o.created()));
        m.put("createdBy", "00ut5t92p6IEOi4bu0g3");
        m.put("lastUpdated", Ids.oktaTime(o.lastUpdated()));
        m.put("lastUpdatedBy", "00ut5t92p6IEOi4bu0g3");
        String self = base + "/api/v1/trustedOrigins/" + o.id();
        String lifecycle = "ACTIVE".equals(o.status()) ? "deactivate" : "activate";
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", ordered("href", self, "hints", ordered("allow", List.of("GET", "PUT", "DELETE"))));
        links.put(lifecycle, ordered("href", self + "/lifecycle/" + lifecycle, "hints", ordered("allow", List.of("POST"))));
        m.put("_links", links);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
