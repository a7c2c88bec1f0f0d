package dev.oktainputs.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.function.Predicate;

/**
 * {@code GET /api/v1/users} (paged, {@code filter}, {@code search}, {@code q}) and {@code GET /api/v1/users/{id}}.
 * Like Okta, a plain list or {@code q} omits DEPROVISIONED users; {@code filter} and {@code search} include them.
 */
final class UsersRoutes {

    static final String BUCKET = "/api/v1/users";
    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 200;

    private UsersRoutes() {
    }

    static void register(Routes routes) {
        routes.add(new Route("GET", "/api/v1/users", BUCKET, true, UsersRoutes::list));
        routes.add(new Route("GET", "/api/v1/users/{id}", BUCKET, true, UsersRoutes::get));
    }

    static FakeResponse list(Route.Call call) {
        RecordedOktaRequest request = call.request();
        int limit = Paging.limit(request, DEFAULT_LIMIT, MAX_LIMIT);
        String afterId = Paging.afterId(request);
        Predicate<FakeUser> predicate = predicate(request);
        NavigableMap<String, FakeUser> index = call.server().org().index();
        Iterable<FakeUser> candidates = afterId == null ? index.values() : index.tailMap(afterId, false).values();
        List<byte[]> page = new ArrayList<>(Math.min(limit, 256));
        String lastId = null;
        boolean more = false;
        for (FakeUser user : candidates) {
            if (!predicate.test(user)) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(user.jsonUtf8());
            lastId = user.id();
        }
        return Paging.pageUtf8(call, page, more ? lastId : null);
    }

    static FakeResponse get(Route.Call call) {
        String id = call.pathParam("id");
        FakeUser user = call.server().org().user(id).orElse(null);
        if (user == null) {
            throw OktaApiException.notFound(id + " (User)");
        }
        return FakeResponse.json(200, user.json());
    }

    private static Predicate<FakeUser> predicate(RecordedOktaRequest request) {
        String filter = request.queryParameter("filter");
        String search = request.queryParameter("search");
        String q = request.queryParameter("q");
        Predicate<FakeUser> p = u -> true;
        if (filter != null) {
            p = p.and(parse(filter, false));
        }
        if (search != null) {
            p = p.and(parse(search, true));
        }
        if (q != null) {
            String prefix = q.toLowerCase(Locale.ROOT);
            p = p.and(u -> startsWith(u.firstName(), prefix) || startsWith(u.lastName(), prefix)
                    || startsWith(u.email(), prefix) || startsWith(u.login(), prefix));
        }
        if (filter == null && search == null) {
            p = p.and(u -> !"DEPROVISIONED".equals(u.status()));
        }
        return p;
    }

    private static Predicate<FakeUser> parse(String expression, boolean search) {
        try {
            return UserFilter.parse(expression, search);
        } catch (IllegalArgumentException e) {
            throw OktaApiException.badSearch((search ? "Invalid search: " : "Invalid filter: ") + e.getMessage());
        }
    }

    private static boolean startsWith(String value, String lowerPrefix) {
        return value != null && value.toLowerCase(Locale.ROOT).startsWith(lowerPrefix);
    }
}
