package dev.oktainputs.testkit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The org's authenticators (Identity Engine), served at {@code GET /api/v1/authenticators} the way Okta's management
 * API does (scope {@code okta.authenticators.read}): one plain JSON array, no paging parameters. Each renders like the
 * {@code AuthenticatorsResponse} example of Okta's management OpenAPI spec: {@code type}, {@code id} ({@code aut…}),
 * {@code key}, {@code status}, {@code name}, {@code created}, {@code lastUpdated}, {@code settings} where the example
 * has one, and {@code _links}. Changes stamp {@code lastUpdated} with the org clock.
 */
public final class FakeAuthenticators {

    private record Authenticator(String id, String key, String type, String name, String status, Instant created,
                                 Instant lastUpdated) {
    }

    private final ListedSettings<Authenticator> authenticators;
    private volatile int missingStatus;

    FakeAuthenticators(Clock clock) {
        this.authenticators = new ListedSettings<>("authenticator", clock);
    }

    /**
     * @param key    e.g. {@code okta_email}, {@code okta_verify}, {@code webauthn}
     * @param type   e.g. {@code email}, {@code app}, {@code security_key}
     * @param name   e.g. {@code Email}
     * @param status {@code ACTIVE} or {@code INACTIVE}
     * @return the new authenticator's id
     */
    public String add(String key, String type, String name, String status) {
        String id = Ids.unique("aut", 20);
        Instant now = authenticators.now();
        authenticators.put(id, new Authenticator(id, Objects.requireNonNull(key, "key"), type, name, status, now, now));
        return id;
    }

    /**
     * Adds what an Identity Engine org starts with, as in the spec's example: email, password, phone (inactive),
     * security key or biometric, and Okta Verify.
     *
     * @return their ids, in that order
     */
    public List<String> addDefaults() {
        return List.of(add("okta_email", "email", "Email", "ACTIVE"), add("okta_password", "password", "Password", "ACTIVE"),
                add("phone_number", "phone", "Phone", "INACTIVE"),
                add("webauthn", "security_key", "Security Key or Biometric", "ACTIVE"),
                add("okta_verify", "app", "Okta Verify", "ACTIVE"));
    }

    /**
     * @param id     the authenticator
     * @param status {@code ACTIVE} or {@code INACTIVE}
     */
    public void setStatus(String id, String status) {
        synchronized (authenticators) {
            Authenticator a = authenticators.get(id);
            authenticators.put(id, new Authenticator(id, a.key(), a.type(), a.name(), status, a.created(), authenticators.now()));
        }
    }

    /**
     * @param id the authenticator to delete (Okta deletes only custom ones)
     * @return whether it existed
     */
    public boolean delete(String id) {
        return authenticators.remove(id);
    }

    /**
     * From now on the endpoint answers {@code E0000015} "You do not have permission to access the feature you are
     * requesting" with the given status (Okta's spec shows it as a 401), as in an org without Identity Engine.
     *
     * @param status 401 or 403; 0 serves the list again
     */
    public void withoutFeature(int status) {
        this.missingStatus = status;
    }

    /** @return the ids of every authenticator, sorted */
    public List<String> ids() {
        return authenticators.ids();
    }

    static void register(Routes routes) {
        routes.add(Route.get("/api/v1/authenticators", call -> {
            FakeAuthenticators org = call.server().org().authenticators();
            if (org.missingStatus != 0) {
                return FakeResponse.oktaError(org.missingStatus, "E0000015",
                        "You do not have permission to access the feature you are requesting");
            }
            return org.authenticators.page(call, ListedSettings.ALL, Integer.MAX_VALUE,
                    a -> json(a, call.server().org().linkBaseUrl()));
        }));
    }

    private static String json(Authenticator a, String base) {
        String self = base + "/api/v1/authenticators/" + a.id();
        String lifecycle = "ACTIVE".equals(a.status()) ? "deactivate" : "activate";
        Object settings = switch (a.key()) {
            case "okta_email" -> ListedSettings.object("allowedFor", "any", "tokenLifetimeInMinutes", 5);
            case "phone_number" -> ListedSettings.object("allowedFor", "ACTIVE".equals(a.status()) ? "any" : "none");
            default -> null;
        };
        var json = ListedSettings.object("type", a.type(), "id", a.id(), "key", a.key(), "status", a.status(),
                "name", a.name(), "created", Ids.oktaTime(a.created()), "lastUpdated", Ids.oktaTime(a.lastUpdated()));
        if (settings != null) {
            json.put("settings", settings);
        }
        json.put("_links", ListedSettings.object(
                "self", ListedSettings.link(self, "GET", "PUT"),
                "methods", ListedSettings.link(self + "/methods", "GET"),
                lifecycle, ListedSettings.link(self + "/lifecycle/" + lifecycle, "POST")));
        return ListedSettings.json(json);
    }
}
