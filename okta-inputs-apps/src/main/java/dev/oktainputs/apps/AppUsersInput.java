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
 * The {@code app_users} input: one edge per user assigned to an app ({@code GET /api/v1/apps/{id}/users}, 500
 * per page), key {@code appId/userId}, JSON {@code {"appId","userId","appUser":{…as Okta sent it…}}}; the
 * {@code appUser}'s {@code scope} tells a direct assignment ({@code USER}) from one through a group
 * ({@code GROUP}). Every run lists every app's users (no filter exists): removed assignments and the assignments of
 * deleted apps are emitted as DELETE; between full syncs only new assignments and those whose {@code lastUpdated}
 * moved are emitted. All app requests share Okta's small {@code /api/v1/apps} bucket; the governor paces them.
 */
public final class AppUsersInput extends AppAssignmentsInput {

    /** The input's and stream's name. */
    public static final String NAME = "app_users";

    /** Users per page. */
    public static final InputOption<Integer> PAGE_SIZE = InputOption.integer("page_size", 500, 1, 500,
            "Assigned users per request to /api/v1/apps/{id}/users (Okta's maximum is 500).");
    /** Apps per page of the parent listing (shared with {@code app_groups}). */
    public static final InputOption<Integer> APPS_PAGE_SIZE = AppAssignmentsInput.APPS_PAGE_SIZE;

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public AppUsersInput() {
        super(NAME, "users", PAGE_SIZE);
    }

    @Override
    public List<String> keyIds() {
        return List.of("app_id", "user_id");
    }

    @Override
    Edge edge(AppRef app, PageItem user, ImportRules rules) {
        Instant updated = OktaTime.parse(user.lastUpdated());
        byte[] json = JsonEnvelope.create().string("appId", app.id()).string("userId", user.id())
                .raw("appUser", user.json()).toBytes();
        return new Edge(app.id() + "/" + user.id(), updated, updated, json,
                rules.labels(LabelTarget.app(app.id(), app.label())));
    }

    @Override
    Map<String, String> deleteLabels(String appId, String userId, ImportRules rules) {
        return rules.labels(LabelTarget.app(appId, null));
    }
}
