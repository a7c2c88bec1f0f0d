package dev.oktainputs.testkit;

/**
 * {@code GET /api/v1/apps} (paged, limit 20 by default, at most 200), {@code /api/v1/apps/{id}},
 * {@code /api/v1/apps/{id}/users} (direct assignments, scope USER; limit 50 by default, at most 500) and
 * {@code /api/v1/apps/{id}/groups} (limit 20 by default, at most 200). All of them count against one rate-limit
 * bucket, {@code /api/v1/apps}, as Okta's app endpoints historically do.
 */
final class AppsRoutes {

    static final String BUCKET = "/api/v1/apps";

    private AppsRoutes() {
    }

    static void register(Routes routes) {
        routes.add(new Route("GET", "/api/v1/apps", BUCKET, true, AppsRoutes::list));
        routes.add(new Route("GET", "/api/v1/apps/{id}", BUCKET, true, AppsRoutes::get));
        routes.add(new Route("GET", "/api/v1/apps/{id}/users", BUCKET, true, AppsRoutes::users));
        routes.add(new Route("GET", "/api/v1/apps/{id}/groups", BUCKET, true, AppsRoutes::groups));
    }

    static FakeResponse list(Route.Call call) {
        int limit = Paging.limit(call.request(), 20, 200);
        FakeDirectory dir = call.server().org().directory();
        Slice slice;
        synchronized (dir) {
            slice = Slice.of(dir.apps.byId, Paging.afterId(call.request()), limit, a -> true, (id, a) -> a.json());
        }
        return Paging.page(call, slice.items(), slice.nextAfterId());
    }

    static FakeResponse get(Route.Call call) {
        FakeDirectory dir = call.server().org().directory();
        synchronized (dir) {
            return FakeResponse.json(200, app(dir, call.pathParam("id")).json());
        }
    }

    static FakeResponse users(Route.Call call) {
        int limit = Paging.limit(call.request(), 50, 500);
        FakeDirectory dir = call.server().org().directory();
        FakeOrg org = call.server().org();
        Slice slice;
        synchronized (dir) {
            String appId = app(dir, call.pathParam("id")).id();
            slice = Slice.of(dir.apps.users.get(appId), Paging.afterId(call.request()), limit, a -> true,
                    (uid, a) -> org.user(uid).map(u -> DirectoryJson.appUser(appId, u, a, dir.linkBase())).orElse(null));
        }
        return Paging.page(call, slice.items(), slice.nextAfterId());
    }

    static FakeResponse groups(Route.Call call) {
        int limit = Paging.limit(call.request(), 20, 200);
        FakeDirectory dir = call.server().org().directory();
        Slice slice;
        synchronized (dir) {
            String appId = app(dir, call.pathParam("id")).id();
            slice = Slice.of(dir.apps.groups.get(appId), Paging.afterId(call.request()), limit, a -> true,
                    (gid, a) -> DirectoryJson.appGroup(appId, gid, a, dir.linkBase()));
        }
        return Paging.page(call, slice.items(), slice.nextAfterId());
    }

    private static FakeApp app(FakeDirectory dir, String id) {
        FakeApp app = dir.apps.byId.get(id);
        if (app == null) {
            throw OktaApiException.notFound(id + " (AppInstance)");
        }
        return app;
    }
}
