package dev.oktainputs.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;

/**
 * The apps of a {@link FakeDirectory} and who is assigned to them: users directly (scope USER) and groups, with a
 * priority in assignment order.
 *
 * <p>Not thread-safe by itself: guarded by the directory's monitor, which {@link FakeDirectory}'s methods and the
 * routes hold while they use it.
 */
final class DirectoryApps {

    private final FakeDirectory dir;
    /** The apps by id. */
    final TreeMap<String, FakeApp> byId = new TreeMap<>();
    /** Each app's direct user assignments by user id, by app id. */
    final Map<String, TreeMap<String, DirectoryRecords.AppAssignment>> users = new HashMap<>();
    /** Each app's group assignments by group id, by app id. */
    final Map<String, TreeMap<String, DirectoryRecords.GroupAssignment>> groups = new HashMap<>();

    DirectoryApps(FakeDirectory dir) {
        this.dir = dir;
    }

    List<String> users(String appId) {
        require(appId);
        return new ArrayList<>(users.get(appId).keySet());
    }

    List<String> groups(String appId) {
        require(appId);
        return new ArrayList<>(groups.get(appId).keySet());
    }

    Set<String> userKeys() {
        Set<String> keys = new LinkedHashSet<>();
        users.forEach((a, m) -> m.keySet().forEach(u -> keys.add(a + "/" + u)));
        return keys;
    }

    Set<String> groupKeys() {
        Set<String> keys = new LinkedHashSet<>();
        groups.forEach((a, m) -> m.keySet().forEach(g -> keys.add(a + "/" + g)));
        return keys;
    }

    String add(String label) {
        long now = dir.now();
        FakeApp app = new FakeApp(dir.newId("0oa"), "bookmark", label, "ACTIVE", "BOOKMARK", now, now, dir.linkBase());
        put(app);
        return app.id();
    }

    void put(FakeApp app) {
        byId.put(app.id(), app);
        users.putIfAbsent(app.id(), new TreeMap<>());
        groups.putIfAbsent(app.id(), new TreeMap<>());
    }

    void relabel(String appId, String label) {
        byId.put(appId, require(appId).relabelled(label, dir.now(), dir.linkBase()));
    }

    /** Removes the app with its user and group assignments. */
    void remove(String appId) {
        require(appId);
        byId.remove(appId);
        users.remove(appId);
        groups.remove(appId);
    }

    boolean assignUser(String appId, String userId) {
        require(appId);
        dir.org().user(userId).orElseThrow(() -> new NoSuchElementException("no user " + userId));
        long now = dir.now();
        return users.get(appId).putIfAbsent(userId, new DirectoryRecords.AppAssignment(now, now)) == null;
    }

    boolean unassignUser(String appId, String userId) {
        require(appId);
        return users.get(appId).remove(userId) != null;
    }

    /** Assigns a group with the next priority. */
    boolean assignGroup(String appId, String groupId) {
        require(appId);
        dir.groups.require(groupId);
        TreeMap<String, DirectoryRecords.GroupAssignment> m = groups.get(appId);
        return m.putIfAbsent(groupId, new DirectoryRecords.GroupAssignment(m.size(), dir.now())) == null;
    }

    boolean unassignGroup(String appId, String groupId) {
        require(appId);
        return groups.get(appId).remove(groupId) != null;
    }

    FakeApp require(String appId) {
        FakeApp app = byId.get(appId);
        if (app == null) {
            throw new NoSuchElementException("no app " + appId);
        }
        return app;
    }

    /** Drops a deleted group's app assignments. */
    void groupDeleted(String groupId) {
        groups.values().forEach(m -> m.remove(groupId));
    }

    /** Drops a deleted user's direct app assignments. */
    void userDeleted(String userId) {
        users.values().forEach(m -> m.remove(userId));
    }
}
