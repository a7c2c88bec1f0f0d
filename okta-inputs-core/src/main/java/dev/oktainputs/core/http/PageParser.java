package dev.oktainputs.core.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.oktainputs.core.error.OktaProtocolException;
import dev.oktainputs.core.json.JsonFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts a page body into its elements with Jackson's streaming parser: each array element is copied out as
 * the exact bytes Okta sent, and {@code id}, {@code lastUpdated}, {@code published} and {@code uuid} are
 * picked up on the way, with the System Log fields detection rules use ({@link PageItem.EventFields}). No tree of the page is built. Handles both a top-level array and Okta's wrapped
 * variant ({@code {"value": [...], "_links": {"next": {"href": "..."}}}}), and a body that is one object (a page of
 * that one item).
 */
public final class PageParser {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(200)
                    .maxStringLength(10_000_000)
                    .build())
            .build();

    private PageParser() {
    }

    /** What a parsed body holds. */
    record Parsed(List<PageItem> items, String bodyNext) {
    }

    /**
     * @param body       the whole response body
     * @param itemsField null for a top-level array, else the field holding the array
     * @return the elements and, for the wrapped variant, {@code _links.next.href}
     * @throws MalformedPageException when the body is not the expected JSON
     */
    static Parsed parse(byte[] body, String itemsField) {
        return parse(body, itemsField, false);
    }

    static Parsed parse(byte[] body, String itemsField, boolean single) {
        return parse(body, itemsField, single, Set.of());
    }

    /**
     * @param body       the whole response body
     * @param itemsField null for a top-level array (or a single object), else the field holding the array
     * @param single     true when the body is one JSON object: the page is that one item, with no next link
     * @param fields     dotted paths to pick up from each item ({@link PageItem#fields()}); empty for none
     * @return the elements and, for the wrapped variant, {@code _links.next.href}
     * @throws MalformedPageException when the body is not the expected JSON
     */
    static Parsed parse(byte[] body, String itemsField, boolean single, Set<String> fields) {
        JsonFields.Picker picker = fields.isEmpty() ? null : JsonFields.Picker.of(fields);
        try (JsonParser p = FACTORY.createParser(body)) {
            JsonToken first = p.nextToken();
            if (single) {
                if (first != JsonToken.START_OBJECT) {
                    throw malformed("expected a JSON object but the body starts with " + first, null);
                }
                PageItem item = readElement(p, body, picker);
                requireEnd(p);
                return new Parsed(List.of(item), null);
            }
            if (first == JsonToken.START_ARRAY && itemsField == null) {
                List<PageItem> items = readArray(p, body, picker);
                requireEnd(p);
                return new Parsed(items, null);
            }
            if (first != JsonToken.START_OBJECT || itemsField == null) {
                throw malformed("expected a JSON " + (itemsField == null ? "array" : "object with '" + itemsField + "'")
                        + " but the body starts with " + first, null);
            }
            // A missing items field reads as no items (an empty listing); one of another type is an error, never
            // silently an empty page, which a full pass would take for "everything was deleted".
            List<PageItem> items = List.of();
            String next = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals(itemsField)) {
                    if (t != JsonToken.START_ARRAY) {
                        throw malformed("'" + itemsField + "' is " + t + ", not an array", null);
                    }
                    items = readArray(p, body, picker);
                } else if (name.equals("_links") && t == JsonToken.START_OBJECT) {
                    next = readNextHref(p);
                } else {
                    p.skipChildren();
                }
            }
            requireEnd(p);
            return new Parsed(items, next);
        } catch (IOException e) {
            throw malformed(e instanceof com.fasterxml.jackson.core.JsonProcessingException
                    ? ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage() : String.valueOf(e.getMessage()), e);
        }
    }

    /** Nothing but whitespace may follow the page: two documents, or garbage after one, is not a page. */
    private static void requireEnd(JsonParser p) throws IOException {
        JsonToken after = p.nextToken();
        if (after != null) {
            throw malformed("unexpected " + after + " after the end of the page's JSON", null);
        }
    }

    private static List<PageItem> readArray(JsonParser p, byte[] body, JsonFields.Picker picker) throws IOException {
        List<PageItem> items = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw malformed("expected an object as array element but found " + t, null);
            }
            items.add(readElement(p, body, picker));
        }
        return items;
    }

    /** Reads the object whose START_OBJECT is the current token, as the exact bytes sent. */
    private static PageItem readElement(JsonParser p, byte[] body, JsonFields.Picker picker) throws IOException {
        long start = p.currentTokenLocation().getByteOffset();
        String id = null;
        String lastUpdated = null;
        String published = null;
        String uuid = null;
        String eventType = null;
        String severity = null;
        String outcome = null;
        String ip = null;
        boolean event = false;
        Map<String, String> fields = picker == null ? null : new HashMap<>(8);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (picker != null && picker.take(p, name, v, fields)) {
                continue; // an object it read through for the fields asked for
            }
            if (v.isScalarValue()) {
                switch (name) {
                    case "id": id = p.getValueAsString(); break;
                    case "lastUpdated": lastUpdated = p.getValueAsString(); break;
                    case "published": published = p.getValueAsString(); break;
                    case "uuid": uuid = p.getValueAsString(); break;
                    case "eventType": eventType = p.getValueAsString(); event = true; break;
                    case "severity": severity = p.getValueAsString(); event = true; break;
                    case "outcome": outcome = null; event = true; break;
                    case "client": ip = null; event = true; break;
                    default: break;
                }
            } else {
                switch (name) {
                    case "eventType": eventType = null; event = true; p.skipChildren(); break;
                    case "severity": severity = null; event = true; p.skipChildren(); break;
                    case "outcome": outcome = inner(p, v, "result"); event = true; break;
                    case "client": ip = inner(p, v, "ipAddress"); event = true; break;
                    default: p.skipChildren(); break;
                }
            }
        }
        long end = p.currentLocation().getByteOffset();
        if (start < 0 || end > body.length || end <= start) {
            throw malformed("could not locate an element in the body", null);
        }
        return new PageItem(Arrays.copyOfRange(body, (int) start, (int) end), id, lastUpdated, published, uuid,
                event ? new PageItem.EventFields(eventType, severity, outcome, ip) : null, fields);
    }

    /** @return the scalar {@code field} of the object that starts at {@code v} (null if none); skips any other value */
    private static String inner(JsonParser p, JsonToken v, String field) throws IOException {
        if (v != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String value = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (name.equals(field)) {
                value = t.isScalarValue() ? p.getValueAsString() : null;
            }
            if (!t.isScalarValue()) {
                p.skipChildren();
            }
        }
        return value;
    }

    private static String readNextHref(JsonParser p) throws IOException {
        String href = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String rel = p.currentName();
            JsonToken t = p.nextToken();
            if (rel.equals("next") && t != JsonToken.VALUE_NULL) {
                if (t != JsonToken.START_OBJECT) {
                    throw malformed("_links.next is " + t + ", not an object with href", null);
                }
                href = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    JsonToken v = p.nextToken();
                    if (f.equals("href") && v == JsonToken.VALUE_STRING) {
                        href = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
                // A next link we cannot read would end the listing early, silently: refuse the page instead.
                if (href == null) {
                    throw malformed("_links.next has no string href", null);
                }
            } else {
                p.skipChildren();
            }
        }
        return href;
    }

    private static MalformedPageException malformed(String detail, Throwable cause) {
        return new MalformedPageException(detail, cause);
    }

    /**
     * A body that is not JSON of the expected shape. {@link OktaClient} fetches such a page again (a body cut short
     * reads like this) before it gives up with its own message.
     */
    static final class MalformedPageException extends OktaProtocolException {
        private static final long serialVersionUID = 1L;
        private final String detail;

        MalformedPageException(String detail, Throwable cause) {
            super("Okta sent a page that is not valid JSON of the expected shape: " + detail
                    + ". The next run retries; if it persists, report it with the request id.",
                    dev.oktainputs.core.error.OktaErrorDetails.NONE, cause);
            this.detail = detail;
        }

        /** @return what is wrong with the body, without any of its content beyond what the parser quotes */
        String detail() {
            return detail;
        }
    }
}
