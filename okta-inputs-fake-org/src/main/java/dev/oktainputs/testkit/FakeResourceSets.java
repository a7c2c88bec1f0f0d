package dev.oktainputs.testkit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The org's resource sets (custom admin role scopes), served at {@code GET /api/v1/iam/resource-sets} the way Okta's
 * management API does (spec operation {@code listResourceSets}, scope {@code okta.roles.read}): the items wrapped in
 * {@code {"resource-sets": [...], "_links": {"next": {"href": ...}}}}, the next page in the body only, an
 * {@code after} cursor and no {@code limit} (pages are the server's size, {@value #PAGE} here). Each set is rendered
 * like the spec's {@code ResourceSetsResponse} example: {@code id}, {@code label}, {@code description},
 * {@code created}, {@code lastUpdated} and {@code _links} ({@code self}, {@code resources}, {@code bindings}).
 * Mutations stamp {@code lastUpdated} with the org clock's current instant.
 */
public final class FakeResourceSets {

    /** The fake's page size (Okta's list takes no {@code limit}). */
    static final int PAGE = 20;

    private record ResourceSet(String id, String label, String description, Instant created, Instant lastUpdated) {
    }

    private final Clock clock;
    private final TreeMap<String, ResourceSet> byId = new TreeMap<>();

    FakeResourceSets(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param label       a unique label, e.g. {@code SF-IT-1}
     * @param description what the set holds
     * @return the new set's id
     */
    public synchronized String add(String label, String description) {
        String id = Ids.unique("iamo", 17);
        Instant now = now();
        byId.put(id, new ResourceSet(id, Objects.requireNonNull(label, "label"), description, now, now));
        return id;
    }

    /**
     * Replaces a set's description (Okta's {@code PUT}), which moves its {@code lastUpdated}.
     *
     * @param id          the set
     * @param description its new description
     */
    public synchronized void describe(String id, String description) {
        ResourceSet s = byId.get(id);
        if (s == null) {
            throw new NoSuchElementException("no resource set " + id);
        }
        byId.put(id, new ResourceSet(id, s.label(), description, s.created(), now()));
    }

    /**
     * @param id the set to delete
     * @return whether it existed
     */
    public synchronized boolean delete(String id) {
        return byId.remove(id) != null;
    }

    /**
     * @return the ids of every set, sorted
     */
    public synchronized List<String> ids() {
        return new ArrayList<>(byId.keySet());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static void register(Routes routes) {
        routes.add(Route.get("/api/v1/iam/resource-sets", FakeResourceSets::list));
    }

    private static FakeResponse list(Route.Call call) {
        FakeResourceSets sets = call.server().org().resourceSets();
        String base = call.server().org().linkBaseUrl();
        Slice slice;
        synchronized (sets) {
            slice = Slice.of(sets.byId, Paging.afterId(call.request()), PAGE, s -> true, (id, s) -> json(s, base));
        }
        return RolesRoutes.wrapped(call, "resource-sets", slice);
    }

    private static String json(ResourceSet s, String base) {
        String self = base + "/api/v1/iam/resource-sets/" + s.id();
        return ListedSettings.json(ListedSettings.object(
                "id", s.id(),
                "label", s.label(),
                "description", s.description(),
                "created", Ids.oktaTime(s.created()),
                "lastUpdated", Ids.oktaTime(s.lastUpdated()),
                "_links", ListedSettings.object(
                        "self", ListedSettings.object("href", self),
                        "resources", ListedSettings.object("href", self + "/resources"),
                        "bindings", ListedSettings.object("href", self + "/bindings"))));
    }
}
