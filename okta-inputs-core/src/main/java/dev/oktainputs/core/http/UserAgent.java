package dev.oktainputs.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import okhttp3.Interceptor;
import okhttp3.OkHttp;
import okhttp3.Response;

/**
 * The {@code User-Agent} of every request, {@code okta-inputs/<version> okhttp/<version> java/<version>} plus an
 * embedder's optional suffix, so that Okta's System Log and support can tell this integration (and its version) from
 * others. A network interceptor: it overrides OkHttp's default {@code okhttp/<version>} on resource and token calls
 * alike.
 */
final class UserAgent implements Interceptor {

    /** This library's version, from a resource Maven fills in; {@code unknown} when it is missing (an IDE build). */
    static final String VERSION = loadVersion();

    private final String value;

    private UserAgent(String value) {
        this.value = value;
    }

    /**
     * @param suffix appended after a space, or null
     * @return the interceptor
     */
    static UserAgent withSuffix(String suffix) {
        String base = "okta-inputs/" + VERSION + " okhttp/" + OkHttp.VERSION + " java/" + System.getProperty("java.version", "unknown");
        return new UserAgent(suffix == null || suffix.isBlank() ? base : base + " " + suffix.strip());
    }

    /**
     * @param suffix what an embedder wants to add, e.g. {@code acme-etl/2.3}
     * @throws IllegalArgumentException when it is not printable ASCII (a header value must not break the request)
     */
    static void check(String suffix) {
        if (suffix == null) {
            return;
        }
        for (int i = 0; i < suffix.length(); i++) {
            char c = suffix.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("only printable ASCII is allowed (character "
                        + (i + 1) + " is U+" + String.format("%04X", (int) c) + "). Fix: use e.g. acme-etl/2.3");
            }
        }
        if (suffix.length() > 200) {
            throw new IllegalArgumentException("at most 200 characters, got " + suffix.length()
                    + ". Fix: use a short product/version, e.g. acme-etl/2.3");
        }
    }

    /** @return the header value */
    String value() {
        return value;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        return chain.proceed(chain.request().newBuilder().header("User-Agent", value).build());
    }

    private static String loadVersion() {
        try (InputStream in = UserAgent.class.getResourceAsStream("/dev/oktainputs/core/okta-inputs.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.startsWith("${")) {
                    return v.strip();
                }
            }
        } catch (IOException e) {
            // fall through: the version is only informative
        }
        String v = UserAgent.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
