package dev.oktainputs.core.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/** Asks the {@link RateLimitGovernor} before each attempt and tells it what the response said. */
final class GovernorInterceptor implements Interceptor {

    private final RateLimitGovernor governor;
    private final CallWaits waits;

    GovernorInterceptor(RateLimitGovernor governor, CallWaits waits) {
        this.governor = governor;
        this.waits = waits;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        String bucket = RateLimitBuckets.keyFor(request.method(), request.url().encodedPath());
        boolean[] acquired = {false};
        try {
            waits.await(chain.call(), () -> {
                governor.acquire(bucket);
                acquired[0] = true;
            });
        } catch (InterruptedIOException e) {
            if (acquired[0]) {
                governor.release(bucket, null); // cancelled just after the slot was granted
            }
            throw e;
        }
        Response response = null;
        try {
            response = chain.proceed(request);
            return response;
        } finally {
            governor.release(bucket, response == null ? null : response.headers());
        }
    }
}
