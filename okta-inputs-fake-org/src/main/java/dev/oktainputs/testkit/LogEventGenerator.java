package dev.oktainputs.testkit;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Draws System Log events as a pure function of (seed, ordinal, published, spec) — nothing is stored, so a log of a
 * million events costs only its index; {@link LogEventJson} renders them in Okta's LogEvent shape. The event type comes from a realistic mix (sign-ins
 * dominate; the suspicious types detection rules look for are rare), and about one event in thirty has a drifted
 * type somewhere (a number where Okta documents a string, or the reverse) or an undocumented field, as real orgs do.
 */
final class LogEventGenerator {

    /** An event's fields that filters, keywords and tests look at; the JSON is rendered from them. */
    record Facts(String uuid, Instant published, String eventType, String severity, String outcome, String reason,
                 String displayMessage, String legacyEventType, int actor, String ipAddress, String city, String country,
                 String targetType, String targetId, String targetName, String transactionId, String requestUri, int drift,
                 Person user) {

        String actorId() {
            return user != null ? user.id() : LogEventGenerator.actorId(actor);
        }

        String actorLogin() {
            if (user != null) {
                return user.login();
            }
            return ACTOR_FIRST[actor % ACTOR_FIRST.length].toLowerCase(java.util.Locale.ROOT) + "."
                    + ACTOR_LAST[(actor / ACTOR_FIRST.length) % ACTOR_LAST.length].toLowerCase(java.util.Locale.ROOT) + actor
                    + "@example.com";
        }

        String actorName() {
            if (user != null) {
                return user.displayName();
            }
            return ACTOR_FIRST[actor % ACTOR_FIRST.length] + " " + ACTOR_LAST[(actor / ACTOR_FIRST.length) % ACTOR_LAST.length];
        }
    }

    /** An org user an event names as actor and target. */
    record Person(String id, String login, String displayName) {
    }

    /** An event type of the mix: weight per thousand-ish, message, legacy type, what it targets, how it fails. */
    private record Type(String name, int weight, String message, String legacy, String target, int failPerMille,
                        String severity) {
    }

    private static final Type[] TYPES = {
        new Type("user.session.start", 300, "User login to Okta", "core.user_auth.login_success", null, 120, "INFO"),
        new Type("user.authentication.sso", 150, "User single sign on to app", "app.auth.sso", "AppInstance", 10, "INFO"),
        new Type("user.authentication.auth_via_mfa", 90, "Authentication of user via MFA", "core.user.factor.attempt_success",
                null, 40, "INFO"),
        new Type("policy.evaluate_sign_on", 90, "Evaluation of sign-on policy", null, "Rule", 0, "INFO"),
        new Type("app.oauth2.as.token.grant.access_token", 70, "OAuth2 access token is granted", null, "AppInstance", 5,
                "INFO"),
        new Type("user.session.end", 50, "User logout from Okta", "core.user_auth.logout_success", null, 0, "INFO"),
        new Type("user.authentication.verify", 40, "Verify user identity", null, null, 60, "INFO"),
        new Type("user.account.update_profile", 25, "Update user profile for Okta", "core.user.config.profile_update.success",
                "User", 0, "INFO"),
        new Type("group.user_membership.add", 25, "Add user to group membership", "group.user_membership.add", "UserGroup", 0,
                "INFO"),
        new Type("application.user_membership.add", 20, "Add user to application membership",
                "application.user_membership.add", "AppInstance", 0, "INFO"),
        new Type("user.lifecycle.create", 15, "Create Okta user", "core.user.config.user_creation.success", "User", 0, "INFO"),
        new Type("user.account.reset_password", 10, "Fix password for Okta user", null, "User", 0, "INFO"),
        new Type("user.mfa.factor.activate", 8, "Activate factor for user", "core.user.factor.activate", "User", 0, "INFO"),
        new Type("user.account.lock", 8, "Max sign in attempts exceeded", "core.user_auth.account_locked", "User", 0, "WARN"),
        new Type("system.org.rate_limit.warning", 6, "Rate limit warning", "core.framework.ratelimit.warning", null, 0, "WARN"),
        new Type("user.mfa.factor.deactivate", 4, "Reset factor for user", "core.user.factor.deactivate", "User", 0, "INFO"),
        new Type("security.threat.detected", 3, "Request from suspicious actor", null, null, 1000, "WARN"),
        new Type("user.account.privilege.grant", 3, "Grant user privilege", "core.user.admin_privilege.granted", "User", 0,
                "INFO"),
        new Type("system.api_token.create", 2, "Create API token", "api.token.create", "Token", 0, "INFO"),
    };
    private static final int TOTAL_WEIGHT;

    static {
        int t = 0;
        for (Type type : TYPES) {
            t += type.weight();
        }
        TOTAL_WEIGHT = t;
    }

    private static final String[] ACTOR_FIRST = {"Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken",
        "Frances", "Edsger", "Radia", "Donald", "Hedy", "John", "Katherine", "Tim", "Shafi", "Leslie", "Joan", "Zoë"};
    private static final String[] ACTOR_LAST = {"Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie",
        "Liskov", "Thompson", "Allen", "Dijkstra", "Perlman", "Knuth", "Lamarr", "McCarthy", "Müller"};
    static final String[][] PLACES = {{"San Francisco", "California", "United States", "94107", "37.7749", "-122.4194"},
        {"New York", "New York", "United States", "10013", "40.7128", "-74.006"},
        {"London", "England", "United Kingdom", "EC1A", "51.5072", "-0.1276"},
        {"Berlin", "Berlin", "Germany", "10115", "52.52", "13.405"},
        {"São Paulo", "São Paulo", "Brazil", "01000", "-23.5505", "-46.6333"},
        {"Tokyo", "Tokyo", "Japan", "100-0001", "35.6762", "139.6503"}};
    private static final String[] APPS = {"Salesforce.com", "Slack", "GitHub Enterprise", "Zoom", "Workday", "AWS IAM Identity Center"};

    private final long seed;

    LogEventGenerator(long seed) {
        this.seed = seed;
    }

    static String actorId(int actor) {
        SplittableRandom r = new SplittableRandom(Ids.mix(0xAC7012L + actor));
        return "00u" + Ids.base62(r, 17);
    }

    /** The uuid of an event: distinct ordinals give distinct uuids (the high half is a bijection of the ordinal). */
    String uuid(int ordinal) {
        return new java.util.UUID(uuidHigh(ordinal), uuidLow(ordinal)).toString();
    }

    /** The uuid's most significant bits (version 4). */
    long uuidHigh(int ordinal) {
        return (Ids.mix(seed * 0x9E3779B97F4A7C15L + ordinal) & ~0xF000L) | 0x4000L;
    }

    /** The uuid's least significant bits (IETF variant). */
    long uuidLow(int ordinal) {
        long lo = Ids.mix(Ids.mix(seed * 0x9E3779B97F4A7C15L + ordinal) ^ 0x5851F42D4C957F2DL);
        return (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    }

    /**
     * @param ordinal   the event's identity
     * @param published when it happened
     * @param spec      forced fields (event type, outcome, IP), or null for a drawn event
     */
    Facts facts(int ordinal, long published, FakeSystemLog.Spec spec) {
        SplittableRandom r = new SplittableRandom(Ids.mix(seed ^ (0xE7E27L * (ordinal + 1L))));
        Type type = spec != null && spec.eventType() != null ? typeNamed(spec.eventType()) : drawType(r.nextInt(TOTAL_WEIGHT));
        String eventType = spec != null && spec.eventType() != null ? spec.eventType() : type.name();
        boolean failed = r.nextInt(1000) < type.failPerMille();
        String outcome = spec != null && spec.outcome() != null ? spec.outcome()
                : failed ? (eventType.startsWith("security.") ? "DENY" : "FAILURE") : "SUCCESS";
        String reason = "FAILURE".equals(outcome) ? "INVALID_CREDENTIALS" : "DENY".equals(outcome) ? "Suspicious request" : null;
        String severity = "FAILURE".equals(outcome) || "DENY".equals(outcome) ? "WARN" : type.severity();
        int actor = r.nextInt(500);
        String ip = spec != null && spec.ipAddress() != null ? spec.ipAddress() : ip(r);
        String[] place = PLACES[r.nextInt(PLACES.length)];
        String targetId = null;
        String targetName = null;
        if (type.target() != null) {
            switch (type.target()) {
                case "AppInstance":
                    int app = r.nextInt(APPS.length);
                    targetId = "0oa" + Ids.base62(new SplittableRandom(app * 31L + 7), 17);
                    targetName = APPS[app];
                    break;
                case "User":
                    int user = r.nextInt(500);
                    targetId = actorId(user);
                    targetName = ACTOR_FIRST[user % ACTOR_FIRST.length] + " " + ACTOR_LAST[(user / ACTOR_FIRST.length) % ACTOR_LAST.length];
                    break;
                default:
                    targetId = (type.target().equals("Token") ? "00T" : type.target().equals("Rule") ? "0pr" : "00g")
                            + Ids.base62(r, 17);
                    targetName = type.target().equals("UserGroup") ? "Engineering" : type.target().equals("Rule")
                            ? "Catch-all Rule" : "ci-token";
            }
        }
        Person user = spec != null ? spec.user() : null;
        String targetType = type.target();
        if (user != null) {
            targetType = "User";
            targetId = user.id();
            targetName = user.displayName();
        }
        String transaction = Ids.base62(r, 27);
        String uri = eventType.startsWith("user.session") ? "/idp/idx/identify" : eventType.startsWith("app.oauth2")
                ? "/oauth2/v1/token" : "/api/v1/users";
        int drift = r.nextInt(30) == 0 ? 1 + r.nextInt(5) : 0;
        return new Facts(uuid(ordinal), Instant.ofEpochMilli(published), eventType, severity, outcome, reason,
                type.message(), type.legacy(), actor, ip, place[0], place[2], targetType, targetId, targetName,
                transaction, uri, drift, user);
    }

    private static String ip(SplittableRandom r) {
        // A few hundred addresses, so that the same client shows up again (what threshold rules count on).
        int n = r.nextInt(300);
        return (n < 200 ? "73." + (n % 50) + "." + (n / 50) + "." + (10 + n % 200)
                : "198.51.100." + (n - 199));
    }

    private static Type drawType(int pick) {
        int acc = 0;
        for (Type t : TYPES) {
            acc += t.weight();
            if (pick < acc) {
                return t;
            }
        }
        return TYPES[0];
    }

    private static Type typeNamed(String name) {
        for (Type t : TYPES) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return new Type(name, 0, "Event " + name, null, null, 0, "INFO");
    }
}
