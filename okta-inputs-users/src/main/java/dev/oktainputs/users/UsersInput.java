package dev.oktainputs.users;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.config.InputOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The {@code users} input: every Okta user, including DEPROVISIONED ones (a plain list omits them, so every
 * request uses a {@code lastUpdated} filter).
 *
 * <ul>
 *   <li>The first run is a full pass; later runs are incremental on {@code lastUpdated}
 *       ({@code filter=lastUpdated ge "<since>"}), and boundary re-reads that were already emitted are dropped.</li>
 *   <li>Every {@code full_sync_every} runs, or when {@code full_sync} is set, a full pass runs again and users
 *       that disappeared since the last full pass are emitted as DELETE.</li>
 *   <li>Record key = user id, timestamp = {@code lastUpdated}, JSON = the user as Okta sent it.</li>
 * </ul>
 */
public final class UsersInput implements OktaInput {

    /** The input's and stream's name. */
    public static final String NAME = "users";

    /** Users per page; Okta's maximum is 200. */
    public static final InputOption<Integer> PAGE_SIZE = InputOption.integer("page_size", 200, 1, 200,
            "Users per request (Okta allows at most 200).");
    /** How often a full pass runs. */
    public static final InputOption<Integer> FULL_SYNC_EVERY = InputOption.integer("full_sync_every", 24, 0, 1_000_000,
            "Run a full pass (which detects deleted users) every N runs; 0 = only the first run.");
    /** Force a full pass. */
    public static final InputOption<Boolean> FULL_SYNC = InputOption.bool("full_sync", false,
            "Make the next run a full pass, whatever full_sync_every says.");
    /** Re-read window. */
    public static final InputOption<Duration> OVERLAP = InputOption.duration("overlap", Duration.ofSeconds(1),
            "How far before the previous run's start an incremental run reads again, to cover clock skew and"
                    + " updates that land while a run is in progress. Re-read users already emitted are dropped.");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> requiredScopes() {
        return Set.of("okta.users.read");
    }

    /** One user: proves the token has {@code okta.users.read} and an admin role that may read users. */
    @Override
    public String probePath() {
        return "/api/v1/users?limit=1";
    }

    @Override
    public List<InputOption<?>> options() {
        return List.of(PAGE_SIZE, FULL_SYNC_EVERY, FULL_SYNC, OVERLAP);
    }

    @Override
    public InputRun open(InputContext context, Checkpoint checkpoint) {
        return new UsersRun(context, checkpoint);
    }
}
