package dev.oktainputs.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A request the {@link FakeOktaServer} received. The instances kept by {@link FakeOktaServer#requests()} are
 * redacted: the {@code Authorization} header keeps its scheme only (e.g. {@code SSWS}), and {@link #toString()}
 * never prints header values. A {@link RequestAuthenticator} sees the unredacted request.
 * A {@code DPoP} proof and a token request's {@code client_assertion} read {@code [hidden]} in the redacted copies.
 */
public final class RecordedOktaRequest {

    private final long sequence;
    private final Instant receivedAt;
    private final String method;
    private final String path;
    private final String target;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final String body;
    private final Fault fault;

    RecordedOktaRequest(long sequence, Instant receivedAt, String method, String path, String target,
                        Map<String, List<String>> query, Map<String, List<String>> headers, String body,
                        Fault fault) {
        this.sequence = sequence;
        this.receivedAt = receivedAt;
        this.method = method;
        this.path = path;
        this.target = target;
        this.query = unmodifiable(new LinkedHashMap<>(query));
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        this.headers = unmodifiable(h);
        this.body = body;
        this.fault = fault;
    }

    /** A copy without the credentials: the Authorization header is cut down to its scheme. */
    RecordedOktaRequest redacted() {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        String scheme = authScheme();
        h.remove("Authorization");
        if (scheme != null) {
            h.put("Authorization", List.of(scheme));
        }
        if (h.containsKey("DPoP")) {
            h.put("DPoP", List.of("[hidden]")); // a proof is a credential for its lifetime
        }
        String safeBody = body.replaceAll("(client_assertion|client_secret)=[^&]*", "$1=[hidden]");
        return new RecordedOktaRequest(sequence, receivedAt, method, path, target, query, h, safeBody, fault);
    }

    /** A copy that remembers the fault injected into its response. */
    RecordedOktaRequest withFault(Fault f) {
        return new RecordedOktaRequest(sequence, receivedAt, method, path, target, query, headers, body, f);
    }

    /** @return the 1-based position of this request among all the server received */
    public long sequence() {
        return sequence;
    }

    /** @return when the request arrived, by the server's clock */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** @return the HTTP method, e.g. {@code GET} */
    public String method() {
        return method;
    }

    /** @return the decoded path, e.g. {@code /api/v1/users} */
    public String path() {
        return path;
    }

    /** @return the request target exactly as sent: encoded path and query, e.g. {@code /api/v1/users?limit=200} */
    public String target() {
        return target;
    }

    /**
     * @param name a query parameter name
     * @return its first value, decoded, or {@code null} when absent
     */
    public String queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * @param name a query parameter name
     * @return all its values, decoded (empty when absent)
     */
    public List<String> queryParameterValues(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** @return the query parameter names, in order of first appearance */
    public Set<String> queryParameterNames() {
        return query.keySet();
    }

    /**
     * @param name a header name (case-insensitive)
     * @return its first value or {@code null}; in a redacted request Authorization reads as the scheme only
     */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** @return the scheme of the Authorization header ({@code SSWS}, {@code Bearer}, {@code DPoP}) or null */
    public String authScheme() {
        String auth = header("Authorization");
        if (auth == null || auth.isBlank()) {
            return null;
        }
        String trimmed = auth.trim();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    /**
     * The credentials after the scheme (for authenticators; null in the redacted copies the server keeps).
     *
     * @return the Authorization value after the scheme, or null
     */
    public String authCredentials() {
        String auth = header("Authorization");
        if (auth == null) {
            return null;
        }
        int space = auth.trim().indexOf(' ');
        return space < 0 ? null : auth.trim().substring(space + 1).trim();
    }

    /** @return the request body as UTF-8 text (empty for GET) */
    public String body() {
        return body;
    }

    /** @return the fault injected into the response, or null */
    public Fault fault() {
        return fault;
    }

    /** Method, target and auth scheme only: no header values, no body. */
    @Override
    public String toString() {
        return "RecordedOktaRequest{#" + sequence + " " + method + " " + target
                + (authScheme() == null ? "" : " auth=" + authScheme())
                + (fault == null ? "" : " fault=" + fault) + "}";
    }

    private static Map<String, List<String>> unmodifiable(Map<String, List<String>> map) {
        map.replaceAll((k, v) -> List.copyOf(new ArrayList<>(v)));
        return Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedOktaRequest && ((RecordedOktaRequest) o).sequence == sequence
                && Objects.equals(((RecordedOktaRequest) o).target, target);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + target.hashCode();
    }
}
