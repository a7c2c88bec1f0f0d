package dev.oktainputs.apps;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.http.PageRequest;
import dev.oktainputs.core.json.JsonFields;
import dev.oktainputs.core.time.OktaTime;
import java.time.Instant;

/**
 * An app as the parent of assignment edges: its id and label (for import rules), and the listing both edge
 * inputs walk ({@code GET /api/v1/apps}; no filter exists, so every run lists all apps).
 *
 * @param id    the app id
 * @param label the app's label
 */
record AppRef(String id, String label) {

    static AppRef of(PageItem item) {
        return new AppRef(item.id(), JsonFields.read(item.json(), "label"));
    }

    static PageRequest listing(OrgUrl org, int pageSize) {
        return PageRequest.array(org.httpUrl().newBuilder().encodedPath("/api/v1/apps")
                .addQueryParameter("limit", Integer.toString(pageSize)).build(), AppsInput.SCOPE);
    }

    PageRequest children(OrgUrl org, String what, int pageSize) {
        return PageRequest.array(org.httpUrl().newBuilder().addPathSegments("api/v1/apps").addPathSegment(id)
                .addPathSegment(what).addQueryParameter("limit", Integer.toString(pageSize)).build(), AppsInput.SCOPE);
    }

}
