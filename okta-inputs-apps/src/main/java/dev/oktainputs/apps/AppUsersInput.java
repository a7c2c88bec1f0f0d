package dev.oktainputs.apps;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.config.SyncOptions;
import dev.oktainputs.core.fanout.Edge;
import dev.oktainputs.core.fanout.EdgeSource;
import dev.oktainputs.core.fanout.FanOutRun;
import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.http.PageRequest;
import dev.oktainputs.core.json.JsonEnvelope;
import dev.oktainputs.core.labels.ImportRules;
import dev.oktainputs.core.labels.LabelTarget;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The {@code app_users} input: one edge per user assigned to an app ({@code GET /api/v1/apps/{id}/users}, 500
 * per page), key {@code appId/userId}, JSON {@code {"appId","userId","appUser":{…as Okta sent it…}}}; the
 * {@code appUser}'s {@code scope} tells a direct assignment ({@code USER}) from one through a group
 * ({@code GROUP}). Every run lists every app's users (no filter exists): removed assignments and the assignments of
 * deleted apps are emitted as DELETE; between full syncs only new assignments and those whose {@code lastUpdated}
 * moved are emitted. All app requests share Okta's small {@code /api/v1/apps} bucket; the governor paces them.
 */
public final class AppUsersInput implements OktaInput {

    /** The input's and stream's name. */
    public static final String NAME = "app_users";

    /** Users per page. */
    public static final InputOption<Integer> PAGE_SIZE = InputOption.integer("page_size", 500, 1, 500,
            "Assigned users per request to /api/v1/apps/{id}/users (Okta's maximum is 500).");
    /** Apps per page of the parent listing. */
    public static final InputOption<Integer> APPS_PAGE_SIZE = InputOption.integer("apps_page_size", 200, 1, 200,
            "Apps per request when listing the apps whose assignments to read.");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String probePath() {
        return "/api/v1/apps?limit=1";
    }

    @Override
    public Set<String> requiredScopes() {
        return Set.of(AppsInput.SCOPE);
    }

    @Override
    public List<InputOption<?>> options() {
        return List.of(PAGE_SIZE, APPS_PAGE_SIZE, SyncOptions.CONCURRENCY, SyncOptions.FULL_SYNC_EVERY,
                SyncOptions.FULL_SYNC, SyncOptions.OVERLAP, ImportRules.OPTION);
    }

    @Override
    public InputRun open(InputContext context, Checkpoint checkpoint) {
        ImportRules rules = context.options().get(ImportRules.OPTION);
        int appsPage = context.options().get(APPS_PAGE_SIZE);
        int usersPage = context.options().get(PAGE_SIZE);
        EdgeSource<AppRef> users = new EdgeSource<>() {
            @Override
            public PageRequest parents(OrgUrl org, Instant since) {
                return AppRef.listing(org, appsPage);
            }

            @Override
            public AppRef parent(PageItem item) {
                return AppRef.of(item);
            }

            @Override
            public PageRequest children(OrgUrl org, AppRef app) {
                return app.children(org, "users", usersPage);
            }

            @Override
            public Edge edge(AppRef app, PageItem user) {
                if (user.id() == null) {
                    return null;
                }
                Instant updated = AppRef.time(user.lastUpdated());
                byte[] json = JsonEnvelope.create().string("appId", app.id()).string("userId", user.id())
                        .raw("appUser", user.json()).toBytes();
                return new Edge(app.id() + "/" + user.id(), updated, updated, json,
                        rules.labels(LabelTarget.app(app.id(), app.label())));
            }
        };
        return new FanOutRun(context, checkpoint, NAME, List.of(users),
                key -> rules.labels(LabelTarget.app(key.substring(0, key.indexOf('/')), null)));
    }
}
