package dev.oktainputs.groups;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.fanout.Edge;
import dev.oktainputs.core.fanout.EdgeSource;
import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.http.PageRequest;
import dev.oktainputs.core.json.JsonEnvelope;
import dev.oktainputs.core.json.JsonFields;
import dev.oktainputs.core.labels.ImportRules;
import dev.oktainputs.core.labels.LabelTarget;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * Groups as parents ({@code GET /api/v1/groups}, filtered on {@code lastMembershipUpdated} between full syncs),
 * their members as children ({@code GET /api/v1/groups/{id}/users}); one edge per (group, user) keyed
 * {@code groupId/userId} with JSON {@code {"groupId","userId","login","status"}}.
 */
final class MemberEdges implements EdgeSource<GroupRef> {

    private static final DateTimeFormatter OKTA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Set<String> GROUP_FIELDS = Set.of("profile.name", "lastMembershipUpdated");
    private static final Set<String> MEMBER_FIELDS = Set.of("status", "profile.login");

    private final int groupsPageSize;
    private final int membersPageSize;
    private final ImportRules rules;

    MemberEdges(int groupsPageSize, int membersPageSize, ImportRules rules) {
        this.groupsPageSize = groupsPageSize;
        this.membersPageSize = membersPageSize;
        this.rules = rules;
    }

    @Override
    public PageRequest parents(OrgUrl org, Instant since) {
        var url = org.httpUrl().newBuilder().encodedPath("/api/v1/groups")
                .addQueryParameter("limit", Integer.toString(groupsPageSize));
        if (since != null) {
            url.addQueryParameter("filter", "lastMembershipUpdated ge \"" + OKTA_TIME.format(since) + "\"");
        }
        return PageRequest.array(url.build(), GroupsInput.SCOPE);
    }

    @Override
    public boolean filtersParents() {
        return true;
    }

    @Override
    public GroupRef parent(PageItem item) {
        Map<String, String> f = JsonFields.read(item.json(), GROUP_FIELDS);
        String name = f.get("profile.name");
        return new GroupRef(item.id(), name, time(f.get("lastMembershipUpdated")),
                rules.labels(LabelTarget.group(item.id(), name)));
    }

    @Override
    public PageRequest children(OrgUrl org, GroupRef group) {
        return PageRequest.array(org.httpUrl().newBuilder().addPathSegments("api/v1/groups").addPathSegment(group.id())
                .addPathSegment("users").addQueryParameter("limit", Integer.toString(membersPageSize)).build(), GroupsInput.SCOPE);
    }

    @Override
    public Edge edge(GroupRef group, PageItem member) {
        if (member.id() == null) {
            return null;
        }
        Map<String, String> f = JsonFields.read(member.json(), MEMBER_FIELDS);
        byte[] json = JsonEnvelope.create().string("groupId", group.id()).string("userId", member.id())
                .string("login", f.get("profile.login")).string("status", f.get("status")).toBytes();
        Instant updated = time(member.lastUpdated());
        Instant ts = group.lastMembershipUpdated() != null ? group.lastMembershipUpdated() : updated;
        return new Edge(group.id() + "/" + member.id(), ts, updated, json, group.labels());
    }

    static Instant time(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
