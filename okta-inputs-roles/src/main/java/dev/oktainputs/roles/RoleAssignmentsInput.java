package dev.oktainputs.roles;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.config.SyncOptions;
import dev.oktainputs.core.fanout.EdgeSource;
import dev.oktainputs.core.fanout.FanOutRun;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
public final class RoleAssignmentsInput implements OktaInput {

    /** The input's and stream's name. */
    public static final String NAME = "role_assignments";

    /** Whether to list group role assignments. */
    public static final InputOption<Boolean> GROUP_ASSIGNMENTS = InputOption.bool("group_assignments", true,
            "Also read each group's role assignments (one request per group; needs okta.groups.read to list the groups).");
    /** Groups per page when listing groups for their roles. */
    public static final InputOption<Integer> GROUPS_PAGE_SIZE = InputOption.integer("groups_page_size", 1000, 1, 10_000,
            "Groups per request when listing the groups whose roles to read.");

    @Override
    public String name() {
        return NAME;
    }

    /** @return {@code okta.roles.read}, then {@code okta.groups.read} (for the group listing), in that order */
    @Override
    public String probePath() {
        return "/api/v1/iam/assignees/users?limit=1";
    }

    @Override
    public Set<String> requiredScopes() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(CustomRolesInput.SCOPE, "okta.groups.read")));
    }

    @Override
    public List<InputOption<?>> options() {
        return List.of(GROUP_ASSIGNMENTS, GROUPS_PAGE_SIZE, SyncOptions.CONCURRENCY, SyncOptions.FULL_SYNC_EVERY,
                SyncOptions.FULL_SYNC, SyncOptions.OVERLAP, SyncOptions.BATCH_MAX_RECORDS);
    }

    @Override
    public InputRun open(InputContext context, Checkpoint checkpoint) {
        List<EdgeSource<?>> phases = new ArrayList<>();
        phases.add(RoleEdges.users());
        if (context.options().get(GROUP_ASSIGNMENTS)) {
            phases.add(RoleEdges.groups(context.options().get(GROUPS_PAGE_SIZE)));
        }
        return new FanOutRun(context, checkpoint, NAME, phases, key -> Map.of());
    }
}
