package dev.oktainputs.testkit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The org's resource sets (custom admin role scopes), served at {@code GET /api/v1/iam/resource-sets} the way Okta's
 * management API does (spec operation {@code listResourceSets}, scope {@code okta.roles.read}): the items wrapped in
 * {@code {"resource-sets": [...], "_links": {"next": {"href": ...}}}}, the next page in the body only, an
 * {@code after} cursor and no {@code limit} (pages are the server's size, {@value #PAGE} here). Each set is rendered
 * like the spec's {@code ResourceSetsResponse} example: {@code id}, {@code label}, {@code description},
 * {@code created}, {@code lastUpdated} and {@code _links} ({@code self}, {@code resources}, {@code bindings}).
 * Each set's resources ({@code GET .../{id}/resources}, operation {@code listResourceSetResources}: wrapped in
 * {@code resources}, {@code limit} default {@value #RESOURCES_LIMIT}, {@code after}) render like the spec's
 * {@code ResourceSetResourcesResponse} example ({@code id}, {@code orn}, {@code created}, {@code lastUpdated},
 * {@code _links.self} / {@code resource}); its bindings ({@code GET .../{id}/bindings}, operation
 * {@code listBindings}: wrapped in {@code roles}, {@code after} only, {@value #BINDINGS_PAGE} per page) like
 * {@code ResourceSetBindingsResponse} ({@code id} of the role, {@code _links.self} / {@code members}). Both answer
 * 404 for a set that does not exist. Mutations stamp {@code lastUpdated} with the org clock's current instant.
 */
public final class FakeResourceSets {

    /** The fake's page size (Okta's list takes no {@code limit}). */
    static final int PAGE = 20;
    /** Okta's default {@code limit} of a set's resources (the spec states no maximum; the fake caps at it). */
    static final int RESOURCES_LIMIT = 100;
    /** Bindings per page (Okta: "more than 100 bindings" spill onto {@code _links.next}). */
    static final int BINDINGS_PAGE = 100;

    private record ResourceSet(String id, String label, String description, Instant created, Instant lastUpdated) {
    }

    private record Resource(String id, String orn, String href, Instant created, Instant lastUpdated) {
    }

    private final TreeMap<String, TreeMap<String, Resource>> resources = new TreeMap<>();
    private final TreeMap<String, TreeMap<String, Boolean>> bindings = new TreeMap<>();

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
        resources.put(id, new TreeMap<>());
        bindings.put(id, new TreeMap<>());
        return id;
    }

    /**
     * @param setId the set
     * @param orn   the resource's Okta Resource Name, e.g. {@code orn:okta:directory:00o1:groups:00g1}
     * @param href  its REST URL path, e.g. {@code /api/v1/groups/00g1} (the org's base URL is prepended)
     * @return the new resource's id (Okta's {@code ire...})
     */
    public synchronized String addResource(String setId, String orn, String href) {
        set(setId);
        String id = Ids.unique("ire", 17);
        Instant now = now();
        resources.get(setId).put(id, new Resource(id, Objects.requireNonNull(orn, "orn"), href, now, now));
        return id;
    }

    /**
     * @param setId      the set
     * @param resourceId the resource to take out of it
     * @return whether it was in the set
     */
    public synchronized boolean removeResource(String setId, String resourceId) {
        return resources.get(set(setId).id()).remove(resourceId) != null;
    }

    /**
     * Binds a role to the set (Okta's binding: the role, granted over the set's resources to the binding's members).
     *
     * @param setId  the set
     * @param roleId the role, e.g. a custom role's {@code cr0...} id
     */
    public synchronized void bind(String setId, String roleId) {
        bindings.get(set(setId).id()).put(Objects.requireNonNull(roleId, "roleId"), true);
    }

    /**
     * @param setId  the set
     * @param roleId the role to unbind
     * @return whether it was bound
     */
    public synchronized boolean unbind(String setId, String roleId) {
        return bindings.get(set(setId).id()).remove(roleId) != null;
    }

    /**
     * @return every {@code resourceSetId/resourceId}
     */
    public synchronized Set<String> resourceKeys() {
        Set<String> keys = new TreeSet<>();
        resources.forEach((set, rs) -> rs.keySet().forEach(r -> keys.add(set + "/" + r)));
        return keys;
    }

    /**
     * @return every {@code resourceSetId/roleId}
     */
    public synchronized Set<String> bindingKeys() {
        Set<String> keys = new TreeSet<>();
        bindings.forEach((set, roles) -> roles.keySet().forEach(r -> keys.add(set + "/" + r)));
        return keys;
    }

    private ResourceSet set(String id) {
        ResourceSet s = byId.get(id);
        if (s == null) {
            throw new NoSuchElementException("no resource set " + id);
        }
        return s;
    }

    /**
     * Replaces a set's description (Okta's {@code PUT}), which moves its {@code lastUpdated}.
     *
     * @param id          the set
     * @param description its new description
     */
    public synchronized void describe(String id, String description) {
        ResourceSet s = set(id);
        byId.put(id, new ResourceSet(id, s.label(), description, s.created(), now()));
    }

    /**
     * @param id the set to delete
     * @return whether it existed
     */
    public synchronized boolean delete(String id) {
        resources.remove(id);
        bindings.remove(id);
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
        routes.add(Route.get("/api/v1/iam/resource-sets/{id}/resources", FakeResourceSets::resources));
        routes.add(Route.get("/api/v1/iam/resource-sets/{id}/bindings", FakeResourceSets::bindings));
    }

    private static FakeResponse resources(Route.Call call) {
        FakeResourceSets sets = call.server().org().resourceSets();
        String base = call.server().org().linkBaseUrl();
        String setId = call.pathParam("id");
        int limit = Paging.limit(call.request(), RESOURCES_LIMIT, RESOURCES_LIMIT);
        Slice slice;
        synchronized (sets) {
            TreeMap<String, Resource> of = sets.resources.get(setId);
            if (of == null) {
                throw OktaApiException.notFound(setId + " (ResourceSet)");
            }
            slice = Slice.of(of, Paging.afterId(call.request()), limit, r -> true, (id, r) -> ListedSettings.json(
                    ListedSettings.object(
                            "id", r.id(),
                            "orn", r.orn(),
                            "created", Ids.oktaTime(r.created()),
                            "lastUpdated", Ids.oktaTime(r.lastUpdated()),
                            "_links", ListedSettings.object(
                                    "self", ListedSettings.object("href", base + r.href()),
                                    "resource", ListedSettings.object("href",
                                            base + "/api/v1/iam/resource-sets/" + setId + "/resources/" + r.id())))));
        }
        return RolesRoutes.wrapped(call, "resources", slice);
    }

    private static FakeResponse bindings(Route.Call call) {
        FakeResourceSets sets = call.server().org().resourceSets();
        String base = call.server().org().linkBaseUrl();
        String setId = call.pathParam("id");
        Slice slice;
        synchronized (sets) {
            TreeMap<String, Boolean> of = sets.bindings.get(setId);
            if (of == null) {
                throw OktaApiException.notFound(setId + " (ResourceSet)");
            }
            slice = Slice.of(of, Paging.afterId(call.request()), BINDINGS_PAGE, b -> true, (roleId, b) -> ListedSettings.json(
                    ListedSettings.object(
                            "id", roleId,
                            "_links", ListedSettings.object(
                                    "self", ListedSettings.object("href", base + "/api/v1/iam/roles/" + roleId),
                                    "members", ListedSettings.object("href", base + "/api/v1/iam/resource-sets/" + setId
                                            + "/bindings/" + roleId + "/members")))));
        }
        return RolesRoutes.wrapped(call, "roles", slice);
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
