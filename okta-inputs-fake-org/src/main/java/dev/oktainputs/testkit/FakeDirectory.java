package dev.oktainputs.testkit;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

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
 *
 * <p>This class is the directory's API and its lock: the groups and memberships are kept by {@link DirectoryGroups},
 * the apps and assignments by {@link DirectoryApps}, both guarded by this object's monitor.
 */
public final class FakeDirectory {

    private final FakeOrg org;
    private final SplittableRandom random;
    final String orgId;
    final DirectoryGroups groups = new DirectoryGroups(this);
    final DirectoryApps apps = new DirectoryApps(this);
    private final FakeAdminRoles roles;
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

    String newId(String prefix) {
        return prefix + Ids.base62(random, 17);
    }

    // ---- groups and memberships ----

    /** @return every group, ordered by id */
    public synchronized List<FakeGroup> groups() {
        return List.copyOf(groups.byId.values());
    }

    /**
     * @param id a group id
     * @return the group, if it exists
     */
    public synchronized Optional<FakeGroup> group(String id) {
        return Optional.ofNullable(groups.byId.get(id));
    }

    /** @return the id of the BUILT_IN Everyone group, or null when the directory has no groups */
    public synchronized String everyoneGroupId() {
        return groups.everyoneId;
    }

    /**
     * @param groupId a group
     * @return its members' user ids, ordered (Everyone: every user)
     */
    public synchronized List<String> members(String groupId) {
        return groups.members(groupId);
    }

    /** @return every membership as {@code groupId/userId}, Everyone's included */
    public synchronized Set<String> membershipKeys() {
        return groups.membershipKeys();
    }

    /**
     * @param name the new group's name
     * @return the new OKTA_GROUP's id (no members)
     */
    public synchronized String addGroup(String name) {
        return groups.add(name);
    }

    /**
     * @param groupId a group
     * @param name its new name (stamps lastUpdated)
     */
    public synchronized void renameGroup(String groupId, String name) {
        groups.rename(groupId, name);
    }

    /**
     * Deletes a group with its memberships, app assignments and role assignments.
     *
     * @param groupId the group
     */
    public synchronized void deleteGroup(String groupId) {
        groups.remove(groupId);
        apps.groupDeleted(groupId);
        roles.groupDeleted(groupId);
    }

    /**
     * @param groupId a group (not Everyone)
     * @param userId a user
     * @return whether the user was not a member yet
     */
    public synchronized boolean addMember(String groupId, String userId) {
        return groups.addMember(groupId, userId);
    }

    /**
     * @param groupId a group (not Everyone)
     * @param userId a member
     * @return whether the user was a member
     */
    public synchronized boolean removeMember(String groupId, String userId) {
        return groups.removeMember(groupId, userId);
    }

    /**
     * Removes {@code n} memberships chosen from the seed among groups other than Everyone.
     *
     * @param n how many
     * @return the removed memberships as {@code groupId/userId}
     */
    public synchronized List<String> removeRandomMemberships(int n) {
        return groups.removeRandomMemberships(n);
    }

    // ---- apps and assignments ----

    /** @return every app, ordered by id */
    public synchronized List<FakeApp> apps() {
        return List.copyOf(apps.byId.values());
    }

    /**
     * @param id an app id
     * @return the app, if it exists
     */
    public synchronized Optional<FakeApp> app(String id) {
        return Optional.ofNullable(apps.byId.get(id));
    }

    /**
     * @param appId an app
     * @return the ids of the users assigned to it directly, ordered
     */
    public synchronized List<String> appUsers(String appId) {
        return apps.users(appId);
    }

    /**
     * @param appId an app
     * @return the ids of the groups assigned to it, ordered
     */
    public synchronized List<String> appGroups(String appId) {
        return apps.groups(appId);
    }

    /** @return every direct app assignment as {@code appId/userId} */
    public synchronized Set<String> appUserKeys() {
        return apps.userKeys();
    }

    /** @return every group assignment as {@code appId/groupId} */
    public synchronized Set<String> appGroupKeys() {
        return apps.groupKeys();
    }

    /**
     * @param label the new app's label
     * @return the new (ACTIVE, bookmark) app's id
     */
    public synchronized String addApp(String label) {
        return apps.add(label);
    }

    /**
     * @param appId an app
     * @param label its new label (stamps lastUpdated)
     */
    public synchronized void relabelApp(String appId, String label) {
        apps.relabel(appId, label);
    }

    /**
     * Deletes an app with its user and group assignments.
     *
     * @param appId the app
     */
    public synchronized void deleteApp(String appId) {
        apps.remove(appId);
    }

    /**
     * @param appId an app
     * @param userId a user
     * @return whether the assignment is new
     */
    public synchronized boolean assignUser(String appId, String userId) {
        return apps.assignUser(appId, userId);
    }

    /**
     * @param appId an app
     * @param userId a user
     * @return whether the user was assigned
     */
    public synchronized boolean unassignUser(String appId, String userId) {
        return apps.unassignUser(appId, userId);
    }

    /**
     * @param appId an app
     * @param groupId a group
     * @return whether the assignment is new
     */
    public synchronized boolean assignGroup(String appId, String groupId) {
        return apps.assignGroup(appId, groupId);
    }

    /**
     * @param appId an app
     * @param groupId a group
     * @return whether the group was assigned
     */
    public synchronized boolean unassignGroup(String appId, String groupId) {
        return apps.unassignGroup(appId, groupId);
    }

    // ---- hooks from FakeOrg ----

    synchronized void usersChanged() {
        groups.usersChanged();
    }

    synchronized void userDeleted(String userId) {
        groups.userDeleted(userId);
        apps.userDeleted(userId);
        roles.userDeleted(userId);
    }

    @Override
    public synchronized String toString() {
        return "FakeDirectory{" + groups.byId.size() + " groups, " + apps.byId.size() + " apps}";
    }
}
