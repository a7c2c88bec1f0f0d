package dev.oktainputs.testkit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The fake server's routing table. To add an endpoint family (groups, apps, logs, the OAuth token endpoint), write
 * a small class with its handlers and register its routes in {@link #defaults()}.
 */
final class Routes {

    /** The result of looking a request up: the route and its path variables, or why there is none. */
    record Lookup(Route route, Map<String, String> pathParams, boolean pathKnown) {
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /** @return the endpoints every fake org serves */
    static Routes defaults() {
        Routes routes = new Routes();
        UsersRoutes.register(routes);
        FakeAuthorizationServer.register(routes);
        LogsRoutes.register(routes);
        FakeGroupRules.register(routes); // before /api/v1/groups/{id}, which would take "rules" for a group id
        GroupsRoutes.register(routes);
        AppsRoutes.register(routes);
        RolesRoutes.register(routes);
        FakeTrustedOrigins.register(routes);
        FakeNetworkZones.register(routes);
        FakeAuthenticators.register(routes);
        FakeDevices.register(routes);
        FakePolicies.register(routes);
        FakeIdentityProviders.register(routes);
        FakeCustomAuthorizationServers.register(routes);
        FakeUserTypes.register(routes);
        FakeResourceSets.register(routes);
        FakeFactors.register(routes);
        return routes;
    }

    Routes add(Route route) {
        routes.add(route);
        return this;
    }

    /** Finds the route for a request; {@code pathKnown} tells a 405 (other methods exist) from a 404. */
    Lookup find(String method, String path) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> params = route.match(path);
            if (params == null) {
                continue;
            }
            if (route.method().equalsIgnoreCase(method)) {
                return new Lookup(route, params, true);
            }
            pathKnown = true;
        }
        return new Lookup(null, Map.of(), pathKnown);
    }
}
