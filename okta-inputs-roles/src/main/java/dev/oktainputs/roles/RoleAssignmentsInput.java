package dev.oktainputs.roles;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.fanout.EdgeSource;
import dev.oktainputs.core.fanout.FanOutInput;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code role_assignments} input: who holds admin roles.
 *
 * <ol>
 *   <li>Users with role assignments ({@code /api/v1/iam/assignees/users}, items in {@code value}, next link in the
 *       body) and each one's roles ({@code /api/v1/users/{id}/roles}, a plain array): key {@code userId/roleId},
 *       {@code assigneeType USER}. Roles a user holds through a group, when Okta lists them there, carry
 *       {@code "assignmentType":"GROUP"} inside {@code role}.</li>
 *   <li>With {@code group_assignments} (default), every group's roles ({@code /api/v1/groups/{id}/roles}): key
 *       {@code groupId/roleId}, {@code assigneeType GROUP}. Okta has no list of the groups that hold roles, so this
 *       costs one request per group, paced by the governor.</li>
 * </ol>
 *
 * <p>Every run lists everything: revoked assignments are emitted as DELETE; between full syncs only new
 * assignments and those whose {@code lastUpdated} moved are emitted.
 */
public final class RoleAssignmentsInput extends FanOutInput {

    /** The input's and stream's name. */
    public static final String NAME = "role_assignments";

    /** Whether to list group role assignments. */
    public static final InputOption<Boolean> GROUP_ASSIGNMENTS = InputOption.bool("group_assignments", true,
            "Also read each group's role assignments (one request per group; needs okta.groups.read to list the groups).");
    /** Groups per page when listing groups for their roles. */
    public static final InputOption<Integer> GROUPS_PAGE_SIZE = InputOption.integer("groups_page_size", 1000, 1, 10_000,
            "Groups per request when listing the groups whose roles to read.");

    /**
     * Declares the input (found by {@link java.util.ServiceLoader}): scopes {@code okta.roles.read}, then
     * {@code okta.groups.read} (for the group listing), in that order.
     */
    public RoleAssignmentsInput() {
        super(CustomRolesInput.FAMILY, NAME, List.of(CustomRolesInput.SCOPE, "okta.groups.read"),
                "/api/v1/iam/assignees/users?limit=1", List.of(GROUP_ASSIGNMENTS, GROUPS_PAGE_SIZE));
    }

    @Override
    public List<String> keyIds() {
        return List.of("assignee_id", "role_id");
    }

    @Override
    protected List<EdgeSource<?>> sources(InputContext context) {
        List<EdgeSource<?>> phases = new ArrayList<>();
        phases.add(RoleEdges.users());
        if (context.options().get(GROUP_ASSIGNMENTS)) {
            phases.add(RoleEdges.groups(context.options().get(GROUPS_PAGE_SIZE)));
        }
        return phases;
    }
}
