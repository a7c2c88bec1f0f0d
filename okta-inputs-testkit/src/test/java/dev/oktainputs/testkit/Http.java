package dev.oktainputs.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A plain OkHttp client for the tests (no retries, so faults are seen as they are). */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"([^\"]+)\"");

    /** A fully read response. */
    record Reply(int status, Headers headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The URL of a link relation, from one or several link header lines, or null. */
        String link(String rel) {
            for (String value : headers.values("link")) {
                Matcher m = LINK.matcher(value);
                while (m.find()) {
                    if (m.group(2).equals(rel)) {
                        return m.group(1);
                    }
                }
            }
            return null;
        }

        List<String> ids() {
            List<String> ids = new ArrayList<>();
            json().forEach(u -> ids.add(u.get("id").asText()));
            return ids;
        }
    }

    final OkHttpClient client = new OkHttpClient.Builder()
            .retryOnConnectionFailure(false)
            .callTimeout(Duration.ofSeconds(10))
            .build();
    private final FakeOktaServer server;

    Http(FakeOktaServer server) {
        this.server = server;
    }

    /** GET with the org's SSWS token; {@code pathAndQuery} is relative to the org URL unless absolute. */
    Reply get(String pathAndQuery) throws IOException {
        return get(pathAndQuery, "SSWS " + server.apiToken());
    }

    Reply get(String pathAndQuery, String authorization) throws IOException {
        Request.Builder request = new Request.Builder().url(url(pathAndQuery));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try (Response response = client.newCall(request.build()).execute()) {
            return new Reply(response.code(), response.headers(), response.body().string());
        }
    }

    HttpUrl url(String pathAndQuery) {
        return HttpUrl.get(pathAndQuery.startsWith("http") ? pathAndQuery : server.orgUrl() + pathAndQuery);
    }

    /** A users URL with a query parameter properly encoded. */
    String users(String name, String value) {
        return url("/api/v1/users").newBuilder().addQueryParameter(name, value).build().toString();
    }
}
