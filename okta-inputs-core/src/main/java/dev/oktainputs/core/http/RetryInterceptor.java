package dev.oktainputs.core.http;

import dev.oktainputs.core.error.OktaErrors;
import dev.oktainputs.core.error.OktaException;
import dev.oktainputs.core.time.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries 429, 5xx and I/O failures according to a {@link RetryPolicy}. Sits outside the governor and the
 * auth interceptor, so every attempt is paced and authorised afresh.
 *
 * <p>Bodies are read here, inside the retry loop: a body cut short is an I/O failure like any other and is
 * retried. A page is held in memory once as bytes, which keeps memory at O(page) while making the whole
 * exchange retriable.
 *
 * <p>Each response it returns carries the number of attempts it took in an internal header, which
 * {@link #attempts(Response)} and {@link #successBody} read back for error messages.
 */
final class RetryInterceptor implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(RetryInterceptor.class);
    /** Internal response header by which this interceptor reports the number of attempts. */
    private static final String ATTEMPTS_HEADER = "X-Okta-Inputs-Attempts";

    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final CallWaits waits;
    private final DoubleSupplier random;
    private final long maxBodyBytes;

    RetryInterceptor(RetryPolicy policy, Clock clock, Sleeper sleeper, DoubleSupplier random, CallWaits waits,
                     long maxBodyBytes) {
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
        this.waits = waits;
        this.random = random;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Instant start = clock.instant();
        int attempt = 0;
        while (true) {
            attempt++;
            Response response;
            try {
                Response head = chain.proceed(chain.request());
                EarlyHeaders early = chain.request().tag(EarlyHeaders.class);
                if (early != null && head.code() == 200) {
                    early.arrived(head);
                }
                response = buffered(head);
            } catch (IOException e) {
                if (e instanceof ResponseTooLargeException || chain.call().isCanceled() || e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                Duration wait = policy.backoff(attempt, random.getAsDouble());
                if (!mayRetry(attempt, start, wait)) {
                    throw e;
                }
                LOG.debug("{} {} failed ({}), attempt {}/{}; retrying in {} ms", chain.request().method(),
                        chain.request().url().encodedPath(), e.getClass().getSimpleName(), attempt, policy.maxAttempts(), wait.toMillis());
                pause(chain, wait);
                continue;
            }
            int code = response.code();
            if (code != 429 && !isRetriableServerError(code)) {
                return response.newBuilder().header(ATTEMPTS_HEADER, Integer.toString(attempt)).build();
            }
            Duration wait = code == 429 ? rateLimitWait(response, attempt) : policy.backoff(attempt, random.getAsDouble());
            if (!mayRetry(attempt, start, wait)) {
                return response.newBuilder().header(ATTEMPTS_HEADER, Integer.toString(attempt)).build();
            }
            LOG.info("{} {} answered {}, attempt {}/{}; retrying in {} ms", chain.request().method(),
                    chain.request().url().encodedPath(), code, attempt, policy.maxAttempts(), wait.toMillis());
            response.close();
            pause(chain, wait);
        }
    }

    /**
     * @param response a response that came through this interceptor
     * @return the attempts it took, for the error's message; 1 when not told
     */
    static int attempts(Response response) {
        String v = response.header(ATTEMPTS_HEADER);
        try {
            return v == null ? 1 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * @param response a response that came through this interceptor
     * @param info     the request, for the error's message
     * @return its body, when the response is a success
     * @throws OktaException classified (with the attempts it took), when it is not
     * @throws IOException   when the body cannot be read
     */
    static byte[] successBody(Response response, OktaErrors.RequestInfo info) throws IOException {
        byte[] body = response.body() instanceof BytesBody held ? held.bytes : response.body().bytes();
        if (!response.isSuccessful()) {
            throw OktaErrors.fromResponse(response.code(), body, response.header("X-Okta-Request-Id"),
                    response.header("WWW-Authenticate"), attempts(response), info);
        }
        return body;
    }

    /** 500, 502, 503, 504 are retried; 501 and 505+ will not change. */
    private static boolean isRetriableServerError(int code) {
        return code == 500 || code == 502 || code == 503 || code == 504;
    }

    private boolean mayRetry(int attempt, Instant start, Duration wait) {
        return policy.allowsAnother(attempt, Duration.between(start, clock.instant()), wait);
    }

    /**
     * Until the window resets, by Okta's clock: {@code X-Rate-Limit-Reset − Date + pad + jitter}. Without a
     * usable reset header, falls back to exponential back-off.
     */
    Duration rateLimitWait(Response response, int attempt) {
        String reset = response.header("X-Rate-Limit-Reset");
        if (reset != null) {
            try {
                long resetEpoch = Long.parseLong(reset.strip());
                Instant date = HttpDate.of(response.headers());
                Instant serverNow = date == null ? clock.instant() : date;
                Duration untilReset = Duration.between(serverNow, Instant.ofEpochSecond(resetEpoch));
                if (untilReset.isNegative()) {
                    untilReset = Duration.ZERO;
                }
                long jitter = (long) (random.getAsDouble() * policy.rateLimitJitter().toMillis());
                Duration wait = untilReset.plus(policy.rateLimitPad()).plusMillis(jitter);
                return wait.compareTo(policy.maxRateLimitWait()) > 0 ? policy.maxRateLimitWait() : wait;
            } catch (NumberFormatException ignored) {
                // fall through to back-off
            }
        }
        return policy.backoff(attempt, random.getAsDouble());
    }

    private void pause(Chain chain, Duration wait) throws InterruptedIOException {
        waits.await(chain.call(), () -> sleeper.sleep(wait));
    }

    /** Reads the body into memory, at most {@code maxBodyBytes} of it: a body without end is refused, not held. */
    private Response buffered(Response response) throws IOException {
        ResponseBody body = response.body();
        try {
            long declared = body.contentLength();
            if (declared > maxBodyBytes) {
                throw new ResponseTooLargeException(declared, maxBodyBytes);
            }
            BufferedSource source = body.source();
            if (declared >= 0 && declared <= Integer.MAX_VALUE - 8) {
                // Read straight into the array the page is parsed from: no buffer of segments, no second copy.
                // Read a segment at a time (readFully would first gather the whole body in a buffer of its own).
                byte[] bytes = new byte[(int) declared];
                for (int at = 0; at < bytes.length; ) {
                    int n = source.read(bytes, at, bytes.length - at);
                    if (n < 0) {
                        throw new java.io.EOFException("the body ended after " + at + " of " + bytes.length + " bytes");
                    }
                    at += n;
                }
                return response.newBuilder().body(new BytesBody(bytes, body.contentType())).build();
            }
            if (source.request(maxBodyBytes + 1)) {
                throw new ResponseTooLargeException(-1, maxBodyBytes);
            }
            // The socket's buffered segments move to a buffer of their own (no copy); the caller reads them once.
            Buffer bytes = new Buffer();
            bytes.writeAll(source);
            return response.newBuilder().body(ResponseBody.create(bytes, body.contentType(), bytes.size())).build();
        } catch (IOException e) {
            response.close();
            throw e;
        }
    }

    /** A body read whole into an array; {@link #successBody} hands the array out as it is. */
    private static final class BytesBody extends ResponseBody {
        private final byte[] bytes;
        private final MediaType type;
        private Buffer source;

        BytesBody(byte[] bytes, MediaType type) {
            this.bytes = bytes;
            this.type = type;
        }

        @Override
        public MediaType contentType() {
            return type;
        }

        @Override
        public long contentLength() {
            return bytes.length;
        }

        @Override
        public BufferedSource source() {
            if (source == null) {
                source = new Buffer().write(bytes);
            }
            return source;
        }

        /** Nothing to release; without this, closing would first copy the bytes into a buffer just to close it. */
        @Override
        public void close() {
            if (source != null) {
                source.close();
            }
        }
    }

    /** A response body over the client's limit; not retried (it would come back as big). */
    static final class ResponseTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        ResponseTooLargeException(long declared, long limit) {
            super("the response body is " + (declared >= 0 ? declared + " bytes" : "longer than " + limit + " bytes")
                    + ", over the limit of " + limit + " bytes");
        }
    }
}
