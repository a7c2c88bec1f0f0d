package dev.oktainputs.core.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/** Asks the {@link RateLimitGovernor} before each attempt and tells it what the response said. */
final class GovernorInterceptor implements Interceptor {

    private final RateLimitGovernor governor;

    GovernorInterceptor(RateLimitGovernor governor) {
        this.governor = governor;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        String bucket = RateLimitBuckets.keyFor(request.method(), request.url().encodedPath());
        governor.acquire(bucket);
        Response response = null;
        try {
            response = chain.proceed(request);
            return response;
        } finally {
            governor.release(bucket, response == null ? null : response.headers());
        }
    }
}
