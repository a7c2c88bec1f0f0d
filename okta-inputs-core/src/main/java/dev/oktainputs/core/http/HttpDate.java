package dev.oktainputs.core.http;

import java.time.Instant;
import java.util.Date;
import okhttp3.Headers;

/**
 * A response's {@code Date} header as an instant, parsed by OkHttp and remembered: Okta's dates have second precision,
 * so the responses of one second (dozens, in a fan-out) share one text, and OkHttp's parse (a {@code SimpleDateFormat}
 * looking up month and day names on each call) was ~5% of a fan-out's CPU when done twice per response.
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
        Date date = headers.getDate("Date");
        Instant instant = date == null ? null : date.toInstant();
        last = new Last(text, instant);
        return instant;
    }
}
