package dev.oktainputs.testkit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The org's policies and their rules, served the way Okta's management API does (scope {@code okta.policies.read}):
 * {@code GET /api/v1/policies?type=T} (the type is required: without it, or with one Okta does not list, 400
 * {@code E0000001}) and {@code GET /api/v1/policies/{policyId}/rules} (404 {@code E0000007} for an unknown policy),
 * plain JSON arrays paged by {@code limit} / {@code after} with the next page in a {@code link} header. Okta's spec
 * names no default page size; the fake pages 20 at a time so that clients must follow the links. A type the org
 * lacks ({@link #disableType}: an org without Identity Engine, or without a feature) answers {@code E0000015}
 * "You do not have permission to access the feature you are requesting", with status 403 unless told otherwise (the
 * spec shows that error as a 401). Policies and rules render like the
 * spec's {@code list-okta-sign-on-policy-response} and {@code list-all-sign-on-policy-rule-response} examples.
 */
public final class FakePolicies {

    /** The policy types of Okta's management OpenAPI spec ({@code PolicyType}), in its order. */
    public static final List<String> TYPES = List.of("ACCESS_POLICY", "ENTITY_RISK", "IDP_DISCOVERY", "MFA_ENROLL",
            "OKTA_SIGN_ON", "PASSWORD", "POST_AUTH_SESSION", "PROFILE_ENROLLMENT", "DEVICE_SIGNAL_COLLECTION",
            "SESSION_VIOLATION_DETECTION", "CLIENT_UPDATE", "IDENTITY_CLAIM_SOURCING");
    /** The page size without {@code limit} (the spec names none). */
    static final int DEFAULT_LIMIT = 20;
    /** The largest page the fake serves. */
    static final int MAX_LIMIT = 200;

    private record Policy(String id, String type, String name, String status, int priority, Instant created,
                          Instant lastUpdated) {
    }

    private record Rule(String id, String policyId, String name, String status, int priority, Instant created,
                        Instant lastUpdated) {
    }

    private final Clock clock;
    private final Map<String, ListedSettings<Policy>> byType = new ConcurrentHashMap<>();
    private final Map<String, String> typeOf = new ConcurrentHashMap<>();
    private final Map<String, ListedSettings<Rule>> rules = new ConcurrentHashMap<>();
    private final Map<String, Integer> disabled = new ConcurrentHashMap<>();

    FakePolicies(Clock clock) {
        this.clock = clock;
        for (String t : TYPES) {
            byType.put(t, new ListedSettings<>(t + " policy", clock));
        }
    }

    /**
     * @param type one of {@link #TYPES}
     * @param name the policy's name
     * @return the new policy's id
     */
    public String add(String type, String name) {
        ListedSettings<Policy> policies = policies(type);
        String id = Ids.unique("00p", 17);
        Instant now = policies.now();
        policies.put(id, new Policy(id, type, Objects.requireNonNull(name, "name"), "ACTIVE", policies.ids().size() + 1, now, now));
        typeOf.put(id, type);
        rules.put(id, new ListedSettings<>("policy rule", clock));
        return id;
    }

    /**
     * @param policyId the policy
     * @param name     the rule's name
     * @return the new rule's id
     */
    public String addRule(String policyId, String name) {
        ListedSettings<Rule> r = rulesOf(policyId);
        String id = Ids.unique("0pr", 17);
        Instant now = r.now();
        r.put(id, new Rule(id, policyId, Objects.requireNonNull(name, "name"), "ACTIVE", r.ids().size(), now, now));
        return id;
    }

    /**
     * Deactivates a policy (it stays listed, with {@code status INACTIVE}).
     *
     * @param policyId the policy
     */
    public void deactivate(String policyId) {
        ListedSettings<Policy> policies = policies(typeOf(policyId));
        synchronized (policies) {
            Policy p = policies.get(policyId);
            policies.put(policyId, new Policy(p.id(), p.type(), p.name(), "INACTIVE", p.priority(), p.created(), policies.now()));
        }
    }

    /**
     * Deactivates a rule (it stays listed, with {@code status INACTIVE}).
     *
     * @param policyId the policy
     * @param ruleId   the rule
     */
    public void deactivateRule(String policyId, String ruleId) {
        ListedSettings<Rule> r = rulesOf(policyId);
        synchronized (r) {
            Rule x = r.get(ruleId);
            r.put(ruleId, new Rule(x.id(), policyId, x.name(), "INACTIVE", x.priority(), x.created(), r.now()));
        }
    }

    /**
     * Deletes a policy and its rules.
     *
     * @param policyId the policy
     * @return whether it existed
     */
    public boolean delete(String policyId) {
        String type = typeOf.remove(policyId);
        rules.remove(policyId);
        return type != null && policies(type).remove(policyId);
    }

    /**
     * @param policyId the policy
     * @param ruleId   the rule to delete
     * @return whether it existed
     */
    public boolean deleteRule(String policyId, String ruleId) {
        return rulesOf(policyId).remove(ruleId);
    }

    /**
     * From now on the type answers 403 {@code E0000015}, as in an org without the feature; its policies stay.
     *
     * @param type one of {@link #TYPES}
     */
    public void disableType(String type) {
        disableType(type, 403);
    }

    /**
     * From now on the type answers {@code E0000015} with the given status (Okta's spec shows that error as a 401).
     *
     * @param type   one of {@link #TYPES}
     * @param status 401 or 403
     */
    public void disableType(String type, int status) {
        policies(type);
        disabled.put(type, status);
    }

    /** @param type a type {@link #disableType disabled} before: it answers its policies again */
    public void enableType(String type) {
        disabled.remove(type);
    }

    /**
     * @param type one of {@link #TYPES}
     * @return the ids of its policies, sorted
     */
    public List<String> ids(String type) {
        return policies(type).ids();
    }

    /**
     * @param policyId the policy
     * @return the keys {@code policyId/ruleId} of its rules, sorted
     */
    public List<String> ruleKeys(String policyId) {
        return rulesOf(policyId).ids().stream().map(r -> policyId + "/" + r).toList();
    }

    private ListedSettings<Policy> policies(String type) {
        ListedSettings<Policy> p = type == null ? null : byType.get(type);
        if (p == null) {
            throw new IllegalArgumentException("not a policy type of Okta's spec: " + type);
        }
        return p;
    }

    private String typeOf(String policyId) {
        String t = typeOf.get(policyId);
        if (t == null) {
            throw new IllegalArgumentException("no policy " + policyId);
        }
        return t;
    }

    private ListedSettings<Rule> rulesOf(String policyId) {
        ListedSettings<Rule> r = rules.get(policyId);
        if (r == null) {
            throw new IllegalArgumentException("no policy " + policyId);
        }
        return r;
    }

    static void register(Routes routes) {
        routes.add(Route.get("/api/v1/policies", call -> {
            FakePolicies org = call.server().org().policies();
            String type = call.request().queryParameter("type");
            if (type == null || !org.byType.containsKey(type)) {
                throw OktaApiException.validation("type", type == null ? "The field cannot be left blank."
                        : "'" + type + "' is not a valid policy type.");
            }
            if (org.disabled.containsKey(type)) {
                return featureMissing(org.disabled.get(type));
            }
            String base = call.server().org().linkBaseUrl();
            return org.byType.get(type).page(call, DEFAULT_LIMIT, MAX_LIMIT, p -> json(p, base));
        }));
        routes.add(Route.get("/api/v1/policies/{policyId}/rules", call -> {
            FakePolicies org = call.server().org().policies();
            String policyId = call.pathParam("policyId");
            ListedSettings<Rule> r = org.rules.get(policyId);
            if (r == null) {
                throw OktaApiException.notFound("policy " + policyId);
            }
            String type = org.typeOf.get(policyId);
            Integer status = type == null ? null : org.disabled.get(type);
            if (status != null) {
                return featureMissing(status);
            }
            String base = call.server().org().linkBaseUrl();
            return r.page(call, DEFAULT_LIMIT, MAX_LIMIT, x -> json(x, "OKTA_SIGN_ON".equals(type) ? "SIGN_ON" : type, base));
        }));
    }

    private static FakeResponse featureMissing(int status) {
        return FakeResponse.oktaError(status, "E0000015", "You do not have permission to access the feature you are requesting");
    }

    private static String json(Policy p, String base) {
        String self = base + "/api/v1/policies/" + p.id();
        return ListedSettings.json(ListedSettings.object(
                "type", p.type(), "id", p.id(), "status", p.status(), "name", p.name(),
                "description", p.name() + " (" + p.type() + ")", "priority", p.priority(), "system", false,
                "conditions", ListedSettings.object("people", ListedSettings.object("groups",
                        ListedSettings.object("include", List.of("00g1emaKYZTWRYYRRTSK")))),
                "created", Ids.oktaTime(p.created()), "lastUpdated", Ids.oktaTime(p.lastUpdated()),
                "_links", ListedSettings.object(
                        "self", ListedSettings.link(self, "GET", "PUT"),
                        "rules", ListedSettings.link(self + "/rules", "GET", "POST"))));
    }

    private static String json(Rule r, String type, String base) {
        String self = base + "/api/v1/policies/" + r.policyId() + "/rules/" + r.id();
        String lifecycle = "ACTIVE".equals(r.status()) ? "deactivate" : "activate";
        return ListedSettings.json(ListedSettings.object(
                "id", r.id(), "status", r.status(), "name", r.name(), "priority", r.priority(),
                "created", Ids.oktaTime(r.created()), "lastUpdated", Ids.oktaTime(r.lastUpdated()), "system", false,
                "conditions", ListedSettings.object("network", ListedSettings.object("connection", "ANYWHERE")),
                "actions", ListedSettings.object("signon", ListedSettings.object("access", "ALLOW",
                        "requireFactor", false, "factorPromptMode", "ALWAYS", "factorLifetime", 15)),
                "_links", ListedSettings.object(
                        "self", ListedSettings.link(self, "GET", "PUT", "DELETE"),
                        lifecycle, ListedSettings.link(self + "/lifecycle/" + lifecycle, "POST")),
                "type", type));
    }
}
