package dev.oktainputs.bench;

import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves requests from a throwaway server on the org before a scenario's measured servers start, so that the fake's own
 * code (MockWebServer, routing, paging, rendering) is JIT-compiled in the harness JVM before the first side runs. Without
 * it the side that runs first pays for the fake's warm-up (up to ~14 ms per request for the first hundred users pages)
 * and the side after it does not. The warm-up server is closed before the measured ones start: their request counts,
 * request logs and rate-limit windows are untouched.
 */
final class ServerWarmUp {

    private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"next\"");

    private ServerWarmUp() {
    }

    /**
     * @param org        the scenario's org
     * @param requests   how many requests to serve in all
     * @param firstPages paths and queries of listings to page through in turn (each restarts from its first page when
     *                   it ends), e.g. {@code /api/v1/users?limit=200}
     */
    static void run(FakeOrg org, int requests, List<String> firstPages) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (FakeOktaServer server = FakeOktaServer.builder(org).configure(srv -> srv.defaultRateLimit(Bench.GENEROUS)).start()) {
            String[] next = new String[firstPages.size()];
            for (int i = 0; i < requests; i++) {
                int listing = i % firstPages.size();
                String url = next[listing] != null ? next[listing] : server.orgUrl() + firstPages.get(listing);
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "SSWS " + server.apiToken()).header("Accept", "application/json").build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IOException("warm-up request " + url + " answered " + response.statusCode());
                }
                next[listing] = next(response.headers().allValues("link"));
            }
        }
    }

    private static String next(List<String> links) {
        for (String link : links) {
            Matcher m = NEXT.matcher(link);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }
}
