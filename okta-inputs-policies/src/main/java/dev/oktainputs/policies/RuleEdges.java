package dev.oktainputs.policies;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.fanout.Edge;
import dev.oktainputs.core.fanout.EdgeSource;
import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.http.PageRequest;
import dev.oktainputs.core.time.OktaTime;
import java.time.Instant;
import java.util.Map;

/**
 * The policies of one type as parents ({@code GET /api/v1/policies?type=T}), their rules as children
 * ({@code GET /api/v1/policies/{policyId}/rules}); one record per rule keyed {@code policyId/ruleId} with the rule's
 * JSON as Okta sent it.
 */
final class RuleEdges implements EdgeSource<String> {

    private final String type;

    RuleEdges(String type) {
        this.type = type;
    }

    @Override
    public PageRequest parents(OrgUrl org, Instant since) {
        return PageRequest.array(org.httpUrl().newBuilder().encodedPath("/api/v1/policies")
                .addQueryParameter("type", type).build(), PoliciesInput.SCOPE);
    }

    @Override
    public String parent(PageItem item) {
        return item.id();
    }

    @Override
    public PageRequest children(OrgUrl org, String policyId) {
        return PageRequest.array(org.httpUrl().newBuilder().addPathSegments("api/v1/policies").addPathSegment(policyId)
                .addPathSegment("rules").build(), PoliciesInput.SCOPE);
    }

    @Override
    public Edge edge(String policyId, PageItem rule) {
        if (rule.id() == null) {
            return null;
        }
        Instant updated = OktaTime.parse(rule.lastUpdated());
        return new Edge(policyId + "/" + rule.id(), updated, updated, rule.json(), Map.of());
    }
}
