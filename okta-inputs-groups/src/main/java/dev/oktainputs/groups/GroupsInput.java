package dev.oktainputs.groups;

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
 * The {@code groups} input: every group (OKTA_GROUP, APP_GROUP, BUILT_IN), incremental on {@code lastUpdated} and
 * {@code lastMembershipUpdated}.
 *
 * <ul>
 *   <li>The first run (and every {@code full_sync_every}-th, or on {@code full_sync}) lists all groups; later runs
 *       list {@code filter=lastUpdated ge "<since>" or lastMembershipUpdated ge "<since>"}. A group's
 *       {@code lastUpdated} moves with its profile, not with its members; {@code lastMembershipUpdated} moves with
 *       its members, so a membership change re-emits the group with the fresh value. With
 *       {@code follow_membership_changes: false} the filter is {@code lastUpdated ge "<since>"} alone (profile
 *       changes only; {@code lastMembershipUpdated} in the records may then be as old as the last full sync).</li>
 *   <li>Turning {@code follow_membership_changes} on (it is by default, so also the first run after an upgrade from a
 *       version without it) makes the next run a full sync, once: the old {@code since} says nothing about
 *       membership changes.</li>
 *   <li>Groups deleted in Okta are emitted as DELETE by the next full sync (set difference of ids).</li>
 *   <li>Record key = group id, timestamp = {@code lastUpdated}, JSON = the group as Okta sent it, labels from
 *       {@code import_rules} (group_ids / group_name_regexes).</li>
 * </ul>
 */
public final class GroupsInput extends ListingInput {

    /** The input's and stream's name. */
    public static final String NAME = "groups";
    /** The OAuth scope. */
    public static final String SCOPE = "okta.groups.read";

    /** Groups per page. */
    public static final InputOption<Integer> PAGE_SIZE = InputOption.integer("page_size", 1000, 1, 10_000,
            "Groups per request (Okta allows up to 10000; 200-1000 keeps responses small).");

    /** Whether membership-only changes re-emit the group. */
    public static final InputOption<Boolean> FOLLOW_MEMBERSHIP_CHANGES = InputOption.bool("follow_membership_changes", true,
            "Between full syncs, also re-emit a group whose members changed (filter=lastUpdated ge \"<since>\" or"
                    + " lastMembershipUpdated ge \"<since>\"), so its lastMembershipUpdated is fresh; false: profile changes"
                    + " only, and lastMembershipUpdated may be as old as the last full sync. Turning it on makes the next run a"
                    + " full sync, once.");

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public GroupsInput() {
        super(NAME, SCOPE, "/api/v1/groups?limit=1", List.of(PAGE_SIZE, FOLLOW_MEMBERSHIP_CHANGES, ImportRules.OPTION));
    }

    @Override
    protected ListingSpec spec(InputContext context) {
        ImportRules rules = context.options().get(ImportRules.OPTION);
        return ListingSpec.builder(NAME, "/api/v1/groups", SCOPE)
                .pageSize(context.options().get(PAGE_SIZE))
                .incrementalOn("lastUpdated", context.options().get(FOLLOW_MEMBERSHIP_CHANGES)
                        ? new String[] {"lastMembershipUpdated"} : new String[0])
                .labels(item -> rules.isEmpty() ? Map.of()
                        : rules.labels(LabelTarget.group(item.id(), JsonFields.read(item.json(), "profile.name"))))
                .deleteLabels(id -> rules.labels(LabelTarget.group(id, null)))
                .build();
    }
}
