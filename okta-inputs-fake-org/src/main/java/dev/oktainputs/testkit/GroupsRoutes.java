package dev.oktainputs.testkit;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * {@code GET /api/v1/groups} (paged, {@code filter} on {@code lastUpdated}, {@code lastMembershipUpdated},
 * {@code type}, {@code id}), {@code /api/v1/groups/{id}}, {@code /api/v1/groups/{id}/users} (paged members, full
 * user objects) and {@code /api/v1/groups/{id}/roles} (not paged). The list is its own rate-limit bucket; a
 * group's sub-resources share {@code /api/v1/groups/{id}}, as the client's governor assumes.
 */
final class GroupsRoutes {

    static final String BUCKET = "/api/v1/groups";
    static final String ITEM_BUCKET = "/api/v1/groups/{id}";
    static final int DEFAULT_LIMIT = 10_000;
    static final int MEMBERS_DEFAULT_LIMIT = 1000;
    static final int MEMBERS_MAX_LIMIT = 1000;

    private static final Map<String, FieldFilter.Attribute<FakeGroup>> FILTERS = Map.of(
            "id", FieldFilter.Attribute.text(FakeGroup::id),
            "type", FieldFilter.Attribute.text(g -> g.type().name()),
            "lastUpdated", FieldFilter.Attribute.time(FakeGroup::lastUpdatedMillis),
            "lastMembershipUpdated", FieldFilter.Attribute.time(FakeGroup::lastMembershipUpdatedMillis));

    private GroupsRoutes() {
    }

    static void register(Routes routes) {
        routes.add(new Route("GET", "/api/v1/groups", BUCKET, true, GroupsRoutes::list));
        routes.add(new Route("GET", "/api/v1/groups/{id}", ITEM_BUCKET, true, GroupsRoutes::get));
        routes.add(new Route("GET", "/api/v1/groups/{id}/users", ITEM_BUCKET, true, GroupsRoutes::members));
        routes.add(new Route("GET", "/api/v1/groups/{id}/roles", ITEM_BUCKET, true, GroupsRoutes::roles));
    }

    static FakeResponse list(Route.Call call) {
        RecordedOktaRequest request = call.request();
        int limit = Paging.limit(request, DEFAULT_LIMIT, DEFAULT_LIMIT);
        Predicate<FakeGroup> filter = g -> true;
        String expression = request.queryParameter("filter");
        if (expression != null) {
            try {
                filter = FieldFilter.parse(expression, FILTERS);
            } catch (IllegalArgumentException e) {
                throw OktaApiException.badSearch("Invalid filter: " + e.getMessage());
            }
        }
        FakeDirectory dir = call.server().org().directory();
        Slice slice;
        synchronized (dir) {
            slice = Slice.of(dir.groups.byId, Paging.afterId(request), limit, filter, (id, g) -> g.json());
        }
        return Paging.page(call, slice.items(), slice.nextAfterId());
    }

    static FakeResponse get(Route.Call call) {
        FakeDirectory dir = call.server().org().directory();
        synchronized (dir) {
            return FakeResponse.json(200, group(dir, call.pathParam("id")).json());
        }
    }

    static FakeResponse members(Route.Call call) {
        RecordedOktaRequest request = call.request();
        int limit = Paging.limit(request, MEMBERS_DEFAULT_LIMIT, MEMBERS_MAX_LIMIT);
        FakeDirectory dir = call.server().org().directory();
        FakeOrg org = call.server().org();
        Slice slice;
        synchronized (dir) {
            String id = group(dir, call.pathParam("id")).id();
            if (id.equals(dir.groups.everyoneId)) {
                slice = Slice.of(org.index(), Paging.afterId(request), limit, u -> true, (uid, u) -> u.json());
            } else {
                TreeMap<String, Long> members = dir.groups.members.get(id);
                slice = Slice.of(members, Paging.afterId(request), limit, t -> true,
                        (uid, t) -> org.user(uid).map(FakeUser::json).orElse(null));
            }
        }
        return Paging.page(call, slice.items(), slice.nextAfterId());
    }

    static FakeResponse roles(Route.Call call) {
        FakeDirectory dir = call.server().org().directory();
        StringBuilder body = new StringBuilder("[");
        synchronized (dir) {
            String id = group(dir, call.pathParam("id")).id();
            String assignee = dir.linkBase() + "/api/v1/groups/" + id;
            for (DirectoryRecords.Grant g : dir.roles().groupGrants.getOrDefault(id, java.util.List.of())) {
                body.append(body.length() > 1 ? "," : "").append(DirectoryJson.role(g, "GROUP", assignee));
            }
        }
        return FakeResponse.json(200, body.append(']').toString());
    }

    private static FakeGroup group(FakeDirectory dir, String id) {
        FakeGroup g = dir.groups.byId.get(id);
        if (g == null) {
            throw OktaApiException.notFound(id + " (UserGroup)");
        }
        return g;
    }
}
