package dev.oktainputs.testkit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Identifier and timestamp helpers shared by the fakes. */
final class Ids {

    static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static final DateTimeFormatter OKTA_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final AtomicLong COUNTER = new AtomicLong();

    private Ids() {
    }

    /** {@code length} random base62 characters drawn from {@code random}. */
    static String base62(SplittableRandom random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = BASE62.charAt(random.nextInt(62));
        }
        return new String(chars);
    }

    /**
     * A random-looking identifier that is unique within this JVM: the first 11 characters encode a bijective mix
     * of a process-wide counter, the rest are filler derived from it.
     */
    static String unique(String prefix, int length) {
        long n = COUNTER.incrementAndGet();
        StringBuilder sb = new StringBuilder(prefix);
        appendBase62(sb, mix(n), 11);
        long filler = mix(n ^ 0x5DEECE66DL);
        while (sb.length() < prefix.length() + length) {
            appendBase62(sb, filler, 11);
            filler = mix(filler);
        }
        sb.setLength(prefix.length() + length);
        return sb.toString();
    }

    /** SplitMix64's finaliser: a bijection on 64-bit values. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void appendBase62(StringBuilder sb, long value, int digits) {
        long v = value;
        for (int i = 0; i < digits; i++) {
            sb.append(BASE62.charAt((int) Long.remainderUnsigned(v, 62)));
            v = Long.divideUnsigned(v, 62);
        }
    }

    /** Okta's timestamp format: ISO-8601 UTC with milliseconds, e.g. {@code 2024-03-01T10:15:30.000Z}. */
    static String oktaTime(Instant instant) {
        return OKTA_TIME.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** An RFC 1123 HTTP date, e.g. {@code Fri, 01 Mar 2024 10:15:30 GMT}. */
    static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant);
    }
}
