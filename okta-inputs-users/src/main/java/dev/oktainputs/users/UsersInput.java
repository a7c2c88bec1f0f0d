package dev.oktainputs.users;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.config.SyncOptions;
import dev.oktainputs.core.listing.ListingInput;
import dev.oktainputs.core.listing.ListingSpec;
import java.time.Duration;
import java.util.List;

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
public final class UsersInput extends ListingInput {

    /** The input's and stream's name. */
    public static final String NAME = "users";

    /** Users per page; Okta's maximum is 200. */
    public static final InputOption<Integer> PAGE_SIZE = InputOption.integer("page_size", 200, 1, 200,
            "Users per request (Okta allows at most 200).");
    /** How often a full pass runs (the option all listing inputs share). */
    public static final InputOption<Integer> FULL_SYNC_EVERY = SyncOptions.FULL_SYNC_EVERY;
    /** Force a full pass. */
    public static final InputOption<Boolean> FULL_SYNC = SyncOptions.FULL_SYNC;
    /** Re-read window. */
    public static final InputOption<Duration> OVERLAP = SyncOptions.OVERLAP;

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public UsersInput() {
        super(NAME, "okta.users.read", "/api/v1/users?limit=1", List.of(PAGE_SIZE));
    }

    @Override
    protected ListingSpec spec(InputContext context) {
        // Okta's plain /users list omits DEPROVISIONED users; a lastUpdated filter (also on full passes) includes them.
        return ListingSpec.builder(NAME, "/api/v1/users", "okta.users.read")
                .pageSize(context.options().get(PAGE_SIZE))
                .incrementalOn("lastUpdated")
                .build();
    }
}
