package dev.oktainputs.testkit;

import dev.oktainputs.core.OrgUrl;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Where a {@link FakeOktaServer} listens and how a client reaches it: OkHttp's {@code MockWebServer} on 127.0.0.1,
 * over plain HTTP, or — with an Okta host name — over HTTPS with a throwaway certificate for that host and its admin
 * host, reached by an OkHttp client that resolves those two names to loopback and trusts the certificate. Also says
 * on which origin paging links are written.
 */
final class LoopbackEndpoint implements AutoCloseable {

    private final MockWebServer mockWebServer = new MockWebServer();
    private final String oktaHost;
    private final String adminHost;
    private HeldCertificate certificate;
    private volatile String orgUrl;

    /** @param oktaHost the Okta host name to serve under (lower case), or null for {@code http://127.0.0.1:PORT} */
    LoopbackEndpoint(String oktaHost) {
        this.oktaHost = oktaHost;
        this.adminHost = oktaHost == null ? null : OrgUrl.parse("https://" + oktaHost).adminHost();
    }

    /** Starts listening on a free port of 127.0.0.1, answering every request through {@code dispatcher}. */
    void start(OktaDispatcher dispatcher) {
        dispatcher.attach(mockWebServer);
        mockWebServer.setDispatcher(dispatcher);
        mockWebServer.setServerSocketFactory(new NoDelayServerSocketFactory());
        if (oktaHost != null) {
            HeldCertificate.Builder cert = new HeldCertificate.Builder().addSubjectAlternativeName(oktaHost);
            if (adminHost != null) {
                cert.addSubjectAlternativeName(adminHost);
            }
            certificate = cert.build();
            mockWebServer.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslSocketFactory());
        }
        try {
            mockWebServer.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the fake Okta server", e);
        }
        orgUrl = oktaHost == null ? "http://127.0.0.1:" + mockWebServer.getPort() : "https://" + oktaHost + ":" + mockWebServer.getPort();
    }

    /** @return the base URL (no trailing slash), null before {@link #start} */
    String orgUrl() {
        return orgUrl;
    }

    /** @return whether the org is served under an Okta host name (so a client needs {@link #httpClient()}) */
    boolean hasOktaHost() {
        return oktaHost != null;
    }

    /** @return the admin console host of the Okta host name, or null */
    String adminHost() {
        return adminHost;
    }

    /** @return a new OkHttp client that reaches {@link #orgUrl()} (see {@link FakeOktaServer#httpClient()}) */
    OkHttpClient httpClient() {
        OkHttpClient.Builder b = new OkHttpClient.Builder();
        if (oktaHost != null) {
            HandshakeCertificates trust = new HandshakeCertificates.Builder().addTrustedCertificate(certificate.certificate()).build();
            b.sslSocketFactory(trust.sslSocketFactory(), trust.trustManager()).dns(name -> {
                if (name.equalsIgnoreCase(oktaHost) || name.equalsIgnoreCase(adminHost)) {
                    return List.of(InetAddress.getByName("127.0.0.1"));
                }
                throw new UnknownHostException(name + " (the fake Okta server's client resolves only " + oktaHost
                        + (adminHost == null ? "" : " and " + adminHost) + ")");
            });
        }
        return b.build();
    }

    /**
     * @param path       the path of the request being answered
     * @param linkOrigin the origin a test set ({@link FakeOktaServer#linkOrigin(String)}), or null
     * @return the origin to write the paging links of {@code path} on
     */
    String linkBase(String path, String linkOrigin) {
        if (linkOrigin != null) {
            return linkOrigin;
        }
        if (adminHost != null && path.startsWith("/api/v1/iam/roles")) {
            return "https://" + adminHost + ":" + mockWebServer.getPort();
        }
        return orgUrl;
    }

    /** Shuts the server down; open connections are closed. */
    @Override
    public void close() {
        mockWebServer.close();
    }
}
