package dev.oktainputs.runner;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.time.OktaTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The JSON Lines envelope, one object per record:
 * {@code {"stream":"users","op":"upsert","key":"00u…","ts":"2026-…Z","labels":{},"data":{…Okta JSON…}}}, with
 * {@code "op":"delete"} and {@code "data":null} for deletions. {@code data} is Okta's JSON exactly as sent
 * (raw line breaks, which valid JSON can only have as whitespace, become spaces so each record stays one line).
 *
 * <p>{@code data} is copied byte for byte, line breaks replaced at byte level (in UTF-8 the bytes {@code \n} and
 * {@code \r} only ever stand for themselves), instead of being decoded into a {@code String} and encoded again. Bytes
 * that are not well-formed UTF-8 (never from Okta) still take the decoding path, so they come out as U+FFFD as before.
 * The envelope around it is written directly (no generator per record), byte for byte as Jackson's generator wrote it.
 */
final class JsonLines {

    private static final JsonFactory JSON = new JsonFactory();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private JsonLines() {
    }

    static void append(OktaRecord r, ByteArrayOutputStream out) {
        out.writeBytes(STREAM);
        string(r.stream(), out);
        out.writeBytes(r.op() == OktaRecord.Op.DELETE ? OP_DELETE : OP_UPSERT);
        string(r.key(), out);
        out.writeBytes(TS);
        timestamp(r.timestamp(), out);
        out.writeBytes(LABELS);
        boolean first = true;
        for (Map.Entry<String, String> l : r.labels().entrySet()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            name(l.getKey(), out);
            out.write(':');
            if (l.getValue() == null) {
                out.writeBytes(NULL);
            } else {
                string(l.getValue(), out);
            }
        }
        out.writeBytes(DATA);
        byte[] raw = r.jsonBytesUnsafe();
        if (raw == null) {
            out.writeBytes(NULL);
        } else if (asciiOneLine(raw)) {
            out.write(raw, 0, raw.length); // most events: one pass to check, one copy
        } else if (isWellFormedUtf8(raw)) {
            writeOneLine(raw, out);
        } else {
            out.writeBytes(oneLine(new String(raw, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        }
        out.write('}');
        out.write('\n');
    }

    /** As {@code string(t.toString(), out)} wrote it: ISO text is plain ASCII, so quoted as it is. */
    private static void timestamp(java.time.Instant t, ByteArrayOutputStream out) {
        byte[] b = new byte[OktaTime.ISO_MAX_BYTES + 2];
        b[0] = '"';
        int n = OktaTime.writeIso(t, b, 1);
        b[n + 1] = '"';
        out.write(b, 0, n + 2);
    }

    private static final byte[] STREAM = ascii("{\"stream\":");
    private static final byte[] OP_UPSERT = ascii(",\"op\":\"upsert\",\"key\":");
    private static final byte[] OP_DELETE = ascii(",\"op\":\"delete\",\"key\":");
    private static final byte[] TS = ascii(",\"ts\":");
    private static final byte[] LABELS = ascii(",\"labels\":{");
    private static final byte[] DATA = ascii("},\"data\":");
    private static final byte[] NULL = ascii("null");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Writes a JSON string value. Plain printable ASCII (ids, stream names, times: every string of a record in practice)
     * is copied as it is; anything else goes through Jackson's generator, as every string did before.
     */
    private static void string(String s, ByteArrayOutputStream out) {
        if (plain(s)) {
            quoted(s, out);
        } else {
            generated(s, false, out);
        }
    }

    /** Writes a field name, as {@link #string} (the generator writes some characters differently in names). */
    private static void name(String s, ByteArrayOutputStream out) {
        if (plain(s)) {
            quoted(s, out);
        } else {
            generated(s, true, out);
        }
    }

    private static boolean plain(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static void quoted(String s, ByteArrayOutputStream out) {
        out.write('"');
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1)); // plain: ASCII
        out.write('"');
    }

    private static void generated(String s, boolean name, ByteArrayOutputStream out) {
        ByteArrayOutputStream tmp = new ByteArrayOutputStream(s.length() * 6 + 4);
        try (JsonGenerator g = JSON.createGenerator(tmp, JsonEncoding.UTF8)) {
            if (name) {
                g.writeStartObject(); // a name needs an object; the '{' is dropped below
                g.writeFieldName(s);
            } else {
                g.writeString(s);
            }
            g.flush();
            byte[] b = tmp.toByteArray();
            out.write(b, name ? 1 : 0, name ? b.length - 1 : b.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String line(OktaRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        append(r, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String oneLine(String json) {
        return json.indexOf('\n') < 0 && json.indexOf('\r') < 0 ? json : json.replace('\n', ' ').replace('\r', ' ');
    }

    /** Copies {@code raw} with each {@code \n} and {@code \r} byte written as a space. */
    private static void writeOneLine(byte[] raw, ByteArrayOutputStream out) {
        int from = 0;
        int i = 0;
        int n = raw.length;
        while (i < n) {
            // Eight bytes at a time while none is a line break (Okta's compact JSON has none: one bulk copy).
            if (i + 8 <= n) {
                long word = (long) LONGS.get(raw, i);
                if (!hasByte(word, LF_BYTES) && !hasByte(word, CR_BYTES)) {
                    i += 8;
                    continue;
                }
            }
            for (int end = Math.min(i + 8, n); i < end; i++) {
                if (raw[i] == '\n' || raw[i] == '\r') {
                    out.write(raw, from, i - from);
                    out.write(' ');
                    from = i + 1;
                }
            }
        }
        out.write(raw, from, n - from);
    }

    /** @return true when every byte is ASCII and none is a line break: the bytes go out as they are */
    static boolean asciiOneLine(byte[] b) {
        int i = 0;
        int n = b.length;
        for (; i + 8 <= n; i += 8) {
            long word = (long) LONGS.get(b, i);
            if ((word & 0x8080808080808080L) != 0 || hasByte(word, LF_BYTES) || hasByte(word, CR_BYTES)) {
                return false;
            }
        }
        for (; i < n; i++) {
            if (b[i] < 0 || b[i] == '\n' || b[i] == '\r') {
                return false;
            }
        }
        return true;
    }

    private static final long LF_BYTES = 0x0A0A0A0A0A0A0A0AL;
    private static final long CR_BYTES = 0x0D0D0D0D0D0D0D0DL;

    /** @return whether one of the word's eight bytes equals {@code pattern}'s (the has-zero-byte test on their xor) */
    private static boolean hasByte(long word, long pattern) {
        long v = word ^ pattern;
        return ((v - 0x0101010101010101L) & ~v & 0x8080808080808080L) != 0;
    }

    /**
     * @return true when {@code b} is well-formed UTF-8 (RFC 3629: no overlong forms, surrogates, code points above
     *         U+10FFFF or cut-off sequences), exactly what the JDK's decoder reads without replacing anything
     */
    static boolean isWellFormedUtf8(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            // Eight ASCII bytes at a time (no byte of the word has its high bit set).
            while (i + 8 <= n && ((long) LONGS.get(b, i) & 0x8080808080808080L) == 0) {
                i += 8;
            }
            if (i >= n) {
                break;
            }
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            if (c >= 0xC2 && c <= 0xDF) {
                if (i + 1 >= n || !continuation(b[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                if (i + 2 >= n) {
                    return false;
                }
                int c1 = b[i + 1] & 0xFF;
                int lo = c == 0xE0 ? 0xA0 : 0x80;
                int hi = c == 0xED ? 0x9F : 0xBF;
                if (c1 < lo || c1 > hi || !continuation(b[i + 2])) {
                    return false;
                }
                i += 3;
            } else if (c >= 0xF0 && c <= 0xF4) {
                if (i + 3 >= n) {
                    return false;
                }
                int c1 = b[i + 1] & 0xFF;
                int lo = c == 0xF0 ? 0x90 : 0x80;
                int hi = c == 0xF4 ? 0x8F : 0xBF;
                if (c1 < lo || c1 > hi || !continuation(b[i + 2]) || !continuation(b[i + 3])) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
