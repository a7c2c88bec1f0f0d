package dev.oktainputs.testkit;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The directory of a {@link FakeOrg} beyond its users: groups (OKTA_GROUP, APP_GROUP and the BUILT_IN
 * {@code Everyone}), memberships, apps with their user and group assignments, and — through {@link #roles()} —
 * admin role assignments, custom roles and API tokens. Generated from the org's seed
 * ({@link #generate(DirectoryShape)} or {@code FakeOrg.builder().directory(shape)}); served by the fake server in
 * Okta's JSON shapes with each endpoint's paging quirks.
 *
 * <p>Mutations ({@link #addMember}, {@link #removeMember}, {@link #deleteApp}, {@link #unassignUser}, …) are
 * thread-safe and stamp {@code lastUpdated} / {@code lastMembershipUpdated} with the org clock's current instant.
 * Everything is kept as small records and ids; JSON is rendered when served, so a 20,000-user org with 2,000
 * groups and 300 apps costs a few megabytes beyond its users.
 */
public final class FakeDirectory {

    private final FakeOrg org;
    private final SplittableRandom random;
    final String orgId;
    final TreeMap<String, FakeGroup> groups = new TreeMap<>();
    final Map<String, TreeMap<String, Long>> members = new HashMap<>();
    final TreeMap<String, FakeApp> apps = new TreeMap<>();
    final Map<String, TreeMap<String, DirectoryRecords.AppAssignment>> appUsers = new HashMap<>();
    final Map<String, TreeMap<String, DirectoryRecords.GroupAssignment>> appGroups = new HashMap<>();
    private final FakeAdminRoles roles;
    String everyoneId;
    private boolean generated;

    FakeDirectory(FakeOrg org, long seed) {
        this.org = org;
        this.random = new SplittableRandom(Ids.mix(seed ^ 0xD17EC7L));
        this.orgId = "00o" + Ids.base62(new SplittableRandom(Ids.mix(seed ^ 0x0E6L)), 17);
        this.roles = new FakeAdminRoles(this);
    }

    /**
     * Fills the directory from the org's seed and current users. Call once, before mutations.
     *
     * @param shape how many of everything
     * @return this directory
     */
    public synchronized FakeDirectory generate(DirectoryShape shape) {
        if (generated) {
            throw new IllegalStateException("the directory was generated already");
        }
        generated = true;
        new DirectoryGenerator(this, random, org.users(), now()).generate(shape);
        return this;
    }

    /** @return admin role assignments, custom roles and API tokens */
    public FakeAdminRoles roles() {
        return roles;
    }

    FakeOrg org() {
        return org;
    }

    SplittableRandom random() {
        return random;
    }

    String linkBase() {
        return org.linkBaseUrl();
    }

    long now() {
        return org.clock().instant().truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
    }

    // ---- groups and memberships ----

    /** @return every group, ordered by id */
    public synchronized List<FakeGroup> groups() {
        return List.copyOf(groups.values());
    }

    /**
     * @param id a group id
     * @return the group, if it exists
     */
    public synchronized Optional<FakeGroup> group(String id) {
        return Optional.ofNullable(groups.get(id));
    }

    /** @return the id of the BUILT_IN Everyone group, or null when the directory has no groups */
    public synchronized String everyoneGroupId() {
        return everyoneId;
    }

    /**
     * @param groupId a group
     * @return its members' user ids, ordered (Everyone: every user)
     */
    public synchronized List<String> members(String groupId) {
        requireGroup(groupId);
        if (groupId.equals(everyoneId)) {
            return new ArrayList<>(org.index().keySet());
        }
        return new ArrayList<>(members.get(groupId).keySet());
    }

    /** @return every membership as {@code groupId/userId}, Everyone's included */
    public synchronized Set<String> membershipKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (String g : groups.keySet()) {
            for (String u : members(g)) {
                keys.add(g + "/" + u);
            }
        }
        return keys;
    }

    /**
     * @param name the new group's name
     * @return the new OKTA_GROUP's id (no members)
     */
    public synchronized String addGroup(String name) {
        long now = now();
        FakeGroup g = new FakeGroup(newId("00g"), FakeGroup.Type.OKTA_GROUP, name, null, now, now, now, linkBase());
        putGroup(g);
        return g.id();
    }

    void putGroup(FakeGroup g) {
        groups.put(g.id(), g);
        if (g.type() == FakeGroup.Type.BUILT_IN) {
            everyoneId = g.id();
        } else {
            members.putIfAbsent(g.id(), new TreeMap<>());
        }
    }

    /**
     * @param groupId a group
     * @param name its new name (stamps lastUpdated)
     */
    public synchronized void renameGroup(String groupId, String name) {
        groups.put(groupId, requireGroup(groupId).renamed(name, now(), linkBase()));
    }

    /**
     * Deletes a group with its memberships, app assignments and role assignments.
     *
     * @param groupId the group
     */
    public synchronized void deleteGroup(String groupId) {
        requireGroup(groupId);
        groups.remove(groupId);
        members.remove(groupId);
        appGroups.values().forEach(m -> m.remove(groupId));
        roles.groupDeleted(groupId);
    }

    /**
     * @param groupId a group (not Everyone)
     * @param userId a user
     * @return whether the user was not a member yet
     */
    public synchronized boolean addMember(String groupId, String userId) {
        TreeMap<String, Long> m = editableMembers(groupId);
        org.user(userId).orElseThrow(() -> new NoSuchElementException("no user " + userId));
        boolean added = m.putIfAbsent(userId, now()) == null;
        if (added) {
            membershipChanged(groupId);
        }
        return added;
    }

    /**
     * @param groupId a group (not Everyone)
     * @param userId a member
     * @return whether the user was a member
     */
    public synchronized boolean removeMember(String groupId, String userId) {
        boolean removed = editableMembers(groupId).remove(userId) != null;
        if (removed) {
            membershipChanged(groupId);
        }
        return removed;
    }

    /**
     * Removes {@code n} memberships chosen from the seed among groups other than Everyone.
     *
     * @param n how many
     * @return the removed memberships as {@code groupId/userId}
     */
    public synchronized List<String> removeRandomMemberships(int n) {
        List<String> candidates = new ArrayList<>();
        members.forEach((g, m) -> m.keySet().forEach(u -> candidates.add(g + "/" + u)));
        candidates.sort(null);
        List<String> removed = new ArrayList<>(n);
        while (removed.size() < n && !candidates.isEmpty()) {
            String key = candidates.remove(random.nextInt(candidates.size()));
            int slash = key.indexOf('/');
            removeMember(key.substring(0, slash), key.substring(slash + 1));
            removed.add(key);
        }
        return removed;
    }

    boolean isMember(String groupId, String userId) {
        if (groupId.equals(everyoneId)) {
            return org.index().containsKey(userId);
        }
        TreeMap<String, Long> m = members.get(groupId);
        return m != null && m.containsKey(userId);
    }

    private TreeMap<String, Long> editableMembers(String groupId) {
        requireGroup(groupId);
        if (groupId.equals(everyoneId)) {
            throw new IllegalArgumentException("Everyone's members are all users; add or delete users instead");
        }
        return members.get(groupId);
    }

    private void membershipChanged(String groupId) {
        groups.put(groupId, groups.get(groupId).withMembershipUpdated(now(), linkBase()));
    }

    FakeGroup requireGroup(String groupId) {
        FakeGroup g = groups.get(groupId);
        if (g == null) {
            throw new NoSuchElementException("no group " + groupId);
        }
        return g;
    }

    // ---- apps and assignments ----

    /** @return every app, ordered by id */
    public synchronized List<FakeApp> apps() {
        return List.copyOf(apps.values());
    }

    /**
     * @param id an app id
     * @return the app, if it exists
     */
    public synchronized Optional<FakeApp> app(String id) {
        return Optional.ofNullable(apps.get(id));
    }

    /**
     * @param appId an app
     * @return the ids of the users assigned to it directly, ordered
     */
    public synchronized List<String> appUsers(String appId) {
        requireApp(appId);
        return new ArrayList<>(appUsers.get(appId).keySet());
    }

    /**
     * @param appId an app
     * @return the ids of the groups assigned to it, ordered
     */
    public synchronized List<String> appGroups(String appId) {
        requireApp(appId);
        return new ArrayList<>(appGroups.get(appId).keySet());
    }

    /** @return every direct app assignment as {@code appId/userId} */
    public synchronized Set<String> appUserKeys() {
        Set<String> keys = new LinkedHashSet<>();
        appUsers.forEach((a, m) -> m.keySet().forEach(u -> keys.add(a + "/" + u)));
        return keys;
    }

    /** @return every group assignment as {@code appId/groupId} */
    public synchronized Set<String> appGroupKeys() {
        Set<String> keys = new LinkedHashSet<>();
        appGroups.forEach((a, m) -> m.keySet().forEach(g -> keys.add(a + "/" + g)));
        return keys;
    }

    /**
     * @param label the new app's label
     * @return the new (ACTIVE, bookmark) app's id
     */
    public synchronized String addApp(String label) {
        long now = now();
        FakeApp app = new FakeApp(newId("0oa"), "bookmark", label, "ACTIVE", "BOOKMARK", now, now, linkBase());
        putApp(app);
        return app.id();
    }

    void putApp(FakeApp app) {
        apps.put(app.id(), app);
        appUsers.putIfAbsent(app.id(), new TreeMap<>());
        appGroups.putIfAbsent(app.id(), new TreeMap<>());
    }

    /**
     * @param appId an app
     * @param label its new label (stamps lastUpdated)
     */
    public synchronized void relabelApp(String appId, String label) {
        apps.put(appId, requireApp(appId).relabelled(label, now(), linkBase()));
    }

    /**
     * Deletes an app with its user and group assignments.
     *
     * @param appId the app
     */
    public synchronized void deleteApp(String appId) {
        requireApp(appId);
        apps.remove(appId);
        appUsers.remove(appId);
        appGroups.remove(appId);
    }

    /**
     * @param appId an app
     * @param userId a user
     * @return whether the assignment is new
     */
    public synchronized boolean assignUser(String appId, String userId) {
        requireApp(appId);
        org.user(userId).orElseThrow(() -> new NoSuchElementException("no user " + userId));
        long now = now();
        return appUsers.get(appId).putIfAbsent(userId, new DirectoryRecords.AppAssignment(now, now)) == null;
    }

    /**
     * @param appId an app
     * @param userId a user
     * @return whether the user was assigned
     */
    public synchronized boolean unassignUser(String appId, String userId) {
        requireApp(appId);
        return appUsers.get(appId).remove(userId) != null;
    }

    /**
     * @param appId an app
     * @param groupId a group
     * @return whether the assignment is new
     */
    public synchronized boolean assignGroup(String appId, String groupId) {
        requireApp(appId);
        requireGroup(groupId);
        TreeMap<String, DirectoryRecords.GroupAssignment> m = appGroups.get(appId);
        return m.putIfAbsent(groupId, new DirectoryRecords.GroupAssignment(m.size(), now())) == null;
    }

    /**
     * @param appId an app
     * @param groupId a group
     * @return whether the group was assigned
     */
    public synchronized boolean unassignGroup(String appId, String groupId) {
        requireApp(appId);
        return appGroups.get(appId).remove(groupId) != null;
    }

    FakeApp requireApp(String appId) {
        FakeApp app = apps.get(appId);
        if (app == null) {
            throw new NoSuchElementException("no app " + appId);
        }
        return app;
    }

    // ---- hooks from FakeOrg ----

    synchronized void usersChanged() {
        if (everyoneId != null) {
            membershipChanged(everyoneId);
        }
    }

    synchronized void userDeleted(String userId) {
        for (Map.Entry<String, TreeMap<String, Long>> e : members.entrySet()) {
            if (e.getValue().remove(userId) != null) {
                membershipChanged(e.getKey());
            }
        }
        usersChanged();
        appUsers.values().forEach(m -> m.remove(userId));
        roles.userDeleted(userId);
    }

    String newId(String prefix) {
        return prefix + Ids.base62(random, 17);
    }

    @Override
    public synchronized String toString() {
        return "FakeDirectory{" + groups.size() + " groups, " + apps.size() + " apps}";
    }
}
