package dev.oktainputs.apps;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.json.JsonFields;
import dev.oktainputs.core.labels.ImportRules;
import dev.oktainputs.core.labels.LabelTarget;
import dev.oktainputs.core.listing.ListingInput;
import dev.oktainputs.core.listing.ListingSpec;
import java.util.List;
import java.util.Map;

/**
 * The {@code apps} input: every app (ACTIVE and INACTIVE). Okta has no {@code lastUpdated} filter for apps, so
 * every run lists them all: apps that vanished are emitted as DELETE, and between full syncs only apps that are
 * new or whose {@code lastUpdated} moved since the previous run are emitted. Key = app id, timestamp =
 * {@code lastUpdated}, JSON = the app as Okta sent it, labels from {@code import_rules} (app_ids /
 * app_name_regexes on the label).
 */
public final class AppsInput extends ListingInput {

    /** The input's and stream's name. */
    public static final String NAME = "apps";
    /** The OAuth scope. */
    public static final String SCOPE = "okta.apps.read";

    /** Apps per page. */
    public static final InputOption<Integer> PAGE_SIZE = InputOption.integer("page_size", 200, 1, 200,
            "Apps per request (Okta's default is 20, its maximum 200).");

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public AppsInput() {
        super(NAME, SCOPE, "/api/v1/apps?limit=1", List.of(PAGE_SIZE, ImportRules.OPTION));
    }

    @Override
    protected ListingSpec spec(InputContext context) {
        ImportRules rules = context.options().get(ImportRules.OPTION);
        return ListingSpec.builder(NAME, "/api/v1/apps", SCOPE)
                .pageSize(context.options().get(PAGE_SIZE))
                .labels(item -> rules.isEmpty() ? Map.of()
                        : rules.labels(LabelTarget.app(item.id(), JsonFields.read(item.json(), "label"))))
                .deleteLabels(id -> rules.labels(LabelTarget.app(id, null)))
                .build();
    }
}
