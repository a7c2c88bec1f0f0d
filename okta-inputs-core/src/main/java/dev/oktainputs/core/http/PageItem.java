package dev.oktainputs.core.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One element of a page, cut out of the response as the exact bytes Okta sent, with the few fields inputs
 * route on picked up while streaming past them.
 *
 * @param json        the element's raw UTF-8 JSON
 * @param id          top-level {@code id}, or null
 * @param lastUpdated top-level {@code lastUpdated} as sent, or null
 * @param published   top-level {@code published} as sent (System Log), or null
 * @param uuid        top-level {@code uuid} (System Log), or null
 * @param event       the fields System Log detection rules look at, or null when the element has none of them
 * @param fields      the fields its request asked for ({@link PageRequest#fields()}), by path, those that hold a
 *                    non-null scalar (as {@link dev.oktainputs.core.json.JsonFields#read} finds them); null when the
 *                    request asked for none
 */
public record PageItem(byte[] json, String id, String lastUpdated, String published, String uuid, EventFields event,
                       Map<String, String> fields) {

    /** An element without event fields. */
    public PageItem(byte[] json, String id, String lastUpdated, String published, String uuid) {
        this(json, id, lastUpdated, published, uuid, null, null);
    }

    /** An element without picked fields. */
    public PageItem(byte[] json, String id, String lastUpdated, String published, String uuid, EventFields event) {
        this(json, id, lastUpdated, published, uuid, event, null);
    }

    /**
     * The System Log fields detection rules look at, read in the same pass as the rest (no second parse). As with a
     * tree of the element: a missing, null or non-scalar value is null, a number or boolean its text, and of a
     * repeated field the last one counts.
     *
     * @param eventType top-level {@code eventType}
     * @param severity  top-level {@code severity}
     * @param outcome   {@code outcome.result}
     * @param ipAddress {@code client.ipAddress}
     */
    public record EventFields(String eventType, String severity, String outcome, String ipAddress) {
    }

    /** @return the raw JSON as a string */
    public String jsonString() {
        return new String(json, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "PageItem[id=" + id + ", " + json.length + " bytes]";
    }
}
