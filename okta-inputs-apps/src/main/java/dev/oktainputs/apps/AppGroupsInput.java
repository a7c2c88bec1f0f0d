package dev.oktainputs.apps;

import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.fanout.Edge;
import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.json.JsonEnvelope;
import dev.oktainputs.core.labels.ImportRules;
import dev.oktainputs.core.labels.LabelTarget;
import dev.oktainputs.core.time.OktaTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code app_groups} input: one edge per group assigned to an app ({@code GET /api/v1/apps/{id}/groups}, 200
 * per page), key {@code appId/groupId}, JSON {@code {"appId","groupId","assignment":{…as Okta sent it…}}}. Labels
 * come from import rules on the app and on the group (the higher priority wins). Deletion semantics as
 * {@code app_users}.
 */
public final class AppGroupsInput extends AppAssignmentsInput {

    /** The input's and stream's name. */
    public static final String NAME = "app_groups";

    /** Groups per page. */
    public static final InputOption<Integer> PAGE_SIZE = InputOption.integer("page_size", 200, 1, 200,
            "Assigned groups per request to /api/v1/apps/{id}/groups (Okta's default is 20, its maximum 200).");

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public AppGroupsInput() {
        super(NAME, "groups", PAGE_SIZE);
    }

    @Override
    public List<String> keyIds() {
        return List.of("app_id", "group_id");
    }

    @Override
    Edge edge(AppRef app, PageItem group, ImportRules rules) {
        Instant updated = OktaTime.parse(group.lastUpdated());
        byte[] json = JsonEnvelope.create().string("appId", app.id()).string("groupId", group.id())
                .raw("assignment", group.json()).toBytes();
        return new Edge(app.id() + "/" + group.id(), updated, updated, json,
                rules.labels(new LabelTarget(app.id(), app.label(), group.id(), null)));
    }

    @Override
    Map<String, String> deleteLabels(String appId, String groupId, ImportRules rules) {
        return rules.labels(new LabelTarget(appId, null, groupId, null));
    }
}
