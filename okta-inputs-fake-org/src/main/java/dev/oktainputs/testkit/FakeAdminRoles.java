package dev.oktainputs.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The admin side of a {@link FakeDirectory}: standard admin roles assigned to users and to groups, custom roles
 * ({@code /api/v1/iam/roles}) and API tokens ({@code /api/v1/api-tokens}). A user's roles
 * ({@code /api/v1/users/{id}/roles}) are its own ({@code assignmentType USER}) plus those of the groups it is a member
 * of ({@code GROUP}); {@code /api/v1/iam/assignees/users} lists every user holding either. Thread-safe (locks the
 * directory); mutations stamp the org clock's instant.
 */
public final class FakeAdminRoles {

    /** Standard role types and their labels. */
    static final Map<String, String> STANDARD = Map.of(
            "SUPER_ADMIN", "Super Administrator", "ORG_ADMIN", "Organization Administrator",
            "APP_ADMIN", "Application Administrator", "USER_ADMIN", "Group Administrator",
            "HELP_DESK_ADMIN", "Help Desk Administrator", "READ_ONLY_ADMIN", "Read-Only Administrator",
            "REPORT_ADMIN", "Report Administrator", "GROUP_MEMBERSHIP_ADMIN", "Group Membership Administrator",
            "API_ACCESS_MANAGEMENT_ADMIN", "API Access Management Administrator", "MOBILE_ADMIN", "Mobile Administrator");

    private final FakeDirectory dir;
    final TreeMap<String, List<DirectoryRecords.Grant>> userGrants = new TreeMap<>();
    final TreeMap<String, List<DirectoryRecords.Grant>> groupGrants = new TreeMap<>();
    final TreeMap<String, DirectoryRecords.CustomRole> customRoles = new TreeMap<>();
    final TreeMap<String, DirectoryRecords.ApiToken> tokens = new TreeMap<>();

    FakeAdminRoles(FakeDirectory dir) {
        this.dir = dir;
    }

    /**
     * @param userId a user
     * @param type   a standard role type, e.g. {@code READ_ONLY_ADMIN}
     * @return the role assignment's id ({@code ra1…})
     */
    public String assignUserRole(String userId, String type) {
        synchronized (dir) {
            dir.org().user(userId).orElseThrow(() -> new NoSuchElementException("no user " + userId));
            return grant(userGrants, userId, "ra1", type, dir.now(), dir.now());
        }
    }

    /**
     * @param userId a user
     * @param assignmentId one of its role assignments
     * @return whether it existed
     */
    public boolean unassignUserRole(String userId, String assignmentId) {
        synchronized (dir) {
            return revoke(userGrants, userId, assignmentId);
        }
    }

    /**
     * @param groupId a group
     * @param type a standard role type
     * @return the assignment's id ({@code gra…})
     */
    public String assignGroupRole(String groupId, String type) {
        synchronized (dir) {
            dir.groups.require(groupId);
            return grant(groupGrants, groupId, "gra", type, dir.now(), dir.now());
        }
    }

    /**
     * @param groupId a group
     * @param assignmentId one of its role assignments
     * @return whether it existed
     */
    public boolean unassignGroupRole(String groupId, String assignmentId) {
        synchronized (dir) {
            return revoke(groupGrants, groupId, assignmentId);
        }
    }

    String grant(TreeMap<String, List<DirectoryRecords.Grant>> grants, String assignee, String prefix, String type,
                 long created, long lastUpdated) {
        String label = STANDARD.get(type);
        if (label == null) {
            throw new IllegalArgumentException("not a standard role type: " + type + "; one of " + new TreeSet<>(STANDARD.keySet()));
        }
        DirectoryRecords.Grant g = new DirectoryRecords.Grant(dir.newId(prefix), type, label, created, lastUpdated);
        grants.computeIfAbsent(assignee, k -> new ArrayList<>()).add(g);
        return g.id();
    }

    private static boolean revoke(TreeMap<String, List<DirectoryRecords.Grant>> grants, String assignee, String id) {
        List<DirectoryRecords.Grant> list = grants.get(assignee);
        boolean removed = list != null && list.removeIf(g -> g.id().equals(id));
        if (list != null && list.isEmpty()) {
            grants.remove(assignee);
        }
        return removed;
    }

    /**
     * Every role assignment as the role_assignments input keys it: {@code userId/assignmentId} for each user's
     * roles (its own and its groups'), {@code groupId/assignmentId} for each group's.
     *
     * @return the keys
     */
    public Set<String> assignmentKeys() {
        synchronized (dir) {
            Set<String> keys = new LinkedHashSet<>();
            for (String user : assignees()) {
                grantsOf(user).forEach(g -> keys.add(user + "/" + g.grant().id()));
            }
            groupGrants.forEach((group, list) -> list.forEach(g -> keys.add(group + "/" + g.id())));
            return keys;
        }
    }

    /** @return the ids of the users who hold an admin role, of their own or through a group, ordered */
    public Set<String> adminUserIds() {
        synchronized (dir) {
            return new TreeSet<>(assignees());
        }
    }

    /** @return users with a role of their own or through a group, ordered by id */
    TreeSet<String> assignees() {
        TreeSet<String> users = new TreeSet<>(userGrants.keySet());
        for (String group : groupGrants.keySet()) {
            users.addAll(dir.members(group));
        }
        return users;
    }

    /** A user's role with how it holds it. */
    record Held(DirectoryRecords.Grant grant, String assignmentType) {
    }

    /** @return the user's roles: its own, then its groups' */
    List<Held> grantsOf(String userId) {
        List<Held> held = new ArrayList<>();
        userGrants.getOrDefault(userId, List.of()).forEach(g -> held.add(new Held(g, "USER")));
        groupGrants.forEach((group, list) -> {
            if (dir.groups.isMember(group, userId)) {
                list.forEach(g -> held.add(new Held(g, "GROUP")));
            }
        });
        return held;
    }

    /**
     * @param label the label
     * @return the new custom role's id ({@code cr0…})
     */
    public String addCustomRole(String label) {
        synchronized (dir) {
            long now = dir.now();
            DirectoryRecords.CustomRole r = new DirectoryRecords.CustomRole(dir.newId("cr0"), label, label + " (custom)",
                    List.of("okta.users.read"), now, now);
            customRoles.put(r.id(), r);
            return r.id();
        }
    }

    /**
     * @param id a custom role
     * @return whether it existed
     */
    public boolean deleteCustomRole(String id) {
        synchronized (dir) {
            return customRoles.remove(id) != null;
        }
    }

    /** @return the custom roles' ids, ordered */
    public List<String> customRoleIds() {
        synchronized (dir) {
            return new ArrayList<>(customRoles.keySet());
        }
    }

    /**
     * @param name the token's name
     * @param userId its owner
     * @return the new token's id ({@code 00T…})
     */
    public String addApiToken(String name, String userId) {
        synchronized (dir) {
            long now = dir.now();
            return putToken(name, userId, "Okta API", now, now);
        }
    }

    String putToken(String name, String userId, String client, long created, long lastUsed) {
        DirectoryRecords.ApiToken t = new DirectoryRecords.ApiToken(dir.newId("00T"), name, userId, client, created,
                lastUsed, lastUsed + Duration.ofDays(30).toMillis());
        tokens.put(t.id(), t);
        return t.id();
    }

    /**
     * @param id a token
     * @return whether it existed (revoked tokens vanish from the listing)
     */
    public boolean revokeApiToken(String id) {
        synchronized (dir) {
            return tokens.remove(id) != null;
        }
    }

    /** @return the API tokens' ids, ordered */
    public List<String> apiTokenIds() {
        synchronized (dir) {
            return new ArrayList<>(tokens.keySet());
        }
    }

    void groupDeleted(String groupId) {
        groupGrants.remove(groupId);
    }

    void userDeleted(String userId) {
        userGrants.remove(userId);
        tokens.values().removeIf(t -> t.userId().equals(userId)); // tokens die with their admin
    }
}
