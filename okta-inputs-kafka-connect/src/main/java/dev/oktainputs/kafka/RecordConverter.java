package dev.oktainputs.kafka;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.oktainputs.api.OktaRecord;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * {@link OktaRecord} to {@link SourceRecord}: topic {@code <prefix><stream>}, key the Okta id (string schema), value
 * the Okta JSON as a schemaless {@code Map} (write it with {@code JsonConverter} and {@code schemas.enable=false}),
 * headers {@code okta.stream}, {@code okta.op}, {@code okta.timestamp} (Okta's {@code lastUpdated} / {@code published}, an
 * ISO-8601 instant in UTC) and {@code okta.label.<name>} per label. The Kafka timestamp is when the record was read (the
 * task's clock), so that topics with time retention keep a directory whose objects last changed years ago; with
 * {@link TimestampSource#OKTA} it is Okta's time instead. A DELETE is a real tombstone (null value and schema), or a
 * {@code {"id", "deleted": true}} marker.
 */
final class RecordConverter {

    /** Header of the stream. */
    static final String HEADER_STREAM = "okta.stream";
    /** Header of the operation. */
    static final String HEADER_OP = "okta.op";
    /** Header of Okta's time of the record ({@code lastUpdated} / {@code published}, or when a delete was seen). */
    static final String HEADER_TIMESTAMP = "okta.timestamp";
    /** Prefix of the label headers. */
    static final String HEADER_LABEL_PREFIX = "okta.label.";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    /** What a record's Kafka timestamp is. */
    enum TimestampSource {
        /** When the task read the record: what time-based retention and {@code message.timestamp.*} checks expect. */
        READ,
        /** Okta's {@code lastUpdated} / {@code published}: event time, which retention treats as the record's age. */
        OKTA;

        /** @return the config value, {@code read} or {@code okta} */
        String configValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static TimestampSource of(String configValue) {
            return valueOf(configValue.strip().toUpperCase(java.util.Locale.ROOT));
        }
    }

    private final String topicPrefix;
    private final boolean tombstones;
    private final TimestampSource timestampSource;
    private final Clock clock;

    RecordConverter(String topicPrefix, boolean tombstones, TimestampSource timestampSource, Clock clock) {
        this.topicPrefix = topicPrefix;
        this.tombstones = tombstones;
        this.timestampSource = timestampSource;
        this.clock = clock;
    }

    String topic(String stream) {
        return topicPrefix + stream;
    }

    SourceRecord convert(OktaRecord r, Map<String, ?> partition, Map<String, ?> offset) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(HEADER_STREAM, r.stream());
        headers.addString(HEADER_OP, r.op().name());
        headers.addString(HEADER_TIMESTAMP, r.timestamp().toString());
        r.labels().forEach((k, v) -> headers.addString(HEADER_LABEL_PREFIX + k, v));
        Object value;
        if (r.op() == OktaRecord.Op.DELETE) {
            if (tombstones) {
                value = null;
            } else {
                Map<String, Object> marker = new LinkedHashMap<>();
                marker.put("id", r.key());
                marker.put("deleted", true);
                value = marker;
            }
        } else {
            value = toConnect(r);
        }
        Instant timestamp = timestampSource == TimestampSource.OKTA ? r.timestamp() : clock.instant();
        return new SourceRecord(partition, offset, topic(r.stream()), null, Schema.STRING_SCHEMA, r.key(), null, value,
                timestamp.toEpochMilli(), headers);
    }

    /**
     * A heartbeat: a record whose only purpose is to carry a stream's offset (Connect commits offsets with records).
     * Key the stream, value {@code {org, stream, last_fire}} (last_fire left out when unknown), header okta.stream.
     */
    static SourceRecord heartbeat(String topic, String org, String stream, Map<String, ?> partition, Map<String, ?> offset,
                                  Instant lastFire, Instant now) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("org", org);
        value.put("stream", stream);
        if (lastFire != null) {
            value.put(SourceOffsets.LAST_FIRE_KEY, lastFire.toString());
        }
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(HEADER_STREAM, stream);
        return new SourceRecord(partition, offset, topic, null, Schema.STRING_SCHEMA, stream, null, value, now.toEpochMilli(),
                headers);
    }

    private static Object toConnect(OktaRecord r) {
        JsonNode node;
        try {
            node = JSON.readTree(r.jsonBytesUnsafe());
        } catch (IOException e) {
            // The message names the record, never its content (which may hold personal data).
            throw new DataException("the JSON of " + r + " cannot be parsed", e);
        }
        return value(node);
    }

    /** Jackson tree to the types the schemaless JsonConverter writes: Map, List, String, Long, Double, Boolean, null. */
    static Object value(JsonNode n) {
        switch (n.getNodeType()) {
            case OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    m.put(e.getKey(), value(e.getValue()));
                }
                return m;
            }
            case ARRAY: {
                List<Object> l = new ArrayList<>(n.size());
                n.forEach(c -> l.add(value(c)));
                return l;
            }
            case STRING:
                return n.textValue();
            case BOOLEAN:
                return n.booleanValue();
            case NUMBER:
                if (n.isIntegralNumber()) {
                    // Beyond a long there is no schemaless Connect type: keep the digits as text rather than lose them.
                    return n.canConvertToLong() ? (Object) n.longValue() : n.asText();
                }
                return n.doubleValue();
            default:
                return null;
        }
    }
}
