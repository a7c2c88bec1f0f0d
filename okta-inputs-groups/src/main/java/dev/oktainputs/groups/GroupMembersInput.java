package dev.oktainputs.groups;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.fanout.EdgeSource;
import dev.oktainputs.core.fanout.FanOutInput;
import dev.oktainputs.core.labels.ImportRules;
import dev.oktainputs.core.labels.LabelTarget;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code group_members} input: one edge record per (group, user), key {@code groupId/userId}, JSON
 * {@code {"groupId","userId","login","status"}}.
 *
 * <ul>
 *   <li>A full sync (the first run, every {@code full_sync_every}-th, or {@code full_sync}) lists the members of
 *       every group and emits every edge; edges of groups that no longer exist are deleted at its end.</li>
 *   <li>Other runs list only the groups whose {@code lastMembershipUpdated} moved since the previous run
 *       ({@code filter=lastMembershipUpdated ge "<since>"}), re-list their members, emit the new edges and
 *       DELETE the edges of members that left.</li>
 *   <li>Groups are listed {@code concurrency} at a time under the org-wide rate governor; batches go out in
 *       listing order, one per members page, and the checkpoint names the last group written.</li>
 * </ul>
 */
public final class GroupMembersInput extends FanOutInput {

    /** The input's and stream's name. */
    public static final String NAME = "group_members";

    /** Members per page. */
    public static final InputOption<Integer> PAGE_SIZE = InputOption.integer("page_size", 1000, 1, 1000,
            "Members per request to /api/v1/groups/{id}/users (Okta's default and maximum is 1000; at least 200 keeps"
                    + " big groups cheap).");
    /** Groups per page of the parent listing. */
    public static final InputOption<Integer> GROUPS_PAGE_SIZE = InputOption.integer("groups_page_size", 1000, 1, 10_000,
            "Groups per request when listing the groups whose members to read.");

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public GroupMembersInput() {
        super(GroupsInput.NAME, NAME, List.of(GroupsInput.SCOPE), "/api/v1/groups?limit=1",
                List.of(PAGE_SIZE, GROUPS_PAGE_SIZE, ImportRules.OPTION));
    }

    @Override
    public List<String> keyIds() {
        return List.of("group_id", "user_id");
    }

    @Override
    protected List<EdgeSource<?>> sources(InputContext context) {
        return List.of(new MemberEdges(context.options().get(GROUPS_PAGE_SIZE), context.options().get(PAGE_SIZE),
                context.options().get(ImportRules.OPTION)));
    }

    @Override
    protected Function<String, Map<String, String>> deleteLabels(InputContext context) {
        ImportRules rules = context.options().get(ImportRules.OPTION);
        return key -> rules.labels(LabelTarget.group(key.substring(0, key.indexOf('/')), null));
    }
}
