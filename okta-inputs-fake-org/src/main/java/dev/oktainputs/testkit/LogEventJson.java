package dev.oktainputs.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes {@link LogEventGenerator.Facts} as Okta's LogEvent JSON (compact, Okta's field order), with the drifted types
 * the facts call for. Deterministic: the same facts give the same bytes.
 */
final class LogEventJson {

    private static final String[][] AGENTS = {
        {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36",
            "Mac OS X", "CHROME", "Computer"},
        {"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0", "Windows 10", "FIREFOX", "Computer"},
        {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148", "iOS", "SAFARI", "Mobile"},
        {"okta-sdk-java/20.0.0 java/17.0.11 Linux/6.1.0", "Linux", "UNKNOWN", "Unknown"}};

    private final JsonFactory json = new JsonFactory();

    /** Renders the event as Okta sends it (compact JSON, Okta's field order). */
    String render(LogEventGenerator.Facts f) {
        StringWriter out = new StringWriter(1400);
        try (JsonGenerator g = json.createGenerator(out)) {
            write(f, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Renders events as a JSON array, byte for byte the concatenation of {@link #render(LogEventGenerator.Facts)}s (one generator). */
    String renderArray(List<LogEventGenerator.Facts> events) {
        StringWriter out = new StringWriter(events.size() * 1400 + 2);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartArray();
            for (LogEventGenerator.Facts f : events) {
                write(f, g);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private void write(LogEventGenerator.Facts f, JsonGenerator g) throws IOException {
        SplittableRandom r = new SplittableRandom(Ids.mix(f.uuid().hashCode() * 0x2545F491L));
        g.writeStartObject();
        g.writeObjectFieldStart("actor");
        g.writeStringField("id", f.actorId());
        g.writeStringField("type", "User");
        g.writeStringField("alternateId", f.actorLogin());
        g.writeStringField("displayName", f.actorName());
        g.writeNullField("detailEntry");
        g.writeEndObject();
        String[] agent = AGENTS[r.nextInt(AGENTS.length)];
        g.writeObjectFieldStart("client");
        g.writeObjectFieldStart("userAgent");
        g.writeStringField("rawUserAgent", agent[0]);
        g.writeStringField("os", agent[1]);
        g.writeStringField("browser", agent[2]);
        g.writeEndObject();
        g.writeStringField("zone", "null");
        g.writeStringField("device", agent[3]);
        g.writeNullField("id");
        g.writeStringField("ipAddress", f.ipAddress());
        geo(g, f, r);
        g.writeEndObject();
        g.writeNullField("device");
        g.writeObjectFieldStart("authenticationContext");
        g.writeNullField("authenticationProvider");
        g.writeNullField("credentialProvider");
        g.writeNullField("credentialType");
        g.writeNullField("issuer");
        g.writeNullField("interface");
        if (f.drift() == 2) {
            g.writeStringField("authenticationStep", "0");
        } else {
            g.writeNumberField("authenticationStep", 0);
        }
        g.writeStringField("externalSessionId", "102" + f.transactionId().substring(0, 22));
        g.writeEndObject();
        g.writeStringField("displayMessage", f.displayMessage());
        g.writeStringField("eventType", f.eventType());
        g.writeObjectFieldStart("outcome");
        g.writeStringField("result", f.outcome());
        if (f.reason() == null) {
            g.writeNullField("reason");
        } else {
            g.writeStringField("reason", f.reason());
        }
        g.writeEndObject();
        g.writeStringField("published", oktaTime(f.published().toEpochMilli()));
        g.writeObjectFieldStart("securityContext");
        if (f.drift() == 3) {
            g.writeStringField("asNumber", "7922");
        } else {
            g.writeNumberField("asNumber", 7922);
        }
        g.writeStringField("asOrg", "comcast");
        g.writeStringField("isp", "comcast");
        g.writeStringField("domain", "comcast.net");
        g.writeBooleanField("isProxy", f.ipAddress().startsWith("198.51.100."));
        g.writeEndObject();
        g.writeStringField("severity", f.severity());
        g.writeObjectFieldStart("debugContext");
        g.writeObjectFieldStart("debugData");
        g.writeStringField("requestId", f.transactionId());
        g.writeStringField("requestUri", f.requestUri());
        g.writeStringField("url", f.requestUri() + "?");
        if (f.drift() == 4) {
            g.writeBooleanField("threatSuspected", "DENY".equals(f.outcome()));
        } else {
            g.writeStringField("threatSuspected", Boolean.toString("DENY".equals(f.outcome())));
        }
        g.writeEndObject();
        g.writeEndObject();
        if (f.legacyEventType() == null) {
            g.writeNullField("legacyEventType");
        } else {
            g.writeStringField("legacyEventType", f.legacyEventType());
        }
        g.writeObjectFieldStart("transaction");
        g.writeStringField("type", "WEB");
        g.writeStringField("id", f.transactionId());
        g.writeObjectFieldStart("detail");
        g.writeEndObject();
        g.writeEndObject();
        g.writeStringField("uuid", f.uuid());
        if (f.drift() == 1) {
            g.writeNumberField("version", 0);
        } else {
            g.writeStringField("version", "0");
        }
        g.writeObjectFieldStart("request");
        g.writeArrayFieldStart("ipChain");
        g.writeStartObject();
        g.writeStringField("ip", f.ipAddress());
        g.writeStringField("version", "V4");
        g.writeNullField("source");
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeArrayFieldStart("target");
        if (f.targetId() != null) {
            g.writeStartObject();
            g.writeStringField("id", f.targetId());
            g.writeStringField("type", f.targetType());
            g.writeStringField("alternateId", f.targetName());
            g.writeStringField("displayName", f.targetName());
            g.writeNullField("detailEntry");
            g.writeEndObject();
        }
        g.writeEndArray();
        if (f.drift() == 5) {
            g.writeObjectFieldStart("undocumentedSinceLastRelease");
            g.writeNumberField("riskScore", r.nextInt(100));
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** Okta's {@code 2025-01-01T00:00:00.000Z}, without a formatter: it runs for every event served. */
    static String oktaTime(long millis) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, java.time.ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(24).append(t.getYear()).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2).append('.');
        return pad(b, (int) Math.floorMod(millis, 1000), 3).append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder b, int value, int digits) {
        String v = Integer.toString(value);
        for (int i = v.length(); i < digits; i++) {
            b.append('0');
        }
        return b.append(v);
    }

    private static void geo(JsonGenerator g, LogEventGenerator.Facts f, SplittableRandom r) throws IOException {
        String[] place = null;
        for (String[] p : LogEventGenerator.PLACES) {
            if (p[0].equals(f.city())) {
                place = p;
            }
        }
        g.writeObjectFieldStart("geographicalContext");
        g.writeStringField("city", place[0]);
        g.writeStringField("state", place[1]);
        g.writeStringField("country", place[2]);
        if (f.drift() == 2 && place[3].matches("\\d+")) {
            g.writeNumberField("postalCode", Integer.parseInt(place[3]));
        } else {
            g.writeStringField("postalCode", place[3]);
        }
        g.writeObjectFieldStart("geolocation");
        g.writeNumberField("lat", Math.round(Double.parseDouble(place[4]) * 10_000 + r.nextInt(100)) / 10_000.0);
        g.writeNumberField("lon", Double.parseDouble(place[5]));
        g.writeEndObject();
        g.writeEndObject();
    }
}
