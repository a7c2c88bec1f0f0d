package dev.oktainputs.factors;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.fanout.Edge;
import dev.oktainputs.core.fanout.EdgeSource;
import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.http.PageRequest;
import dev.oktainputs.core.time.OktaTime;
import java.time.Instant;
import java.util.Map;

/**
 * The users and their factors: parents are the users ({@code GET /api/v1/users?filter=lastUpdated gt "…"}, which also
 * lists DEPROVISIONED users), children each user's factors ({@code GET /api/v1/users/{id}/factors}, one request, not
 * paged), an edge per factor with key {@code userId/factorId} and the factor's JSON exactly as Okta sent it.
 */
final class FactorEdges implements EdgeSource<String> {

    /** The scope both listings need. */
    static final String SCOPE = "okta.users.read";
    private static final String EPOCH = "1970-01-01T00:00:00.000Z";

    private final int usersPageSize;

    FactorEdges(int usersPageSize) {
        this.usersPageSize = usersPageSize;
    }

    @Override
    public PageRequest parents(OrgUrl org, Instant since) {
        return PageRequest.array(org.httpUrl().newBuilder().addPathSegments("api/v1/users")
                .addQueryParameter("limit", Integer.toString(usersPageSize))
                .addQueryParameter("filter", "lastUpdated gt \"" + (since == null ? EPOCH : OktaTime.format(since)) + "\"")
                .build(), SCOPE);
    }

    /** Users can be listed by {@code lastUpdated}; the factor events are read by {@link FactorChanges}. */
    @Override
    public boolean filtersParents() {
        return true;
    }

    @Override
    public String parent(PageItem item) {
        return item.id();
    }

    @Override
    public PageRequest children(OrgUrl org, String userId) {
        return PageRequest.array(org.httpUrl().newBuilder().addPathSegments("api/v1/users").addPathSegment(userId)
                .addPathSegment("factors").build(), SCOPE);
    }

    @Override
    public Edge edge(String userId, PageItem factor) {
        if (factor.id() == null) {
            return null;
        }
        Instant changed = factor.lastUpdated() == null ? null : OktaTime.parse(factor.lastUpdated());
        return new Edge(userId + "/" + factor.id(), changed, changed, factor.json(), Map.of());
    }
}
