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
import dev.oktainputs.core.time.OktaTime;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Groups as parents ({@code GET /api/v1/groups}, filtered on {@code lastMembershipUpdated} between full syncs),
 * their members as children ({@code GET /api/v1/groups/{id}/users}); one edge per (group, user) keyed
 * {@code groupId/userId} with JSON {@code {"groupId","userId","login","status"}}.
 */
final class MemberEdges implements EdgeSource<GroupRef> {
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
            url.addQueryParameter("filter", "lastMembershipUpdated ge \"" + OktaTime.format(since) + "\"");
        }
        return PageRequest.array(url.build(), GroupsInput.SCOPE).withFields(GROUP_FIELDS);
    }

    @Override
    public boolean filtersParents() {
        return true;
    }

    @Override
    public GroupRef parent(PageItem item) {
        Map<String, String> f = fields(item, GROUP_FIELDS);
        String name = f.get("profile.name");
        return new GroupRef(item.id(), name, OktaTime.parse(f.get("lastMembershipUpdated")),
                rules.labels(LabelTarget.group(item.id(), name)));
    }

    @Override
    public PageRequest children(OrgUrl org, GroupRef group) {
        return PageRequest.array(org.httpUrl().newBuilder().addPathSegments("api/v1/groups").addPathSegment(group.id())
                .addPathSegment("users").addQueryParameter("limit", Integer.toString(membersPageSize)).build(), GroupsInput.SCOPE)
                .withFields(MEMBER_FIELDS);
    }

    @Override
    public Edge edge(GroupRef group, PageItem member) {
        if (member.id() == null) {
            return null;
        }
        Map<String, String> f = fields(member, MEMBER_FIELDS);
        byte[] json = JsonEnvelope.create().string("groupId", group.id()).string("userId", member.id())
                .string("login", f.get("profile.login")).string("status", f.get("status")).toBytes();
        Instant updated = OktaTime.parse(member.lastUpdated());
        Instant ts = group.lastMembershipUpdated() != null ? group.lastMembershipUpdated() : updated;
        return new Edge(group.id() + "/" + member.id(), ts, updated, json, group.labels());
    }

    /** The fields the page parser picked up for the request, or (an item from elsewhere) read from its bytes. */
    private static Map<String, String> fields(PageItem item, Set<String> paths) {
        return item.fields() != null ? item.fields() : JsonFields.read(item.json(), paths);
    }
}
