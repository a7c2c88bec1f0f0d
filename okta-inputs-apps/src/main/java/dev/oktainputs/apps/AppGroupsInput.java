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
 * The {@code app_groups} input: one edge per group assigned to an app ({@code GET /api/v1/apps/{id}/groups}, 200
 * per page), key {@code appId/groupId}, JSON {@code {"appId","groupId","assignment":{…as Okta sent it…}}}. Labels
 * come from import rules on the app and on the group (the higher priority wins). Deletion semantics as
 * {@code app_users}.
 */
public final class AppGroupsInput implements OktaInput {

    /** The input's and stream's name. */
    public static final String NAME = "app_groups";

    /** Groups per page. */
    public static final InputOption<Integer> PAGE_SIZE = InputOption.integer("page_size", 200, 1, 200,
            "Assigned groups per request to /api/v1/apps/{id}/groups (Okta's default is 20, its maximum 200).");

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
        return List.of(PAGE_SIZE, AppUsersInput.APPS_PAGE_SIZE, SyncOptions.CONCURRENCY, SyncOptions.FULL_SYNC_EVERY,
                SyncOptions.FULL_SYNC, SyncOptions.OVERLAP, ImportRules.OPTION);
    }

    @Override
    public InputRun open(InputContext context, Checkpoint checkpoint) {
        ImportRules rules = context.options().get(ImportRules.OPTION);
        int appsPage = context.options().get(AppUsersInput.APPS_PAGE_SIZE);
        int groupsPage = context.options().get(PAGE_SIZE);
        EdgeSource<AppRef> groups = new EdgeSource<>() {
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
                return app.children(org, "groups", groupsPage);
            }

            @Override
            public Edge edge(AppRef app, PageItem group) {
                if (group.id() == null) {
                    return null;
                }
                Instant updated = AppRef.time(group.lastUpdated());
                byte[] json = JsonEnvelope.create().string("appId", app.id()).string("groupId", group.id())
                        .raw("assignment", group.json()).toBytes();
                return new Edge(app.id() + "/" + group.id(), updated, updated, json,
                        rules.labels(new LabelTarget(app.id(), app.label(), group.id(), null)));
            }
        };
        return new FanOutRun(context, checkpoint, NAME, List.of(groups), key -> {
            int slash = key.indexOf('/');
            return rules.labels(new LabelTarget(key.substring(0, slash), null, key.substring(slash + 1), null));
        });
    }
}
