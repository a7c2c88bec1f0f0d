package dev.oktainputs.devices;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.DeclaredInput;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.config.SyncOptions;
import dev.oktainputs.core.listing.FeatureGuardedRun;
import dev.oktainputs.core.listing.ListingRun;
import dev.oktainputs.core.listing.ListingSpec;
import java.util.List;

/**
 * The {@code devices} input (family {@code devices}): the devices registered in the org (Identity Engine;
 * {@code GET /api/v1/devices?expand=user}), each with its enrolled users in {@code _embedded.users}. Key = device id,
 * JSON as Okta sent it. Okta's {@code search} on this endpoint is eventually consistent (its spec warns against
 * using the results for record updates) and is not core's {@code filter}, so every run lists all: removed devices are
 * DELETEs, between full syncs only new or changed ones are emitted. A plain listing ({@link ListingRun}) except that
 * an org without the endpoint ({@code E0000015} or 404) gets one warning and an empty run ({@link FeatureGuardedRun}).
 */
public final class DevicesInput extends DeclaredInput {

    /** The OAuth scope. */
    static final String SCOPE = "okta.devices.read";

    /** Devices per page: Okta's maximum and default are 200. */
    public static final InputOption<Integer> PAGE_SIZE = InputOption.integer("page_size", 200, 1, 200,
            "Devices per request to /api/v1/devices (Okta's maximum is 200).");

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public DevicesInput() {
        super("devices", "devices", List.of(SCOPE), "/api/v1/devices?limit=1", options(List.of(PAGE_SIZE),
                SyncOptions.LISTING));
    }

    /** @return true: an org without the Identity Engine lacks the endpoint */
    @Override
    public boolean optionalFeature() {
        return true;
    }

    @Override
    public InputRun open(InputContext context, Checkpoint checkpoint) {
        return new FeatureGuardedRun(context.client().orgUrl().toString(), name(), new ListingRun(context, checkpoint,
                ListingSpec.builder(name(), "/api/v1/devices", SCOPE).pageSize(context.options().get(PAGE_SIZE))
                        .query("expand", "user").build()));
    }
}
