package dev.oktainputs.apps;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.fanout.Edge;
import dev.oktainputs.core.fanout.EdgeSource;
import dev.oktainputs.core.fanout.FanOutInput;
import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.http.PageRequest;
import dev.oktainputs.core.labels.ImportRules;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What {@code app_users} and {@code app_groups} share: list every app ({@code /api/v1/apps}), then each app's
 * assignments ({@code /api/v1/apps/{id}/<children>}) as edges, fanned out under the org-wide governor. A subclass
 * says which children and how an assignment becomes an edge.
 */
abstract class AppAssignmentsInput extends FanOutInput {

    /** Apps per page of the parent listing. */
    static final InputOption<Integer> APPS_PAGE_SIZE = InputOption.integer("apps_page_size", 200, 1, 200,
            "Apps per request when listing the apps whose assignments to read.");

    private final String children;
    private final InputOption<Integer> pageSize;

    AppAssignmentsInput(String name, String children, InputOption<Integer> pageSize) {
        super(AppsInput.NAME, name, List.of(AppsInput.SCOPE), "/api/v1/apps?limit=1",
                List.of(pageSize, APPS_PAGE_SIZE, ImportRules.OPTION));
        this.children = children;
        this.pageSize = pageSize;
    }

    /**
     * @param app        the app
     * @param assignment one of its assignments
     * @param rules      the import rules
     * @return the edge of one assignment, or null to skip it (no id)
     */
    abstract Edge edge(AppRef app, PageItem assignment, ImportRules rules);

    /**
     * @param appId   the app
     * @param childId the assigned user or group
     * @param rules   the import rules
     * @return the labels of a DELETE of edge {@code appId/childId}
     */
    abstract Map<String, String> deleteLabels(String appId, String childId, ImportRules rules);

    @Override
    protected final List<EdgeSource<?>> sources(InputContext context) {
        ImportRules rules = context.options().get(ImportRules.OPTION);
        int appsPage = context.options().get(APPS_PAGE_SIZE);
        int childPage = context.options().get(pageSize);
        return List.of(new EdgeSource<AppRef>() {
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
                return app.children(org, children, childPage);
            }

            @Override
            public Edge edge(AppRef app, PageItem assignment) {
                return assignment.id() == null ? null : AppAssignmentsInput.this.edge(app, assignment, rules);
            }
        });
    }

    @Override
    protected final Function<String, Map<String, String>> deleteLabels(InputContext context) {
        ImportRules rules = context.options().get(ImportRules.OPTION);
        return key -> {
            int slash = key.indexOf('/');
            return deleteLabels(key.substring(0, slash), key.substring(slash + 1), rules);
        };
    }
}
