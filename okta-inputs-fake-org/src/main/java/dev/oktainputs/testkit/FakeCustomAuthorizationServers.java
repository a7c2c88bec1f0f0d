package dev.oktainputs.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The org's custom authorization servers (API Access Management), served at {@code GET /api/v1/authorizationServers}
 * the way Okta's management API does (scope {@code okta.authorizationServers.read}): a plain JSON array,
 * {@code limit} up to 200 (also the default), the next page in a {@code link} header. Servers render like the
 * {@code ListAuthServersResponse} example of Okta's management OpenAPI spec: {@code id} ({@code aus…}), {@code name},
 * {@code description}, {@code audiences}, {@code issuer}, {@code issuerMode}, {@code status}, {@code created},
 * {@code lastUpdated}, {@code credentials.signing} (key rotation) and {@code _links}. Changes stamp
 * {@code lastUpdated} with the org clock. Not to be confused with the org authorization server that issues the fake's
 * own access tokens ({@code /oauth2/v1/token}).
 */
public final class FakeCustomAuthorizationServers {

    private volatile int missingStatus;

    /** Okta's default and maximum page size. */
    static final int MAX_LIMIT = 200;

    private record Server(String id, String name, String description, List<String> audiences, String status,
                          Instant created, Instant lastUpdated, Instant lastRotated, String kid) {

        Server with(String newStatus, List<String> newAudiences, Instant now) {
            return new Server(id, name, description, newAudiences, newStatus, created, now, lastRotated, kid);
        }
    }

    private final ListedSettings<Server> servers;

    FakeCustomAuthorizationServers(Clock clock) {
        this.servers = new ListedSettings<>("authorization server", clock);
    }

    /**
     * @param name        a unique name, e.g. {@code Orders API}
     * @param description what it protects
     * @param audiences   the audiences of its tokens, e.g. {@code api://orders}
     * @return the new server's id
     */
    public String add(String name, String description, String... audiences) {
        String id = Ids.unique("aus", 17);
        Instant now = servers.now();
        servers.put(id, new Server(id, Objects.requireNonNull(name, "name"), description, List.of(audiences), "ACTIVE",
                now, now, now, Ids.unique("", 43)));
        return id;
    }

    /**
     * Replaces a server's audiences.
     *
     * @param id        the server
     * @param audiences the new audiences
     */
    public void setAudiences(String id, String... audiences) {
        synchronized (servers) {
            Server s = servers.get(id);
            servers.put(id, s.with(s.status(), List.of(audiences), servers.now()));
        }
    }

    /**
     * Deactivates a server (it stays listed, with {@code status INACTIVE}).
     *
     * @param id the server
     */
    public void deactivate(String id) {
        synchronized (servers) {
            Server s = servers.get(id);
            servers.put(id, s.with("INACTIVE", s.audiences(), servers.now()));
        }
    }

    /**
     * @param id the server to delete
     * @return whether it existed
     */
    public boolean delete(String id) {
        return servers.remove(id);
    }

    /**
     * @return the ids of every server, sorted
     */
    public List<String> ids() {
        return servers.ids();
    }

    /**
     * From now on the endpoint answers {@code E0000015} "You do not have permission to access the feature you are
     * requesting" with the given status, as an org without API Access Management does.
     *
     * @param status 401, 403 or 404; 0 serves the list again
     */
    public void withoutFeature(int status) {
        this.missingStatus = status;
    }

    static void register(Routes routes) {
        routes.add(Route.get("/api/v1/authorizationServers", call -> {
            FakeCustomAuthorizationServers a = call.server().org().authorizationServers();
            if (a.missingStatus != 0) {
                return FakeResponse.oktaError(a.missingStatus, "E0000015",
                        "You do not have permission to access the feature you are requesting");
            }
            return a.servers.page(call, MAX_LIMIT, MAX_LIMIT, s -> json(s, call.server().org().linkBaseUrl()));
        }));
    }

    private static String json(Server s, String base) {
        String self = base + "/api/v1/authorizationServers/" + s.id();
        String issuer = base + "/oauth2/" + (s.name().equals("default") ? "default" : s.id()); // as Okta names it
        Map<String, Object> m = ListedSettings.object(
                "id", s.id(),
                "name", s.name(),
                "description", s.description(),
                "audiences", s.audiences(),
                "issuer", issuer,
                "issuerMode", "ORG_URL",
                "status", s.status(),
                "created", Ids.oktaTime(s.created()),
                "lastUpdated", Ids.oktaTime(s.lastUpdated()),
                "credentials", Map.of("signing", ListedSettings.object(
                        "rotationMode", "AUTO",
                        "lastRotated", Ids.oktaTime(s.lastRotated()),
                        "nextRotation", Ids.oktaTime(s.lastRotated().plus(Duration.ofDays(90))),
                        "kid", s.kid())));
        Map<String, Object> links = ListedSettings.object(
                "scopes", ListedSettings.link(self + "/scopes", "GET"),
                "claims", ListedSettings.link(self + "/claims", "GET"),
                "policies", ListedSettings.link(self + "/policies", "GET"),
                "self", ListedSettings.link(self, "GET", "DELETE", "PUT"),
                "metadata", List.of(metadata(issuer, "oauth-authorization-server"), metadata(issuer, "openid-configuration")),
                "rotateKey", ListedSettings.link(self + "/credentials/lifecycle/keyRotate", "POST"));
        String lifecycle = "ACTIVE".equals(s.status()) ? "deactivate" : "activate";
        links.put(lifecycle, ListedSettings.link(self + "/lifecycle/" + lifecycle, "POST"));
        m.put("_links", links);
        return ListedSettings.json(m);
    }

    private static Map<String, Object> metadata(String issuer, String name) {
        Map<String, Object> link = ListedSettings.object("name", name);
        link.putAll(ListedSettings.link(issuer + "/.well-known/" + name, "GET"));
        return link;
    }
}
