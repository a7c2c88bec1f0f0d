package dev.oktainputs.core.http;

import java.nio.charset.StandardCharsets;

/**
 * One element of a page, cut out of the response as the exact bytes Okta sent, with the few fields inputs
 * route on picked up while streaming past them.
 *
 * @param json        the element's raw UTF-8 JSON
 * @param id          top-level {@code id}, or null
 * @param lastUpdated top-level {@code lastUpdated} as sent, or null
 * @param published   top-level {@code published} as sent (System Log), or null
 * @param uuid        top-level {@code uuid} (System Log), or null
 */
public record PageItem(byte[] json, String id, String lastUpdated, String published, String uuid) {

    /** @return the raw JSON as a string */
    public String jsonString() {
        return new String(json, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "PageItem[id=" + id + ", " + json.length + " bytes]";
    }
}
