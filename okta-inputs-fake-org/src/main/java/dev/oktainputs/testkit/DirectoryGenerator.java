package dev.oktainputs.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Fills a {@link FakeDirectory} deterministically from its seeded random source. Runs under the directory's lock. */
final class DirectoryGenerator {

    private static final String[] DEPARTMENTS = {"Engineering", "Sales", "Marketing", "Finance", "Support", "Legal",
        "Design", "Security", "Operations", "Research", "Recruiting", "Platform", "Data", "Mobile", "Partners"};
    private static final String[] PRODUCTS = {"Salesforce", "Slack", "Zoom", "GitHub", "Jira", "Confluence", "Workday",
        "Box", "Dropbox", "AWS Console", "Google Workspace", "Office 365", "ServiceNow", "Zendesk", "Tableau",
        "Snowflake", "Datadog", "PagerDuty", "Figma", "Notion"};
    private static final String[][] APP_KINDS = {{"oidc_client", "OPENID_CONNECT"}, {"template_saml_2_0", "SAML_2_0"},
        {"bookmark", "BOOKMARK"}, {"template_swa", "BROWSER_PLUGIN"}};
    private static final String[] ROLE_TYPES = {"READ_ONLY_ADMIN", "APP_ADMIN", "USER_ADMIN", "HELP_DESK_ADMIN",
        "ORG_ADMIN", "SUPER_ADMIN", "REPORT_ADMIN", "GROUP_MEMBERSHIP_ADMIN"};
    private static final long DAY = Duration.ofDays(1).toMillis();

    private final FakeDirectory dir;
    private final SplittableRandom random;
    private final List<FakeUser> users;
    private final long hi;

    DirectoryGenerator(FakeDirectory dir, SplittableRandom random, List<FakeUser> users, long nowMillis) {
        this.dir = dir;
        this.random = random;
        this.users = users;
        this.hi = nowMillis - 60_000; // everything generated lies before the first run
    }

    void generate(DirectoryShape shape) {
        String base = dir.linkBase();
        List<String> appIds = new ArrayList<>();
        for (int i = 0; i < shape.apps(); i++) {
            String[] kind = APP_KINDS[random.nextInt(APP_KINDS.length)];
            long created = historic();
            FakeApp app = new FakeApp(dir.newId("0oa"), kind[0], PRODUCTS[i % PRODUCTS.length] + " " + (i / PRODUCTS.length + 1),
                    random.nextInt(10) == 0 ? "INACTIVE" : "ACTIVE", kind[1], created, between(created, hi), base);
            dir.apps.put(app);
            appIds.add(app.id());
        }
        List<String> groupIds = new ArrayList<>();
        for (int i = 0; i < shape.groups(); i++) {
            long created = historic();
            long updated = between(created, hi);
            if (i == 0) {
                dir.groups.put(new FakeGroup(dir.newId("00g"), FakeGroup.Type.BUILT_IN, "Everyone", null, created, updated,
                        between(updated, hi), base));
                continue;
            }
            boolean appGroup = !appIds.isEmpty() && random.nextInt(10) == 0;
            FakeGroup g = new FakeGroup(dir.newId("00g"), appGroup ? FakeGroup.Type.APP_GROUP : FakeGroup.Type.OKTA_GROUP,
                    DEPARTMENTS[i % DEPARTMENTS.length] + " " + (i / DEPARTMENTS.length + 1) + (appGroup ? " (AD)" : ""),
                    appGroup ? appIds.get(random.nextInt(appIds.size())) : null, created, updated, between(created, hi), base);
            dir.groups.put(g);
            groupIds.add(g.id());
            TreeMap<String, Long> members = dir.groups.members.get(g.id());
            for (int u : pick(users.size(), sizeAround(shape.avgMembers()))) {
                members.put(users.get(u).id(), created);
            }
        }
        for (String appId : appIds) {
            long appCreated = dir.apps.byId.get(appId).created().toEpochMilli();
            TreeMap<String, DirectoryRecords.AppAssignment> assigned = dir.apps.users.get(appId);
            for (int u : pick(users.size(), sizeAround(shape.avgAppUsers()))) {
                long created = between(appCreated, hi);
                assigned.put(users.get(u).id(), new DirectoryRecords.AppAssignment(created, between(created, hi)));
            }
            TreeMap<String, DirectoryRecords.GroupAssignment> groups = dir.apps.groups.get(appId);
            int priority = 0;
            for (int g : pick(groupIds.size(), sizeAround(shape.avgAppGroups()))) {
                groups.put(groupIds.get(g), new DirectoryRecords.GroupAssignment(priority++, between(appCreated, hi)));
            }
        }
        admins(shape, groupIds);
    }

    private void admins(DirectoryShape shape, List<String> groupIds) {
        FakeAdminRoles roles = dir.roles();
        List<String> admins = new ArrayList<>();
        for (int u : pick(users.size(), Math.min(shape.adminUsers(), users.size()))) {
            String userId = users.get(u).id();
            admins.add(userId);
            int first = random.nextInt(ROLE_TYPES.length);
            int count = 1 + random.nextInt(2);
            for (int r = 0; r < count; r++) {
                long created = historic();
                roles.grant(roles.userGrants, userId, "ra1", ROLE_TYPES[(first + r) % ROLE_TYPES.length], created, between(created, hi));
            }
        }
        for (int g : pick(groupIds.size(), Math.min(shape.adminGroups(), groupIds.size()))) {
            long created = historic();
            roles.grant(roles.groupGrants, groupIds.get(g), "gra", ROLE_TYPES[random.nextInt(ROLE_TYPES.length)], created,
                    between(created, hi));
        }
        for (int i = 0; i < shape.customRoles(); i++) {
            long created = historic();
            DirectoryRecords.CustomRole r = new DirectoryRecords.CustomRole(dir.newId("cr0"), "Custom Role " + (i + 1),
                    "Generated custom role " + (i + 1), List.of("okta.users.read", "okta.groups.read"), created, between(created, hi));
            roles.customRoles.put(r.id(), r);
        }
        for (int i = 0; i < shape.apiTokens() && !users.isEmpty(); i++) {
            String owner = admins.isEmpty() ? users.get(random.nextInt(users.size())).id() : admins.get(random.nextInt(admins.size()));
            long lastUsed = hi - (long) (random.nextDouble() * 20 * DAY);
            roles.putToken("Token " + (i + 1), owner, i % 3 == 0 ? "Okta Terraform Provider" : "Okta API",
                    lastUsed - (long) (random.nextDouble() * 200 * DAY), lastUsed);
        }
    }

    /** Uniform in [0, 2 × avg], so the mean is {@code avg} and sizes vary (some apps need several pages). */
    private int sizeAround(int avg) {
        return avg == 0 ? 0 : random.nextInt(2 * avg + 1);
    }

    /** {@code k} distinct indices in [0, n), in draw order. */
    private List<Integer> pick(int n, int k) {
        int want = Math.min(k, n);
        List<Integer> out = new ArrayList<>(want);
        if (want == 0) {
            return out;
        }
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        while (out.size() < want) {
            int i = random.nextInt(n);
            if (taken.add(i)) {
                out.add(i);
            }
        }
        return out;
    }

    private long historic() {
        return hi - 30 * DAY - (long) (random.nextDouble() * 1000 * DAY);
    }

    private long between(long lo, long high) {
        return high <= lo ? lo : lo + (long) (random.nextDouble() * (high - lo));
    }
}
