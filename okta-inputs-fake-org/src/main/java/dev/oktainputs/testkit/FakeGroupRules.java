package dev.oktainputs.testkit;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The org's group rules, served at {@code GET /api/v1/groups/rules} the way Okta's management API does (operation
 * {@code listGroupRules}, scope {@code okta.groups.read}): a plain JSON array, {@code limit} 1..200 (default 50), the
 * opaque {@code after} cursor in a {@code link} header, and with {@code expand=groupIdToGroupNameMap} each rule's
 * {@code _embedded.groupIdToGroupNameMap} (the names of the groups it assigns, from the directory). A rule renders
 * like the spec's {@code list-group-rules-example}: {@code type} ({@code group_rule}), {@code id} ({@code 0pr…}),
 * {@code status} ({@code ACTIVE}, {@code INACTIVE}, {@code INVALID}), {@code name}, {@code created},
 * {@code lastUpdated}, {@code conditions} (people exclusions, the expression) and {@code actions.assignUserToGroups}.
 * Okta creates rules {@code INACTIVE}; so does {@link #add}. Changes stamp {@code lastUpdated} with the org clock.
 */
public final class FakeGroupRules {

    /** Okta's default page size. */
    static final int DEFAULT_LIMIT = 50;
    /** Okta's maximum page size. */
    static final int MAX_LIMIT = 200;

    private record Rule(String id, String name, String status, String expression, List<String> groupIds,
                        List<String> excludedUsers, Instant created, Instant lastUpdated) {

        Rule with(String newStatus, String newExpression, Instant now) {
            return new Rule(id, name, newStatus, newExpression, groupIds, excludedUsers, created, now);
        }
    }

    private final ListedSettings<Rule> rules;

    FakeGroupRules(Clock clock) {
        this.rules = new ListedSettings<>("group rule", clock);
    }

    /**
     * @param name       the rule's name (1..50 characters in Okta)
     * @param expression an Okta expression, e.g. {@code user.department=="Engineering"}
     * @param groupIds   the groups it assigns matching users to
     * @return the new rule's id; the rule is {@code INACTIVE}, as Okta creates them
     */
    public String add(String name, String expression, String... groupIds) {
        String id = Ids.unique("0pr", 17);
        Instant now = rules.now();
        rules.put(id, new Rule(id, Objects.requireNonNull(name, "name"), "INACTIVE",
                Objects.requireNonNull(expression, "expression"), List.of(groupIds), List.of(), now, now));
        return id;
    }

    /**
     * @param id the rule to activate
     */
    public void activate(String id) {
        setStatus(id, "ACTIVE");
    }

    /**
     * @param id the rule to deactivate
     */
    public void deactivate(String id) {
        setStatus(id, "INACTIVE");
    }

    private void setStatus(String id, String status) {
        synchronized (rules) {
            Rule r = rules.get(id);
            rules.put(id, r.with(status, r.expression(), rules.now()));
        }
    }

    /**
     * @param id         the rule
     * @param expression its new expression
     */
    public void setExpression(String id, String expression) {
        synchronized (rules) {
            Rule r = rules.get(id);
            rules.put(id, r.with(r.status(), Objects.requireNonNull(expression, "expression"), rules.now()));
        }
    }

    /**
     * @param id the rule to delete
     * @return whether it existed
     */
    public boolean delete(String id) {
        return rules.remove(id);
    }

    /**
     * @return the ids of every rule, sorted
     */
    public List<String> ids() {
        return rules.ids();
    }

    static void register(Routes routes) {
        routes.add(Route.get("/api/v1/groups/rules", call -> {
            String expand = call.request().queryParameter("expand");
            if (expand != null && !expand.equals("groupIdToGroupNameMap")) {
                throw OktaApiException.validation("expand", "The value '" + expand + "' is not supported.");
            }
            FakeOrg org = call.server().org();
            return org.groupRules().rules.page(call, DEFAULT_LIMIT, MAX_LIMIT, r -> json(r, expand != null ? org : null));
        }));
    }

    private static String json(Rule r, FakeOrg expandWith) {
        Map<String, Object> m = ListedSettings.object(
                "type", "group_rule",
                "id", r.id(),
                "status", r.status(),
                "name", r.name(),
                "created", Ids.oktaTime(r.created()),
                "lastUpdated", Ids.oktaTime(r.lastUpdated()),
                "conditions", ListedSettings.object(
                        "people", ListedSettings.object(
                                "users", ListedSettings.object("exclude", r.excludedUsers()),
                                "groups", ListedSettings.object("exclude", List.of())),
                        "expression", ListedSettings.object("value", r.expression(), "type", "urn:okta:expression:1.0")),
                "actions", ListedSettings.object("assignUserToGroups", ListedSettings.object("groupIds", r.groupIds())));
        if (expandWith != null) {
            Map<String, Object> names = new LinkedHashMap<>();
            for (String g : r.groupIds()) {
                expandWith.directory().group(g).ifPresent(group -> names.put(g, group.name()));
            }
            m.put("_embedded", ListedSettings.object("groupIdToGroupNameMap", names));
        }
        return ListedSettings.json(m);
    }
}
