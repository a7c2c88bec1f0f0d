package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.api.OktaRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05.678Z");

    @Test
    void envelopeCarriesOktasJsonVerbatim() {
        OktaRecord r = OktaRecord.upsert("users", "00u1", T,
                "{\"id\":\"00u1\",\"profile\":{\"n\":1.50,\"x\":\"é\"}}".getBytes(StandardCharsets.UTF_8)).withLabels(Map.of("team", "it"));
        assertThat(JsonLines.line(r)).isEqualTo("{\"stream\":\"users\",\"op\":\"upsert\",\"key\":\"00u1\",\"ts\":\"2026-01-02T03:04:05.678Z\","
                + "\"labels\":{\"team\":\"it\"},\"data\":{\"id\":\"00u1\",\"profile\":{\"n\":1.50,\"x\":\"é\"}}}\n");
    }

    @Test
    void deletesHaveNullDataAndPrettyJsonStaysOnOneLine() {
        assertThat(JsonLines.line(OktaRecord.delete("users", "00u1", T)))
                .isEqualTo("{\"stream\":\"users\",\"op\":\"delete\",\"key\":\"00u1\",\"ts\":\"2026-01-02T03:04:05.678Z\",\"labels\":{},\"data\":null}\n");
        String line = JsonLines.line(OktaRecord.upsert("users", "k", T, "{\n  \"a\": \"line\\nbreak\"\r\n}".getBytes(StandardCharsets.UTF_8)));
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        assertThat(line).contains("\"line\\nbreak\"");
    }

    @Test
    void fileSinkAppendsOneFilePerStream(@TempDir Path dir) throws Exception {
        try (JsonLinesFileSink sink = new JsonLinesFileSink(dir)) {
            sink.write(List.of(OktaRecord.upsert("users", "a", T, "{}".getBytes(StandardCharsets.UTF_8)),
                    OktaRecord.upsert("groups", "g", T, "{}".getBytes(StandardCharsets.UTF_8))));
            sink.write(List.of(OktaRecord.delete("users", "a", T)));
        }
        try (JsonLinesFileSink sink = new JsonLinesFileSink(dir)) {
            sink.write(List.of(OktaRecord.upsert("users", "b", T, "{}".getBytes(StandardCharsets.UTF_8))));
        }
        assertThat(Files.readAllLines(dir.resolve("users.jsonl"))).hasSize(3);
        assertThat(Files.readAllLines(dir.resolve("groups.jsonl"))).hasSize(1);
    }

    @Test
    void aLineTornByAKillIsCutOffBeforeAppending(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("users.jsonl"), "{\"key\":\"a\"}\n{\"key\":\"b\"}\n{\"key\":\"c\",\"da");
        try (JsonLinesFileSink sink = new JsonLinesFileSink(dir)) {
            sink.write(List.of(OktaRecord.upsert("users", "c", T, "{}".getBytes(StandardCharsets.UTF_8))));
        }
        List<String> lines = Files.readAllLines(dir.resolve("users.jsonl"));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).isEqualTo("{\"key\":\"b\"}");
        assertThat(lines.get(2)).startsWith("{\"stream\":\"users\"").contains("\"key\":\"c\"");
        Files.writeString(dir.resolve("x.jsonl"), "no newline at all");
        JsonLinesFileSink.dropTornTail(dir.resolve("x.jsonl"));
        assertThat(Files.size(dir.resolve("x.jsonl"))).isZero();
    }

    @Test
    void rawBytesAreWrittenByteForByteAsTheFormerStringRoundTripDid() {
        List<byte[]> inputs = new ArrayList<>();
        for (String json : List.of("{}", "{\"a\":\"é ü 漢字 😀\"}", "{\n\t\"a\": 1\r\n}\r", "\n", "{\"x\":\"\u0000\u007f\"}")) {
            inputs.add(json.getBytes(StandardCharsets.UTF_8));
        }
        // Not well-formed UTF-8 (Okta never sends it): stray continuation, overlong, surrogate, above U+10FFFF, cut off.
        for (int[] bad : new int[][] {{0x80}, {0xC0, 0x80}, {0xC1, 0xBF}, {0xE0, 0x80, 0x80}, {0xED, 0xA0, 0x80},
                {0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80}, {0xFF}, {0xE2, 0x82}, {0xF0, 0x9F, 0x98}, {0xC3}}) {
            byte[] b = new byte[bad.length + 4];
            b[0] = '{';
            b[1] = '\n';
            for (int i = 0; i < bad.length; i++) {
                b[i + 2] = (byte) bad[i];
            }
            b[b.length - 2] = '\r';
            b[b.length - 1] = '}';
            inputs.add(b);
        }
        // And byte salad from pieces of both, with a fixed seed.
        byte[][] pieces = {"a".getBytes(StandardCharsets.UTF_8), "\n".getBytes(StandardCharsets.UTF_8), "\r".getBytes(StandardCharsets.UTF_8),
                "é".getBytes(StandardCharsets.UTF_8), "漢".getBytes(StandardCharsets.UTF_8), "😀".getBytes(StandardCharsets.UTF_8),
                {(byte) 0xF0, (byte) 0x9F}, {(byte) 0x80}, {(byte) 0xED, (byte) 0xBF, (byte) 0xBF}, {(byte) 0xEF, (byte) 0xBF, (byte) 0xBF}};
        Random random = new Random(3);
        for (int n = 0; n < 2000; n++) {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            for (int k = random.nextInt(12); k >= 0; k--) {
                b.writeBytes(pieces[random.nextInt(pieces.length)]);
            }
            inputs.add(b.toByteArray());
        }
        // Longer ASCII with a line break or two anywhere: the eight-bytes-at-a-time scan meets them in every position.
        for (int n = 0; n < 500; n++) {
            byte[] b = new byte[1 + random.nextInt(100)];
            java.util.Arrays.fill(b, (byte) 'x');
            for (int k = random.nextInt(3); k > 0; k--) {
                b[random.nextInt(b.length)] = (byte) (random.nextBoolean() ? '\n' : '\r');
            }
            inputs.add(b);
        }
        int wellFormed = 0;
        for (byte[] raw : inputs) {
            OktaRecord r = OktaRecord.upsert("system_log", "k", T, raw).withLabels(Map.of("detection", "x"));
            assertThat(bytes(r)).as(java.util.Arrays.toString(raw)).isEqualTo(formerBytes(r));
            wellFormed += JsonLines.isWellFormedUtf8(raw) ? 1 : 0;
            assertThat(JsonLines.isWellFormedUtf8(raw)).isEqualTo(decodesCleanly(raw));
            boolean plain = true;
            for (byte x : raw) {
                plain &= x >= 0 && x != '\n' && x != '\r';
            }
            assertThat(JsonLines.asciiOneLine(raw)).as(java.util.Arrays.toString(raw)).isEqualTo(plain);
        }
        assertThat(wellFormed).isBetween(600, inputs.size() - 100); // both paths taken
    }

    @Test
    void theEnvelopeIsWhatJacksonsGeneratorWrote() {
        String[] pieces = {"a", "Z", "0", "\"", "\\", "/", "\n", "\t", "\u0000", "\u001f", "\u007f", "é", "漢", "😀", " ", "|", "<"};
        Random random = new Random(11);
        for (int n = 0; n < 3000; n++) {
            java.util.LinkedHashMap<String, String> labels = new java.util.LinkedHashMap<>();
            for (int k = random.nextInt(4); k > 0; k--) {
                labels.put(text(random, pieces), random.nextInt(8) == 0 ? null : text(random, pieces));
            }
            String key = "k" + text(random, pieces);
            Instant ts = switch (random.nextInt(40)) {
                case 0 -> Instant.MAX;
                case 1 -> Instant.MIN;
                case 2 -> Instant.ofEpochSecond(random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()), random.nextInt(1_000_000_000)); // any year
                default -> Instant.ofEpochMilli(random.nextLong() % 4_000_000_000_000L).plusNanos(random.nextInt(3) == 0 ? 123_456 : 0);
            };
            OktaRecord r = random.nextInt(5) == 0 ? OktaRecord.delete("s" + text(random, pieces), key, ts)
                    : OktaRecord.upsert("s" + text(random, pieces), key, ts, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
            r = r.withLabels(labels);
            assertThat(new String(bytes(r), StandardCharsets.UTF_8)).isEqualTo(new String(formerBytes(r), StandardCharsets.UTF_8));
        }
    }

    private static String text(Random random, String[] pieces) {
        StringBuilder sb = new StringBuilder();
        for (int k = random.nextInt(6); k > 0; k--) {
            sb.append(pieces[random.nextInt(pieces.length)]);
        }
        return sb.toString();
    }

    private static byte[] bytes(OktaRecord r) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        JsonLines.append(r, out);
        return out.toByteArray();
    }

    private static boolean decodesCleanly(byte[] raw) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(raw));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** The envelope as written before data was copied as bytes: decoded to a String, written with writeRawValue. */
    private static byte[] formerBytes(OktaRecord r) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (com.fasterxml.jackson.core.JsonGenerator g = new com.fasterxml.jackson.core.JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("stream", r.stream());
            g.writeStringField("op", r.op() == OktaRecord.Op.DELETE ? "delete" : "upsert");
            g.writeStringField("key", r.key());
            g.writeStringField("ts", r.timestamp().toString());
            g.writeObjectFieldStart("labels");
            for (Map.Entry<String, String> l : r.labels().entrySet()) {
                g.writeStringField(l.getKey(), l.getValue());
            }
            g.writeEndObject();
            g.writeFieldName("data");
            if (r.jsonBytesUnsafe() == null) {
                g.writeNull();
            } else {
                g.writeRawValue(new String(r.jsonBytesUnsafe(), StandardCharsets.UTF_8).replace('\n', ' ').replace('\r', ' '));
            }
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }
}
