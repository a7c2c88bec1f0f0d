package dev.oktainputs.testkit;

import okhttp3.HttpUrl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Okta cursor paging shared by the list routes: {@code limit} parsing, the opaque {@code after} cursor (base64url
 * of the last id returned, so it stays valid while objects change) and the {@code link} headers.
 */
final class Paging {

    private Paging() {
    }

    /**
     * The page size: {@code def} when absent, clamped to {@code max}; not a positive number → 400 E0000001.
     */
    static int limit(RecordedOktaRequest request, int def, int max) {
        String raw = request.queryParameter("limit");
        if (raw == null) {
            return def;
        }
        int limit;
        try {
            limit = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw OktaApiException.validation("limit", "The value '" + raw + "' is not a number.");
        }
        if (limit < 1) {
            throw OktaApiException.validation("limit", "The value must be at least 1.");
        }
        return Math.min(limit, max);
    }

    /** @return the id the {@code after} cursor points past, or null for the first page */
    static String afterId(RecordedOktaRequest request) {
        String after = request.queryParameter("after");
        if (after == null || after.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OktaApiException.validation("after", "Invalid cursor.");
        }
    }

    static String cursor(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A 200 with the items as a JSON array, a {@code self} link and, when {@code nextAfterId} is not null, a
     * {@code next} link: the request URL on the server's origin with {@code after} set to the cursor.
     */
    static FakeResponse page(Route.Call call, List<String> items, String nextAfterId) {
        StringBuilder body = new StringBuilder(items.size() * 1100 + 2).append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append(items.get(i));
        }
        body.append(']');
        return withLinks(call, FakeResponse.json(200, body.toString()), nextAfterId);
    }

    /** {@link #page} for items already in UTF-8: the body is their bytes joined, without a String in between. */
    static FakeResponse pageUtf8(Route.Call call, List<byte[]> items, String nextAfterId) {
        int size = 2 + Math.max(0, items.size() - 1);
        for (byte[] item : items) {
            size += item.length;
        }
        byte[] body = new byte[size];
        int at = 0;
        body[at++] = '[';
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            byte[] item = items.get(i);
            System.arraycopy(item, 0, body, at, item.length);
            at += item.length;
        }
        body[at] = ']';
        return withLinks(call, FakeResponse.jsonUtf8(200, body), nextAfterId);
    }

    private static FakeResponse withLinks(Route.Call call, FakeResponse response, String nextAfterId) {
        String self = call.server().linkBase(call.request().path()) + call.request().target();
        String selfLink = "<" + self + ">; rel=\"self\"";
        if (nextAfterId == null) {
            return response.withHeader("link", selfLink);
        }
        String next = HttpUrl.get(self).newBuilder().setQueryParameter("after", cursor(nextAfterId)).build().toString();
        String nextLink = "<" + next + ">; rel=\"next\"";
        if (call.server().linkStyle() == LinkStyle.COMMA_JOINED) {
            return response.withHeader("Link", selfLink + ", " + nextLink);
        }
        return response.withHeader("link", selfLink).withHeader("link", nextLink);
    }
}
