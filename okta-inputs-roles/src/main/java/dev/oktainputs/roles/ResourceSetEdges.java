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
 * Resource sets as parents ({@code GET /api/v1/iam/resource-sets}, items in {@code resource-sets}, next link in the
 * body), one of their child lists as children: the set's resources ({@code .../{id}/resources}, items in
 * {@code resources}) or its bindings ({@code .../{id}/bindings}, items in {@code roles}). Key
 * {@code resourceSetId/childId}, JSON {@code {"resourceSetId","<field>":{…the child as Okta sent it…}}}.
 */
final class ResourceSetEdges implements EdgeSource<String> {

    private final String childPath;
    private final String itemsField;
    private final String jsonField;
    private final Integer limit;

    private ResourceSetEdges(String childPath, String itemsField, String jsonField, Integer limit) {
        this.childPath = childPath;
        this.itemsField = itemsField;
        this.jsonField = jsonField;
        this.limit = limit;
    }

    /**
     * @param pageSize resources per request ({@code limit})
     * @return the sets' resources, JSON {@code {"resourceSetId","resource":{…}}}
     */
    static ResourceSetEdges resources(int pageSize) {
        return new ResourceSetEdges("resources", "resources", "resource", pageSize);
    }

    /**
     * @return the sets' bindings (Okta's list takes no {@code limit}), JSON {@code {"resourceSetId","role":{…}}}
     */
    static ResourceSetEdges bindings() {
        return new ResourceSetEdges("bindings", "roles", "role", null);
    }

    @Override
    public PageRequest parents(OrgUrl org, Instant since) {
        return new PageRequest(org.httpUrl().newBuilder().encodedPath(ResourceSetsInput.PATH).build(), "resource-sets",
                CustomRolesInput.SCOPE);
    }

    @Override
    public String parent(PageItem item) {
        return item.id();
    }

    @Override
    public PageRequest children(OrgUrl org, String setId) {
        var url = org.httpUrl().newBuilder().encodedPath(ResourceSetsInput.PATH).addPathSegment(setId)
                .addPathSegment(childPath);
        if (limit != null) {
            url.addQueryParameter("limit", Integer.toString(limit));
        }
        return new PageRequest(url.build(), itemsField, CustomRolesInput.SCOPE);
    }

    @Override
    public Edge edge(String setId, PageItem child) {
        if (child.id() == null) {
            return null;
        }
        Instant updated = OktaTime.parse(child.lastUpdated()); // null for a binding: Okta gives it no timestamp
        byte[] json = JsonEnvelope.create().string("resourceSetId", setId).raw(jsonField, child.json()).toBytes();
        return new Edge(setId + "/" + child.id(), updated, updated, json, Map.of());
    }
}
