package dev.oktainputs.apitokens;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRun;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.config.SyncOptions;
import dev.oktainputs.core.listing.ListingRun;
import dev.oktainputs.core.listing.ListingSpec;
import java.util.List;
import java.util.Set;

/**
 * The {@code api_tokens} input: the org's API tokens ({@code GET /api/v1/api-tokens}, one plain array, not paged)
 * with name, owner ({@code userId}), {@code clientName}, {@code created}, {@code expiresAt} (the last use plus
 * {@code tokenWindow}) and network restrictions — never the secret, which Okta does not list. Every run lists them
 * all: revoked or expired tokens are emitted as DELETE; between full syncs only new tokens and those whose
 * {@code lastUpdated} moved (used again) are emitted. Key = token id, JSON = the token as Okta sent it.
 */
public final class ApiTokensInput implements OktaInput {

    /** The input's and stream's name. */
    public static final String NAME = "api_tokens";
    /** The OAuth scope. */
    public static final String SCOPE = "okta.apiTokens.read";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String probePath() {
        return "/api/v1/api-tokens";
    }

    @Override
    public Set<String> requiredScopes() {
        return Set.of(SCOPE);
    }

    @Override
    public List<InputOption<?>> options() {
        return List.of(SyncOptions.FULL_SYNC_EVERY, SyncOptions.FULL_SYNC, SyncOptions.OVERLAP);
    }

    @Override
    public InputRun open(InputContext context, Checkpoint checkpoint) {
        return new ListingRun(context, checkpoint, ListingSpec.builder(NAME, "/api/v1/api-tokens", SCOPE).build());
    }
}
