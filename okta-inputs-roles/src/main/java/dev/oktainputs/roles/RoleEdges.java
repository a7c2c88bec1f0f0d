package dev.oktainputs.roles;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.fanout.Edge;
import dev.oktainputs.core.fanout.EdgeSource;
import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.http.PageRequest;
import dev.oktainputs.core.json.JsonEnvelope;
import dev.oktainputs.core.time.OktaTime;
import java.time.Instant;
import java.util.Map;

/**
 * Role assignments of one kind of assignee: users ({@code /api/v1/iam/assignees/users} → {@code
 * /api/v1/users/{id}/roles}) or groups ({@code /api/v1/groups} → {@code /api/v1/groups/{id}/roles}). Key
 * {@code assigneeId/roleAssignmentId}, JSON {@code {"assigneeType","assigneeId","role":{…as Okta sent it…}}}.
 */
final class RoleEdges implements EdgeSource<String> {

    private final String assigneeType;
    private final PageRequestFactory parents;
    private final String childPath;

    /** Builds the first parent page on an org. */
    @FunctionalInterface
    interface PageRequestFactory {
        PageRequest on(OrgUrl org);
    }

    private RoleEdges(String assigneeType, PageRequestFactory parents, String childPath) {
        this.assigneeType = assigneeType;
        this.parents = parents;
        this.childPath = childPath;
    }

    /** Users holding roles: the list wraps its items in {@code value} and pages with a body next link. */
    static RoleEdges users() {
        return new RoleEdges("USER", org -> new PageRequest(org.httpUrl().newBuilder().encodedPath("/api/v1/iam/assignees/users")
                .addQueryParameter("limit", "100").build(), "value", CustomRolesInput.SCOPE), "users");
    }

    /** Every group, each asked for its roles (Okta has no list of the groups that hold roles). */
    static RoleEdges groups(int pageSize) {
        return new RoleEdges("GROUP", org -> PageRequest.array(org.httpUrl().newBuilder().encodedPath("/api/v1/groups")
                .addQueryParameter("limit", Integer.toString(pageSize)).build(), "okta.groups.read"), "groups");
    }

    @Override
    public PageRequest parents(OrgUrl org, Instant since) {
        return parents.on(org);
    }

    @Override
    public String parent(PageItem item) {
        return item.id();
    }

    @Override
    public PageRequest children(OrgUrl org, String assignee) {
        // a plain array, not paged
        return PageRequest.array(org.httpUrl().newBuilder().addPathSegments("api/v1").addPathSegment(childPath)
                .addPathSegment(assignee).addPathSegment("roles").build(), CustomRolesInput.SCOPE);
    }

    @Override
    public Edge edge(String assignee, PageItem role) {
        if (role.id() == null) {
            return null;
        }
        Instant updated = OktaTime.parse(role.lastUpdated());
        byte[] json = JsonEnvelope.create().string("assigneeType", assigneeType).string("assigneeId", assignee)
                .raw("role", role.json()).toBytes();
        return new Edge(assignee + "/" + role.id(), updated, updated, json, Map.of());
    }

}
