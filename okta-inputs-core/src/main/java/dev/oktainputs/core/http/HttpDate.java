package dev.oktainputs.core.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import okhttp3.Headers;

/**
 * A response's {@code Date} header as an instant, parsed and remembered: Okta's dates have second precision, so the
 * responses of one second (dozens, in a fan-out) share one text, and a parse per response was ~5% of a fan-out's CPU.
 *
 * <p>Parsed with the JDK's {@link DateTimeFormatter#RFC_1123_DATE_TIME} (the IMF-fixdate Okta sends), which is
 * immutable and shared by every thread; OkHttp's parser (a {@code SimpleDateFormat} per thread, ~8 ms to make on a
 * cold JVM, on the path of each new prefetch thread's first page) only reads the obsolete forms HTTP still allows.
 */
final class HttpDate {

    /** The last text parsed and what it read as (null when it was not a date). */
    private record Last(String text, Instant instant) {
    }

    private static volatile Last last = new Last("", null);

    private HttpDate() {
    }

    /**
     * @param headers a response's headers
     * @return its {@code Date}, or null when it has none or an unreadable one
     */
    static Instant of(Headers headers) {
        String text = headers.get("Date");
        if (text == null) {
            return null;
        }
        Last l = last;
        if (l.text().equals(text)) {
            return l.instant();
        }
        Instant instant = parse(text, headers);
        last = new Last(text, instant);
        return instant;
    }

    private static Instant parse(String text, Headers headers) {
        try {
            return DateTimeFormatter.RFC_1123_DATE_TIME.parse(text, Instant::from);
        } catch (DateTimeException e) {
            Date date = headers.getDate("Date"); // RFC 850 and asctime dates, or null
            return date == null ? null : date.toInstant();
        }
    }
}
