package dev.oktainputs.groups;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.listing.ListingInput;
import dev.oktainputs.core.listing.ListingSpec;
import java.util.List;

/**
 * The {@code group_rules} input (family {@code group_rules}, not {@code groups}: enabling {@code groups} does not start
 * it): the org's group rules ({@code GET /api/v1/groups/rules}), each an expression on the user profile and the groups
 * it assigns matching users to. Key = rule id, JSON as Okta sent it. Okta searches rules only by name
 * ({@code search}), so every run lists all: removed rules are DELETEs, between full syncs only new or changed ones
 * are emitted. {@code expand=groupIdToGroupNameMap} is not asked for: the names it embeds change with a group rename
 * without moving the rule's {@code lastUpdated}, so they would go stale between full syncs; the {@code groups} stream
 * has them.
 */
public final class GroupRulesInput extends ListingInput {

    /** The input's, stream's and family's name. */
    public static final String NAME = "group_rules";

    /** Rules per page: Okta's maximum is 200, its default 50. */
    public static final InputOption<Integer> PAGE_SIZE = InputOption.integer("page_size", 200, 1, 200,
            "Group rules per request to /api/v1/groups/rules (Okta's maximum is 200).");

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public GroupRulesInput() {
        super(NAME, NAME, GroupsInput.SCOPE, "/api/v1/groups/rules?limit=1", List.of(PAGE_SIZE));
    }

    @Override
    protected ListingSpec spec(InputContext context) {
        return ListingSpec.builder(NAME, "/api/v1/groups/rules", GroupsInput.SCOPE)
                .pageSize(context.options().get(PAGE_SIZE)).build();
    }
}
