package dev.oktainputs.apitokens;

import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.listing.ListingInput;
import dev.oktainputs.core.listing.ListingSpec;
import java.util.List;

/**
 * The {@code api_tokens} input: the org's API tokens ({@code GET /api/v1/api-tokens}, one plain array, not paged)
 * with name, owner ({@code userId}), {@code clientName}, {@code created}, {@code expiresAt} (the last use plus
 * {@code tokenWindow}) and network restrictions — never the secret, which Okta does not list. Every run lists them
 * all: revoked or expired tokens are emitted as DELETE; between full syncs only new tokens and those whose
 * {@code lastUpdated} moved (used again) are emitted. Key = token id, JSON = the token as Okta sent it.
 */
public final class ApiTokensInput extends ListingInput {

    /** The input's and stream's name. */
    public static final String NAME = "api_tokens";
    /** The OAuth scope. */
    public static final String SCOPE = "okta.apiTokens.read";

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public ApiTokensInput() {
        super(NAME, SCOPE, "/api/v1/api-tokens", List.of());
    }

    @Override
    protected ListingSpec spec(InputContext context) {
        return ListingSpec.builder(NAME, "/api/v1/api-tokens", SCOPE).build();
    }
}
