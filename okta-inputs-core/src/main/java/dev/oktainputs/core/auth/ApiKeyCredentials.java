package dev.oktainputs.core.auth;

import dev.oktainputs.core.Secret;
import java.util.Objects;
import okhttp3.Request;

/** An Okta API token, sent as {@code Authorization: SSWS <token>}. */
public final class ApiKeyCredentials implements OktaCredentials {

    private final Secret token;

    /** @param token the API token */
    public ApiKeyCredentials(Secret token) {
        this.token = Objects.requireNonNull(token, "token");
    }

    @Override
    public Request authorize(Request request) {
        return request.newBuilder().header("Authorization", "SSWS " + token.reveal()).build();
    }

    @Override
    public String kind() {
        return "API token";
    }

    @Override
    public String toString() {
        return "ApiKeyCredentials[token=[hidden]]";
    }
}
