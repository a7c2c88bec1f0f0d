package dev.oktainputs.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import okhttp3.HttpUrl;

/**
 * The admin endpoints, each with its own paging quirk: {@code GET /api/v1/iam/assignees/users} and
 * {@code /api/v1/iam/roles} wrap their items ({@code value} / {@code roles}) and put the next link in the body
 * ({@code _links.next.href}), with no {@code Link} header; {@code /api/v1/users/{id}/roles} and
 * {@code /api/v1/api-tokens} return one plain array, not paged.
 */
final class RolesRoutes {

    static final int ASSIGNEES_LIMIT = 100;
    static final int ROLES_PAGE = 20;

    private RolesRoutes() {
    }

    static void register(Routes routes) {
        routes.add(Route.get("/api/v1/iam/assignees/users", RolesRoutes::assignees));
        routes.add(Route.get("/api/v1/iam/roles", RolesRoutes::customRoles));
        routes.add(new Route("GET", "/api/v1/users/{id}/roles", "/api/v1/users/{id}", true, RolesRoutes::userRoles));
        routes.add(Route.get("/api/v1/api-tokens", RolesRoutes::apiTokens));
    }

    static FakeResponse assignees(Route.Call call) {
        int limit = Paging.limit(call.request(), ASSIGNEES_LIMIT, ASSIGNEES_LIMIT);
        FakeDirectory dir = call.server().org().directory();
        Slice slice;
        synchronized (dir) {
            TreeMap<String, Boolean> users = new TreeMap<>();
            dir.roles().assignees().forEach(u -> users.put(u, true));
            slice = Slice.of(users, Paging.afterId(call.request()), limit, b -> true,
                    (uid, b) -> DirectoryJson.assignee(uid, dir.orgId, dir.linkBase()));
        }
        return wrapped(call, "value", slice);
    }

    static FakeResponse customRoles(Route.Call call) {
        FakeDirectory dir = call.server().org().directory();
        Slice slice;
        synchronized (dir) {
            // Okta's list takes only a cursor, no limit: pages are the server's size.
            slice = Slice.of(dir.roles().customRoles, Paging.afterId(call.request()), ROLES_PAGE, r -> true,
                    (id, r) -> DirectoryJson.customRole(r, dir.linkBase()));
        }
        return wrapped(call, "roles", slice);
    }

    static FakeResponse userRoles(Route.Call call) {
        FakeDirectory dir = call.server().org().directory();
        String userId = call.pathParam("id");
        if (call.server().org().user(userId).isEmpty()) {
            throw OktaApiException.notFound(userId + " (User)");
        }
        List<String> items = new ArrayList<>();
        synchronized (dir) {
            for (FakeAdminRoles.Held held : dir.roles().grantsOf(userId)) {
                items.add(DirectoryJson.role(held.grant(), held.assignmentType(), dir.linkBase() + "/api/v1/users/" + userId));
            }
        }
        return FakeResponse.json(200, "[" + String.join(",", items) + "]");
    }

    static FakeResponse apiTokens(Route.Call call) {
        FakeDirectory dir = call.server().org().directory();
        List<String> items = new ArrayList<>();
        synchronized (dir) {
            dir.roles().tokens.values().forEach(t -> items.add(DirectoryJson.apiToken(t, dir.linkBase())));
        }
        return FakeResponse.json(200, "[" + String.join(",", items) + "]");
    }

    /** {@code {"<field>":[...],"_links":{"self":…,"next":…}}}: the next link travels in the body only. */
    static FakeResponse wrapped(Route.Call call, String field, Slice slice) {
        String self = call.server().linkBase(call.request().path()) + call.request().target();
        StringBuilder body = new StringBuilder("{\"").append(field).append("\":[").append(String.join(",", slice.items()))
                .append("],\"_links\":{\"self\":{\"href\":\"").append(self).append('"').append('}');
        if (slice.nextAfterId() != null) {
            String next = HttpUrl.get(self).newBuilder().setQueryParameter("after", Paging.cursor(slice.nextAfterId())).build().toString();
            body.append(",\"next\":{\"href\":\"").append(next).append("\"}");
        }
        return FakeResponse.json(200, body.append("}}").toString());
    }
}
