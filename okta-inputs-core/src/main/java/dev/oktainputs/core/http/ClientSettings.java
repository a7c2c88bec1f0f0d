package dev.oktainputs.core.http;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.auth.OktaCredentials;
import dev.oktainputs.core.auth.TokenCredentials;
import dev.oktainputs.core.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;

/**
 * What an {@link OktaClient} is made of: the settings its {@link OktaClient.Builder} sets, each with its default, and
 * the OkHttp client they assemble — the interceptor chain described on {@link OktaClient}, plus the token channel lent
 * to {@link TokenCredentials}. The builder's setters document and check the values; this class only holds them. Read
 * only while a client is built (nothing keeps it), so a builder may be changed and build another client.
 */
final class ClientSettings {

    final OrgUrl org;
    final OktaCredentials credentials;
    Clock clock = Clock.systemUTC();
    Sleeper sleeper = Sleeper.SYSTEM;
    RetryPolicy retry = RetryPolicy.DEFAULT;
    double headroom = HttpOptions.HEADROOM.defaultValue();
    int maxConcurrent = HttpOptions.MAX_CONCURRENT.defaultValue();
    Duration connectTimeout = Duration.ofSeconds(10);
    Duration readTimeout = Duration.ofSeconds(60);
    DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    /** An OkHttpClient to share a connection pool and dispatcher with; null for one of the client's own. */
    OkHttpClient base;
    /** Where the HTTP log goes, headers included; null for SLF4J. */
    Consumer<String> logSink;
    long maxResponseBytes = 64L * 1024 * 1024;
    boolean prefetchPages = HttpOptions.PREFETCH.defaultValue();
    String userAgentSuffix = HttpOptions.USER_AGENT_SUFFIX.defaultValue();

    ClientSettings(OrgUrl org, OktaCredentials credentials) {
        this.org = Objects.requireNonNull(org, "org");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** @return whether the client made from these settings owns its OkHttp client (no base was given) */
    boolean ownsHttp() {
        return base == null;
    }

    /**
     * Builds the resource chain (redacting log → retry → governor → auth → network, the user agent as network
     * interceptor) and, for credentials that fetch their own tokens, attaches them a token channel on the same client.
     *
     * @param userAgent the {@code User-Agent} interceptor
     * @param governor  the resource calls' governor
     * @param waits     the waits that a {@link OktaClient.PageCall#cancel()} cuts short
     * @return the OkHttp client of the resource calls
     */
    OkHttpClient newHttp(UserAgent userAgent, RateLimitGovernor governor, CallWaits waits) {
        OkHttpClient.Builder hb = (base == null ? ownHttp() : base.newBuilder())
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .followRedirects(false)
                .retryOnConnectionFailure(false);
        hb.interceptors().clear();
        hb.networkInterceptors().removeIf(i -> i instanceof UserAgent); // a base client made from another OktaClient's
        hb.addNetworkInterceptor(userAgent);
        hb.addInterceptor(logInterceptor())
                .addInterceptor(retryInterceptor(waits))
                .addInterceptor(new GovernorInterceptor(governor, waits))
                .addInterceptor(new AuthInterceptor(org, credentials));
        OkHttpClient http = hb.build();
        if (credentials instanceof TokenCredentials tokens) {
            tokens.attach(OkHttpTokenChannel.create(http, this));
        }
        return http;
    }

    /**
     * @return a builder for the client's own OkHttp client: plain HTTP only for an {@code http://} (loopback) org, so
     *         that no TLS is set up; otherwise with the JVM's TLS defaults, made once per JVM ({@link PlatformTls})
     */
    private OkHttpClient.Builder ownHttp() {
        OkHttpClient.Builder b = new OkHttpClient.Builder();
        if (!org.httpUrl().isHttps()) {
            return b.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        PlatformTls.Defaults tls = PlatformTls.defaults();
        return b.sslSocketFactory(tls.socketFactory(), tls.trustManager());
    }

    /** @return the outermost interceptor of both chains: to SLF4J, or every line to the {@link #logSink} */
    RedactingLogInterceptor logInterceptor() {
        return logSink == null ? new RedactingLogInterceptor(clock)
                : new RedactingLogInterceptor(clock, logSink, true, () -> true);
    }

    /**
     * @param waits the waits of the chain's calls
     * @return the retry interceptor of a chain
     */
    RetryInterceptor retryInterceptor(CallWaits waits) {
        return new RetryInterceptor(retry, clock, sleeper, random, waits, maxResponseBytes);
    }
}
