package dev.oktainputs.testkit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users' enrolled MFA factors, served at {@code GET /api/v1/users/{userId}/factors} the way Okta's management API
 * does (operation {@code listFactors}, scope {@code okta.users.read}): a plain JSON array, not paged; {@code 404
 * E0000007} for a user that does not exist. Each factor is rendered like Okta's {@code UserFactor}: {@code id},
 * {@code factorType}, {@code provider}, {@code vendorName}, {@code status}, {@code created}, {@code lastUpdated},
 * {@code profile}, {@code _links}.
 *
 * <p>Every change is logged in the org's System Log as Okta logs it, with the user as actor and target:
 * {@code user.mfa.factor.activate} (enrolled), {@code user.mfa.factor.deactivate} (removed),
 * {@code user.mfa.factor.suspend} / {@code unsuspend}, {@code user.mfa.factor.reset_all}. Mutations stamp
 * {@code lastUpdated} with the org clock's current instant.
 */
public final class FakeFactors {

    /**
     * The fake's rate-limit bucket of {@code /api/v1/users/{id}/factors}, shared with {@code /api/v1/users/{id}/roles}
     * (for {@link FakeOktaServer.Builder#rateLimit}; the client's governor also counts both as one bucket). Okta's
     * management rate-limit table has no row for it; it falls under "most other API actions: /api/v1" (600 per minute
     * in Enterprise, 1,200 in Workforce Identity); the fake's default budget is 600.
     */
    public static final String BUCKET = "/api/v1/users/{id}";

    /** One enrolled factor. */
    private record Factor(String id, String factorType, String provider, String status, Instant created, Instant lastUpdated) {
        Factor with(String newStatus, Instant at) {
            return new Factor(id, factorType, provider, newStatus, created, at);
        }
    }

    private final FakeOrg org;
    private final Clock clock;
    private final Map<String, Map<String, Factor>> byUser = new ConcurrentHashMap<>();

    FakeFactors(FakeOrg org, Clock clock) {
        this.org = org;
        this.clock = clock;
    }

    /**
     * Enrolls and activates a factor, and logs {@code user.mfa.factor.activate}.
     *
     * @param userId     an existing user
     * @param factorType {@code push}, {@code signed_nonce} (Okta Verify FastPass), {@code webauthn}, {@code sms},
     *                   {@code token:software:totp}, {@code email}, {@code question}, ...
     * @param provider   {@code OKTA}, {@code FIDO}, {@code GOOGLE}, ...
     * @return the factor's id (20 characters)
     */
    public String enroll(String userId, String factorType, String provider) {
        FakeUser user = existing(userId);
        String id = Ids.unique(prefix(factorType), 17);
        Instant now = clock.instant();
        synchronized (this) {
            byUser.computeIfAbsent(userId, u -> new LinkedHashMap<>()).put(id, new Factor(id, Objects.requireNonNull(factorType, "factorType"),
                    Objects.requireNonNull(provider, "provider"), "ACTIVE", now, now));
        }
        log("user.mfa.factor.activate", user);
        return id;
    }

    /**
     * Sets a factor's status ({@code SUSPENDED} logs {@code user.mfa.factor.suspend}, {@code ACTIVE}
     * {@code user.mfa.factor.unsuspend}, anything else {@code user.mfa.factor.update}).
     *
     * @param userId   the user
     * @param factorId the factor
     * @param status   {@code ACTIVE}, {@code SUSPENDED}, {@code PENDING_ACTIVATION}, ...
     */
    public void setStatus(String userId, String factorId, String status) {
        FakeUser user = existing(userId);
        synchronized (this) {
            Map<String, Factor> factors = byUser.getOrDefault(userId, Map.of());
            Factor f = factors.get(factorId);
            if (f == null) {
                throw new IllegalArgumentException("user " + userId + " has no factor " + factorId);
            }
            factors.put(factorId, f.with(status, clock.instant()));
        }
        log("SUSPENDED".equals(status) ? "user.mfa.factor.suspend" : "ACTIVE".equals(status) ? "user.mfa.factor.unsuspend"
                : "user.mfa.factor.update", user);
    }

    /**
     * Unenrolls a factor and logs {@code user.mfa.factor.deactivate}.
     *
     * @param userId   the user
     * @param factorId the factor
     * @return whether it existed
     */
    public boolean remove(String userId, String factorId) {
        FakeUser user = existing(userId);
        boolean removed;
        synchronized (this) {
            removed = byUser.getOrDefault(userId, new LinkedHashMap<>()).remove(factorId) != null;
        }
        if (removed) {
            log("user.mfa.factor.deactivate", user);
        }
        return removed;
    }

    /**
     * Removes every factor of the user and logs {@code user.mfa.factor.reset_all}.
     *
     * @param userId the user
     */
    public void resetAll(String userId) {
        FakeUser user = existing(userId);
        synchronized (this) {
            byUser.remove(userId);
        }
        log("user.mfa.factor.reset_all", user);
    }

    /** A hard-deleted user's factors go with it (not logged: Okta logs the user's deletion, not each factor's). */
    synchronized void userDeleted(String userId) {
        byUser.remove(userId);
    }

    /**
     * @param userId a user
     * @return {@code factorId -> factorType} of the user's factors whose status is {@code ACTIVE}
     */
    public synchronized Map<String, String> active(String userId) {
        Map<String, String> out = new LinkedHashMap<>();
        byUser.getOrDefault(userId, Map.of()).values().stream().filter(f -> "ACTIVE".equals(f.status()))
                .forEach(f -> out.put(f.id(), f.factorType()));
        return out;
    }

    /**
     * @param userId a user
     * @return the ids of all the user's factors, any status
     */
    public synchronized List<String> ids(String userId) {
        return List.copyOf(byUser.getOrDefault(userId, Map.of()).keySet());
    }

    /** @return every factor as {@code userId/factorId}, sorted */
    public synchronized List<String> keys() {
        List<String> keys = new ArrayList<>();
        byUser.forEach((user, factors) -> {
            if (org.user(user).isPresent()) {
                factors.keySet().forEach(f -> keys.add(user + "/" + f));
            }
        });
        keys.sort(null);
        return keys;
    }

    private FakeUser existing(String userId) {
        return org.user(userId).orElseThrow(() -> new IllegalArgumentException("no user " + userId));
    }

    private void log(String eventType, FakeUser user) {
        org.systemLog().appendForUser(eventType, user.id(), user.login(), user.firstName() + " " + user.lastName());
    }

    private static String prefix(String factorType) {
        return switch (factorType) {
            case "push" -> "opf";
            case "signed_nonce" -> "sig";
            case "webauthn" -> "fwf";
            case "sms" -> "mbl";
            case "call" -> "clf";
            case "email" -> "emf";
            case "question" -> "ufs";
            default -> "uft";
        };
    }

    static void register(Routes routes) {
        routes.add(new Route("GET", "/api/v1/users/{id}/factors", BUCKET, true, call -> {
            FakeOrg org = call.server().org();
            String userId = call.pathParam("id");
            if (org.user(userId).isEmpty()) {
                throw OktaApiException.notFound(userId + " (User)");
            }
            FakeFactors f = org.factors();
            List<Object> items = new ArrayList<>();
            synchronized (f) {
                for (Factor x : f.byUser.getOrDefault(userId, Map.of()).values()) {
                    items.add(json(x, org.linkBaseUrl() + "/api/v1/users/" + userId + "/factors/" + x.id()));
                }
            }
            return FakeResponse.json(200, ListedSettings.json(items));
        }));
    }

    private static Map<String, Object> json(Factor f, String self) {
        return ListedSettings.object(
                "id", f.id(),
                "factorType", f.factorType(),
                "provider", f.provider(),
                "vendorName", f.provider(),
                "status", f.status(),
                "created", Ids.oktaTime(f.created()),
                "lastUpdated", Ids.oktaTime(f.lastUpdated()),
                "profile", profile(f),
                "_links", ListedSettings.object(
                        "self", ListedSettings.link(self, "GET", "DELETE"),
                        "verify", ListedSettings.link(self + "/verify", "POST"),
                        "user", ListedSettings.link(self.substring(0, self.indexOf("/factors/")), "GET")));
    }

    private static Map<String, Object> profile(Factor f) {
        return switch (f.factorType()) {
            case "push", "signed_nonce" -> ListedSettings.object("credentialId", "user@example.com", "deviceType", "SmartPhone_IPhone",
                    "keys", List.of(), "name", "iPhone", "platform", "IOS", "version", "17.2");
            case "webauthn" -> ListedSettings.object("credentialId", "l3Br0n-7H3g047NqESqJynFtIgf3Ix9OfaRoNwLoloso99Xl2zS_O7EXUkmPeAIzTVtEL4dYjicJWBz7NpqhGA",
                    "authenticatorName", "YubiKey 5 NFC");
            case "sms", "call" -> ListedSettings.object("phoneNumber", "+1-555-415-1337");
            case "email" -> ListedSettings.object("email", "user@example.com");
            case "question" -> ListedSettings.object("question", "disliked_food", "questionText", "What is the food you least liked as a child?");
            default -> ListedSettings.object("credentialId", "user@example.com");
        };
    }
}
