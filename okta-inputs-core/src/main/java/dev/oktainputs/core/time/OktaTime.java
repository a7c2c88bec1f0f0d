package dev.oktainputs.core.time;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Okta's timestamps, in one place: Okta writes and reads {@code 2025-01-01T00:00:00.000Z} (UTC, milliseconds) in
 * {@code lastUpdated}, {@code published}, filter expressions and the System Log's {@code since} / {@code until}.
 */
public final class OktaTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private OktaTime() {
    }

    /**
     * @param instant a time
     * @return it in Okta's format, truncated to milliseconds, e.g. {@code 2025-01-01T00:00:00.000Z}
     */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** The most bytes {@link #writeIso} writes, for any instant ({@code Instant.MAX} takes 37). */
    public static final int ISO_MAX_BYTES = 40;

    private static final long FIRST_FAST_DAY = LocalDate.of(1, 1, 1).toEpochDay();
    private static final long LAST_FAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

    /**
     * Writes {@code instant} as ASCII exactly as {@link Instant#toString()} does ({@code 2025-01-01T00:00:00Z},
     * {@code ...:00.120Z}: no fraction, or 3, 6 or 9 digits), without a formatter: what the JSON Lines envelope's
     * {@code ts} costs per record. Years outside 1–9999 go through {@code toString()}.
     *
     * @param instant a time
     * @param dst     where to write; at least {@value #ISO_MAX_BYTES} bytes from {@code off}
     * @param off     the first index to write
     * @return the number of bytes written
     */
    public static int writeIso(Instant instant, byte[] dst, int off) {
        long sec = instant.getEpochSecond();
        long day = Math.floorDiv(sec, 86_400L);
        if (day < FIRST_FAST_DAY || day > LAST_FAST_DAY) {
            byte[] text = instant.toString().getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, dst, off, text.length);
            return text.length;
        }
        LocalDate date = LocalDate.ofEpochDay(day);
        int secondOfDay = (int) Math.floorMod(sec, 86_400L);
        int p = digits(date.getYear(), 4, dst, off);
        dst[p++] = '-';
        p = digits(date.getMonthValue(), 2, dst, p);
        dst[p++] = '-';
        p = digits(date.getDayOfMonth(), 2, dst, p);
        dst[p++] = 'T';
        p = digits(secondOfDay / 3600, 2, dst, p);
        dst[p++] = ':';
        p = digits(secondOfDay / 60 % 60, 2, dst, p);
        dst[p++] = ':';
        p = digits(secondOfDay % 60, 2, dst, p);
        int nano = instant.getNano();
        if (nano != 0) {
            dst[p++] = '.';
            if (nano % 1_000_000 == 0) {
                p = digits(nano / 1_000_000, 3, dst, p);
            } else if (nano % 1_000 == 0) {
                p = digits(nano / 1_000, 6, dst, p);
            } else {
                p = digits(nano, 9, dst, p);
            }
        }
        dst[p++] = 'Z';
        return p - off;
    }

    private static int digits(int value, int width, byte[] dst, int off) {
        for (int i = off + width - 1; i >= off; i--) {
            dst[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return off + width;
    }

    /**
     * Reads a timestamp leniently: Okta's own format without a formatter ({@link Instant#parse} costs more than the
     * rest of handling a System Log event), any other ISO-8601 instant through {@link Instant#parse}.
     *
     * @param text a timestamp as Okta sent it, or null
     * @return the instant, or null when {@code text} is null or not a timestamp (a record without a usable time is
     *         still a record; callers decide what a missing time means)
     */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        Instant fast = parseOktaFormat(text);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant parseOktaFormat(String s) {
        if (s.length() != 24 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(19) != '.' || s.charAt(23) != 'Z') {
            return null;
        }
        try {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 2);
            int day = digits(s, 8, 2);
            int hour = digits(s, 11, 2);
            int minute = digits(s, 14, 2);
            int second = digits(s, 17, 2);
            if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
                return null; // Instant.parse decides (and refuses what LocalDateTime.of refused)
            }
            long epochSecond = epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second;
            return Instant.ofEpochSecond(epochSecond, digits(s, 20, 3) * 1_000_000L);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2) {
            return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /**
     * Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's {@code days_from_civil}), what
     * {@code LocalDate.toEpochDay} computes, without a {@code LocalDate} per record.
     */
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(s);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
