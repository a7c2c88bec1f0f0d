package dev.oktainputs.core.http;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.auth.TokenChannel;
import dev.oktainputs.core.error.OktaErrorDetails;
import dev.oktainputs.core.error.OktaProtocolException;
import java.io.IOException;
import java.time.Clock;
import java.util.function.UnaryOperator;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The {@link TokenChannel} of an {@link OktaClient}: a second interceptor chain on the client's OkHttp (same
 * connection pool) without the auth interceptor — redacting log → retry → governor → per-attempt build →
 * network. It has its own {@link RateLimitGovernor}: a token request is made while a resource call holds one
 * of the resource governor's concurrency permits, and sharing them could deadlock; its bucket is
 * {@code POST /oauth2/v1/token}.
 */
final class OkHttpTokenChannel implements TokenChannel {

    private final OrgUrl org;
    private final Clock clock;
    private final OkHttpClient http;

    private OkHttpTokenChannel(OrgUrl org, Clock clock, OkHttpClient http) {
        this.org = org;
        this.clock = clock;
        this.http = http;
    }

    /**
     * @param resourceHttp the client's resource chain, whose connection pool and dispatcher the token chain shares
     * @param settings     the client's settings
     * @return the channel
     */
    static OkHttpTokenChannel create(OkHttpClient resourceHttp, ClientSettings settings) {
        OkHttpClient.Builder b = resourceHttp.newBuilder();
        CallWaits waits = new CallWaits(); // token requests are not cancelled from outside; their waits end by time
        b.interceptors().clear();
        b.addInterceptor(settings.logInterceptor())
                .addInterceptor(settings.retryInterceptor(waits))
                .addInterceptor(new GovernorInterceptor(
                        new RateLimitGovernor(settings.clock, settings.sleeper, settings.headroom, 2), waits))
                .addInterceptor(new AttemptInterceptor(settings.org));
        return new OkHttpTokenChannel(settings.org, settings.clock, b.build());
    }

    @Override
    public OrgUrl org() {
        return org;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Reply send(Request outline, UnaryOperator<Request> attempt) throws IOException {
        Request tagged = outline.newBuilder().tag(Attempt.class, new Attempt(attempt)).build();
        try (Response response = http.newCall(tagged).execute()) {
            return new Reply(response.code(), response.headers(), response.body().bytes(), RetryInterceptor.attempts(response));
        }
    }

    /** How to build each attempt's request, carried as an OkHttp tag on the outline. */
    private record Attempt(UnaryOperator<Request> build) {
    }

    /** Innermost: replaces the outline by the attempt's request, which only the network sees. */
    private static final class AttemptInterceptor implements Interceptor {
        private final OrgUrl org;

        AttemptInterceptor(OrgUrl org) {
            this.org = org;
        }

        @Override
        public Response intercept(Chain chain) throws IOException {
            Attempt attempt = chain.request().tag(Attempt.class);
            Request request = attempt == null ? chain.request() : attempt.build().apply(chain.request());
            if (!org.isSameOrigin(request.url())) {
                throw new OktaProtocolException("Refusing to send a token request to " + request.url().scheme() + "://"
                        + request.url().host() + ", which is not the org " + org + ".", OktaErrorDetails.NONE, null);
            }
            return chain.proceed(request);
        }
    }
}
