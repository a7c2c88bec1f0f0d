package dev.oktainputs.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A response a route or a {@link RequestAuthenticator} produces. The server adds the headers every Okta response
 * carries ({@code Date}, {@code X-Okta-Request-Id}, {@code X-Rate-Limit-*}, and {@code Content-Type:
 * application/json} unless set here). Immutable.
 */
public final class FakeResponse {

    private static final JsonFactory JSON = new JsonFactory();

    private final int status;
    /** The body as a String, or null when it was given as UTF-8 bytes ({@link #jsonUtf8(int, byte[])}). */
    private final String body;
    /** The body as UTF-8 bytes, or null when it was given as a String. */
    private final byte[] utf8;
    private final List<Map.Entry<String, String>> headers;

    private FakeResponse(int status, String body, byte[] utf8, List<Map.Entry<String, String>> headers) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("bad HTTP status " + status);
        }
        if ((body == null) == (utf8 == null)) {
            throw new IllegalArgumentException("exactly one of body and utf8");
        }
        this.status = status;
        this.body = body;
        this.utf8 = utf8;
        this.headers = List.copyOf(headers);
    }

    /**
     * @param status the HTTP status
     * @param body   the JSON body
     * @return a response with that body
     */
    public static FakeResponse json(int status, String body) {
        return new FakeResponse(status, Objects.requireNonNull(body, "body"), null, List.of());
    }

    /**
     * A response whose body is already UTF-8 (a page of pre-encoded users), sent as is: no String to build and
     * encode per request.
     *
     * @param status the HTTP status
     * @param utf8   the JSON body, UTF-8; not copied, must not change
     * @return a response with that body
     */
    static FakeResponse jsonUtf8(int status, byte[] utf8) {
        return new FakeResponse(status, null, Objects.requireNonNull(utf8, "utf8"), List.of());
    }

    /**
     * An Okta error: {@code {"errorCode","errorSummary","errorLink","errorId","errorCauses":[{"errorSummary"}]}}
     * with a fresh {@code oae...} errorId.
     *
     * @param status       the HTTP status
     * @param errorCode    e.g. {@code E0000011}
     * @param errorSummary e.g. {@code Invalid token provided}
     * @param causes       summaries for {@code errorCauses} (often none)
     * @return the response
     */
    public static FakeResponse oktaError(int status, String errorCode, String errorSummary, String... causes) {
        return json(status, render(g -> {
            g.writeStringField("errorCode", errorCode);
            g.writeStringField("errorSummary", errorSummary);
            g.writeStringField("errorLink", errorCode);
            g.writeStringField("errorId", Ids.unique("oae", 22));
            g.writeArrayFieldStart("errorCauses");
            for (String cause : causes) {
                g.writeStartObject();
                g.writeStringField("errorSummary", cause);
                g.writeEndObject();
            }
            g.writeEndArray();
        }));
    }

    /**
     * An OAuth 2.0 error as the org authorization server sends it (RFC 6749): {@code {"error","error_description"}}.
     *
     * @param status      the HTTP status, usually 400 or 401
     * @param error       e.g. {@code invalid_client}
     * @param description the human-readable description
     * @return the response
     */
    public static FakeResponse oauthError(int status, String error, String description) {
        return json(status, render(g -> {
            g.writeStringField("error", error);
            g.writeStringField("error_description", description);
        }));
    }

    /**
     * @param name  a header name
     * @param value its value; adding a name twice sends two header lines
     * @return a copy with the header line added
     */
    public FakeResponse withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new FakeResponse(status, body, utf8, more);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the body */
    public String body() {
        return body != null ? body : new String(utf8, StandardCharsets.UTF_8);
    }

    /** @return the body as UTF-8 bytes when it was given so, else null (then {@link #body()} is the body) */
    byte[] utf8() {
        return utf8;
    }

    /** @return the header lines set on this response, in order */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /**
     * @param name a header name (case-insensitive)
     * @return the first value set for it here, or null
     */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "FakeResponse{" + status + ", " + (body != null ? body.length() + " chars}" : utf8.length + " bytes}");
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static String render(Fields fields) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
