package dev.oktainputs.schemas;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.error.OktaErrorDetails;
import dev.oktainputs.core.error.OktaProtocolException;
import dev.oktainputs.core.fanout.Edge;
import dev.oktainputs.core.fanout.EdgeSource;
import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.http.PageRequest;
import dev.oktainputs.core.json.JsonFields;
import dev.oktainputs.core.time.OktaTime;
import java.time.Instant;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * User types as parents ({@code GET /api/v1/meta/types/user}, one unpaged array), each type's schema as its one child
 * ({@code GET /api/v1/meta/schemas/user/{schemaId}}, a single object: {@link PageRequest#object}). The schema id is
 * the last path segment of the type's {@code _links.schema.href}; the request is built on the org (the link itself
 * is not followed, so credentials go nowhere else). Key = schema id, JSON = the schema as sent.
 */
final class SchemaEdges implements EdgeSource<String> {

    @Override
    public PageRequest parents(OrgUrl org, Instant since) {
        return PageRequest.array(org.httpUrl().newBuilder().encodedPath("/api/v1/meta/types/user").build(),
                UserTypesInput.SCOPE);
    }

    @Override
    public String parent(PageItem type) {
        String href = JsonFields.read(type.json(), "_links.schema.href");
        HttpUrl url = href == null ? null : HttpUrl.parse(href);
        if (url == null || url.pathSize() == 0 || url.pathSegments().get(url.pathSize() - 1).isEmpty()) {
            throw new OktaProtocolException("Okta listed the user type " + type.id() + " without a _links.schema.href"
                    + " naming its schema, so its schema cannot be read. Report it with the type id.",
                    OktaErrorDetails.NONE, null);
        }
        return url.pathSegments().get(url.pathSize() - 1);
    }

    @Override
    public PageRequest children(OrgUrl org, String schemaId) {
        return PageRequest.object(org.httpUrl().newBuilder().addPathSegments("api/v1/meta/schemas/user")
                .addPathSegment(schemaId).build(), UserSchemasInput.SCOPE);
    }

    @Override
    public Edge edge(String schemaId, PageItem schema) {
        Instant updated = OktaTime.parse(schema.lastUpdated());
        return new Edge(schemaId, updated, updated, schema.json(), Map.of());
    }
}
