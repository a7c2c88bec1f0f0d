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
 * The groups of a {@link FakeDirectory} and their members: the OKTA_GROUP and APP_GROUP groups with the time each
 * member was added, and the BUILT_IN {@code Everyone}, whose members are all the org's users. Changing members stamps
 * the group's {@code lastMembershipUpdated}.
 *
 * <p>Not thread-safe by itself: guarded by the directory's monitor, which {@link FakeDirectory}'s methods and the
 * routes hold while they use it.
 */
final class DirectoryGroups {

    private final FakeDirectory dir;
    /** The groups by id. */
    final TreeMap<String, FakeGroup> byId = new TreeMap<>();
    /** Each group's members (user id to when added, epoch ms) by group id; Everyone has none here. */
    final Map<String, TreeMap<String, Long>> members = new HashMap<>();
    /** The id of the BUILT_IN Everyone group, or null when there are no groups. */
    String everyoneId;

    DirectoryGroups(FakeDirectory dir) {
        this.dir = dir;
    }

    List<String> members(String groupId) {
        require(groupId);
        if (groupId.equals(everyoneId)) {
            return new ArrayList<>(dir.org().index().keySet());
        }
        return new ArrayList<>(members.get(groupId).keySet());
    }

    Set<String> membershipKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (String g : byId.keySet()) {
            for (String u : members(g)) {
                keys.add(g + "/" + u);
            }
        }
        return keys;
    }

    String add(String name) {
        long now = dir.now();
        FakeGroup g = new FakeGroup(dir.newId("00g"), FakeGroup.Type.OKTA_GROUP, name, null, now, now, now, dir.linkBase());
        put(g);
        return g.id();
    }

    void put(FakeGroup g) {
        byId.put(g.id(), g);
        if (g.type() == FakeGroup.Type.BUILT_IN) {
            everyoneId = g.id();
        } else {
            members.putIfAbsent(g.id(), new TreeMap<>());
        }
    }

    void rename(String groupId, String name) {
        byId.put(groupId, require(groupId).renamed(name, dir.now(), dir.linkBase()));
    }

    /** Removes the group and its memberships (its app and role assignments are the directory's to remove). */
    void remove(String groupId) {
        require(groupId);
        byId.remove(groupId);
        members.remove(groupId);
    }

    boolean addMember(String groupId, String userId) {
        TreeMap<String, Long> m = editableMembers(groupId);
        dir.org().user(userId).orElseThrow(() -> new NoSuchElementException("no user " + userId));
        boolean added = m.putIfAbsent(userId, dir.now()) == null;
        if (added) {
            membershipChanged(groupId);
        }
        return added;
    }

    boolean removeMember(String groupId, String userId) {
        boolean removed = editableMembers(groupId).remove(userId) != null;
        if (removed) {
            membershipChanged(groupId);
        }
        return removed;
    }

    /** Removes {@code n} memberships chosen from the seed among groups other than Everyone. */
    List<String> removeRandomMemberships(int n) {
        List<String> candidates = new ArrayList<>();
        members.forEach((g, m) -> m.keySet().forEach(u -> candidates.add(g + "/" + u)));
        candidates.sort(null);
        List<String> removed = new ArrayList<>(n);
        while (removed.size() < n && !candidates.isEmpty()) {
            String key = candidates.remove(dir.random().nextInt(candidates.size()));
            int slash = key.indexOf('/');
            removeMember(key.substring(0, slash), key.substring(slash + 1));
            removed.add(key);
        }
        return removed;
    }

    boolean isMember(String groupId, String userId) {
        if (groupId.equals(everyoneId)) {
            return dir.org().index().containsKey(userId);
        }
        TreeMap<String, Long> m = members.get(groupId);
        return m != null && m.containsKey(userId);
    }

    private TreeMap<String, Long> editableMembers(String groupId) {
        require(groupId);
        if (groupId.equals(everyoneId)) {
            throw new IllegalArgumentException("Everyone's members are all users; add or delete users instead");
        }
        return members.get(groupId);
    }

    private void membershipChanged(String groupId) {
        byId.put(groupId, byId.get(groupId).withMembershipUpdated(dir.now(), dir.linkBase()));
    }

    FakeGroup require(String groupId) {
        FakeGroup g = byId.get(groupId);
        if (g == null) {
            throw new NoSuchElementException("no group " + groupId);
        }
        return g;
    }

    /** Users were added or deleted: Everyone's membership changed. */
    void usersChanged() {
        if (everyoneId != null) {
            membershipChanged(everyoneId);
        }
    }

    /** Drops a deleted user's memberships, stamping each group it left and Everyone. */
    void userDeleted(String userId) {
        for (Map.Entry<String, TreeMap<String, Long>> e : members.entrySet()) {
            if (e.getValue().remove(userId) != null) {
                membershipChanged(e.getKey());
            }
        }
        usersChanged();
    }
}
