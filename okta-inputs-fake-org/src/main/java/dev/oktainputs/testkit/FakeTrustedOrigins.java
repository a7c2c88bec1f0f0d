package dev.oktainputs.testkit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

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

    private record Origin(String id, String name, String origin, List<String> scopes, String status, Instant created,
                          Instant lastUpdated) {
    }

    private final ListedSettings<Origin> origins;

    FakeTrustedOrigins(Clock clock) {
        this.origins = new ListedSettings<>("trusted origin", clock);
    }

    /**
     * @param name       a unique name, e.g. {@code Intranet}
     * @param origin     the origin URL, e.g. {@code https://intranet.example.com}
     * @param scopeTypes {@code CORS}, {@code REDIRECT} and / or {@code IFRAME_EMBED}
     * @return the new origin's id
     */
    public String add(String name, String origin, String... scopeTypes) {
        String id = Ids.unique("tos", 20);
        Instant now = origins.now();
        origins.put(id, new Origin(id, Objects.requireNonNull(name, "name"), Objects.requireNonNull(origin, "origin"),
                List.of(scopeTypes), "ACTIVE", now, now));
        return id;
    }

    /**
     * Deactivates an origin (it stays listed, with {@code status INACTIVE}).
     *
     * @param id the origin
     */
    public void deactivate(String id) {
        synchronized (origins) {
            Origin o = origins.get(id);
            origins.put(id, new Origin(id, o.name(), o.origin(), o.scopes(), "INACTIVE", o.created(), origins.now()));
        }
    }

    /**
     * @param id the origin to delete
     * @return whether it existed
     */
    public boolean delete(String id) {
        return origins.remove(id);
    }

    /**
     * @return the ids of every origin, sorted
     */
    public List<String> ids() {
        return origins.ids();
    }

    static void register(Routes routes) {
        routes.add(Route.get("/api/v1/trustedOrigins", call -> call.server().org().trustedOrigins().origins.page(call,
                DEFAULT_LIMIT, MAX_LIMIT, o -> json(o, call.server().org().linkBaseUrl()))));
    }

    private static String json(Origin o, String base) {
        String self = base + "/api/v1/trustedOrigins/" + o.id();
        String lifecycle = "ACTIVE".equals(o.status()) ? "deactivate" : "activate";
        return ListedSettings.json(ListedSettings.object(
                "id", o.id(),
                "name", o.name(),
                "origin", o.origin(),
                "scopes", o.scopes().stream().map(t -> ListedSettings.object("type", t)).toList(),
                "status", o.status(),
                "created", Ids.oktaTime(o.created()),
                "createdBy", "00ut5t92p6IEOi4bu0g3",
                "lastUpdated", Ids.oktaTime(o.lastUpdated()),
                "lastUpdatedBy", "00ut5t92p6IEOi4bu0g3",
                "_links", ListedSettings.object(
                        "self", ListedSettings.link(self, "GET", "PUT", "DELETE"),
                        lifecycle, ListedSettings.link(self + "/lifecycle/" + lifecycle, "POST"))));
    }
}
