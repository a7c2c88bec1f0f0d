package dev.oktainputs.core;

import dev.oktainputs.core.error.OktaConfigurationException;
import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The base URL of an Okta org, normalised from whatever users paste: scheme added when missing, path, query
 * and fragment dropped, host lower-cased, and the admin console host mapped to the API host
 * ({@code https://acme-admin.okta.com/admin/dashboard} becomes {@code https://acme.okta.com}, for every Okta
 * suffix). Custom domains are kept as they are. HTTPS is required; plain HTTP is accepted only for loopback
 * hosts (tests and the demo's fake org).
 */
public final class OrgUrl {

    /** The domains Okta serves orgs under. */
    private static final String OKTA_DOMAINS = "(okta\\.com|oktapreview\\.com|okta-emea\\.com|okta-gov\\.com|okta\\.mil|trexcloud\\.com)";
    /** {@code <name>-admin.<suffix>} is the admin console, not the API. */
    private static final Pattern ADMIN_HOST = Pattern.compile("^([a-z0-9][a-z0-9-]*?)-admin\\." + OKTA_DOMAINS + "$");
    /** {@code <name>.<suffix>}: an org on an Okta domain, which has an admin host. */
    private static final Pattern ORG_HOST = Pattern.compile("^([a-z0-9][a-z0-9-]*)\\." + OKTA_DOMAINS + "$");

    private final HttpUrl base;

    private OrgUrl(HttpUrl base) {
        this.base = base;
    }

    /**
     * Parses and normalises an org URL.
     *
     * @param raw what the user wrote, e.g. {@code acme.okta.com} or {@code https://acme-admin.okta.com/admin/dashboard}
     * @return the normalised org URL
     * @throws OktaConfigurationException naming {@code org_url} when it is not a usable Okta org URL
     */
    public static OrgUrl parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new OktaConfigurationException("org_url", "missing. Fix: set it to your Okta org's URL, e.g. https://acme.okta.com");
        }
        String text = raw.strip();
        if (!text.contains("://")) {
            text = "https://" + text;
        }
        HttpUrl url = HttpUrl.parse(text);
        if (url == null) {
            throw new OktaConfigurationException("org_url", "'" + raw.strip() + "' is not a URL. Use your Okta org's URL, e.g. https://acme.okta.com");
        }
        if (!url.username().isEmpty() || !url.password().isEmpty()) {
            throw new OktaConfigurationException("org_url", "must not contain user info (user:password@). Use e.g. https://acme.okta.com "
                    + "and put credentials in the auth settings");
        }
        String host = url.host().toLowerCase(Locale.ROOT);
        Matcher admin = ADMIN_HOST.matcher(host);
        if (admin.matches()) {
            host = admin.group(1) + "." + admin.group(2);
        }
        boolean loopback = isLoopback(host);
        if (url.isHttps() == false && !loopback) {
            throw new OktaConfigurationException("org_url", "'" + url.scheme() + "://" + host + "' must use https. Plain http is accepted "
                    + "only for loopback hosts (tests, the demo); use https://" + host);
        }
        HttpUrl.Builder b = new HttpUrl.Builder().scheme(url.scheme()).host(host);
        if (url.port() != HttpUrl.defaultPort(url.scheme())) {
            b.port(url.port());
        }
        return new OrgUrl(b.build());
    }

    private static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        // Only literal addresses: never resolve a name here.
        if (host.matches("^[0-9.]+$") || host.contains(":")) {
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    /** @return the org's base URL with path {@code /} */
    public HttpUrl httpUrl() {
        return base;
    }

    /**
     * Resolves an absolute path (with optional query) against the org.
     *
     * @param pathAndQuery e.g. {@code /api/v1/users?limit=200}
     * @return the absolute URL on the org
     */
    public HttpUrl resolve(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("expected an absolute path, got " + pathAndQuery);
        }
        HttpUrl u = base.resolve(pathAndQuery);
        if (u == null || !isSameOrigin(u)) {
            throw new IllegalArgumentException("not a path on the org: " + pathAndQuery);
        }
        return u;
    }

    /**
     * @param url any URL
     * @return true when {@code url} has the org's scheme, host and port: only such URLs get credentials
     */
    public boolean isSameOrigin(HttpUrl url) {
        return url.scheme().equals(base.scheme()) && url.host().equalsIgnoreCase(base.host()) && url.port() == base.port();
    }

    /**
     * The org's admin console host, {@code <name>-admin.<suffix>} for an org {@code <name>.<suffix>} on an Okta domain;
     * null for custom domains and loopback.
     *
     * @return e.g. {@code acme-admin.okta.com} for {@code https://acme.okta.com}, or null
     */
    public String adminHost() {
        Matcher m = ORG_HOST.matcher(base.host());
        return m.matches() ? m.group(1) + "-admin." + m.group(2) : null;
    }

    /**
     * Where to request a link Okta gave: the link itself when it is on the org's origin; for a link on the org's own
     * admin host ({@link #adminHost()}, same scheme, the org's port or the scheme's default), the same path and query on
     * the org's origin (Okta writes some links, e.g. those of {@code /api/v1/iam/roles}, on the admin host); null for
     * any other origin. So a request, and its credentials, only ever goes to the configured origin.
     *
     * @param link an absolute URL from a response
     * @return the URL on the org's origin to request, or null when the link is not on the org
     */
    public HttpUrl onOrg(HttpUrl link) {
        if (isSameOrigin(link)) {
            return link;
        }
        String admin = adminHost();
        if (admin == null || !link.scheme().equals(base.scheme()) || !link.host().equalsIgnoreCase(admin)
                || link.port() != base.port() && link.port() != HttpUrl.defaultPort(link.scheme())) {
            return null;
        }
        return link.newBuilder().host(base.host()).port(base.port()).build();
    }

    /**
     * @param url any URL
     * @return its origin, with the port even when it is the scheme's default, e.g. {@code https://acme.okta.com:443}:
     *         for messages that compare origins
     */
    public static String origin(HttpUrl url) {
        return url.scheme() + "://" + url.host() + ":" + url.port();
    }

    /** @return this org's origin with its port, e.g. {@code https://acme.okta.com:443} (see {@link #origin(HttpUrl)}) */
    public String origin() {
        return origin(base);
    }

    /**
     * The part of a URL on this org after the origin, for storing in checkpoints independently of how the org
     * URL was written.
     *
     * @param url a URL on this org
     * @return its path and query, e.g. {@code /api/v1/users?after=x&limit=200}
     */
    public String relativize(HttpUrl url) {
        if (!isSameOrigin(url)) {
            throw new IllegalArgumentException("not on the org " + this + ": " + url.scheme() + "://" + url.host());
        }
        String q = url.encodedQuery();
        return url.encodedPath() + (q == null ? "" : "?" + q);
    }

    /** @return true for http on a loopback host (tests, demo) */
    public boolean isLoopback() {
        return isLoopback(base.host());
    }

    /** @return e.g. {@code https://acme.okta.com}, with a port only when it is not the scheme's default */
    @Override
    public String toString() {
        String s = base.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrgUrl && ((OrgUrl) o).base.equals(base);
    }

    @Override
    public int hashCode() {
        return base.hashCode();
    }
}
