package dev.oktainputs.core.http;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The JVM's default TLS set-up — the platform trust store and an SSL socket factory trusting it, what OkHttp makes for
 * itself on the JDK — made once per JVM and shared by every {@link OktaClient} that owns its OkHttp client. Reading
 * the trust store (~150 certificates parsed) takes 0.1-0.2 s of CPU; OkHttp would redo it for each client it builds
 * (the JDK keeps the parsed store only weakly), and a CLI spends it between its start and its first request.
 * {@link #warmUp()} starts it on a daemon thread, so that a command line can overlap it with its own start (options,
 * configuration file); a client that needs it first waits for it, or makes it itself when nobody started it.
 */
public final class PlatformTls {

    /** The trust manager and the socket factory built on it. */
    record Defaults(SSLSocketFactory socketFactory, X509TrustManager trustManager) {
    }

    private static final AtomicReference<CompletableFuture<Defaults>> DEFAULTS = new AtomicReference<>();

    private PlatformTls() {
    }

    /** Starts making the defaults on a daemon thread, unless they are made or being made. */
    public static void warmUp() {
        start(true);
    }

    /** @return the JVM's TLS defaults, made on this thread when nobody has started them */
    static Defaults defaults() {
        start(false);
        return DEFAULTS.get().join();
    }

    private static void start(boolean onDaemon) {
        CompletableFuture<Defaults> f = new CompletableFuture<>();
        if (!DEFAULTS.compareAndSet(null, f)) {
            return;
        }
        if (onDaemon) {
            Thread t = new Thread(() -> complete(f), "okta-inputs-tls-warm-up");
            t.setDaemon(true);
            t.start();
        } else {
            complete(f);
        }
    }

    private static void complete(CompletableFuture<Defaults> f) {
        try {
            f.complete(make());
        } catch (GeneralSecurityException | RuntimeException e) {
            f.completeExceptionally(new IllegalStateException("cannot set up TLS with the JVM's default trust store: " + e
                    + ". Fix: check the JVM's javax.net.ssl.trustStore settings", e));
        }
    }

    private static Defaults make() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        X509TrustManager trust = null;
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                trust = x;
                break;
            }
        }
        if (trust == null) {
            throw new GeneralSecurityException("the default TrustManagerFactory has no X509TrustManager");
        }
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {trust}, null);
        return new Defaults(tls.getSocketFactory(), trust);
    }
}
