package dev.oktainputs.testkit;

import okhttp3.HttpUrl;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code GET /api/v1/logs} with Okta's semantics.
 *
 * <ul>
 *   <li>Polling request (no {@code until}, ascending): events in persistence order after the cursor ({@code since}
 *       selects by persistence time), visible now; the {@code next} link is <em>always</em> present, even on an empty
 *       page, and carries an opaque {@code after} instead of {@code since}.</li>
 *   <li>Bounded request ({@code until} given, or {@code sortOrder=DESCENDING}): events with {@code published} in
 *       [since, until) ordered by {@code published}; finite, the last page has no {@code next}.</li>
 *   <li>{@code since} and {@code after} together → 400 E0000001; {@code since} more than 180 days back → 400 E0000053;
 *       events published more than 90 days ago are never returned; {@code limit} 100 by default, at most 1000;
 *       {@code filter} and {@code q} as {@link LogFilter} says.</li>
 * </ul>
 */
final class LogsRoutes {

    static final String BUCKET = "/api/v1/logs";
    private static final long DAY = Duration.ofDays(1).toMillis();

    private LogsRoutes() {
    }

    static void register(Routes routes) {
        routes.add(new Route("GET", "/api/v1/logs", BUCKET, true, LogsRoutes::list));
    }

    static FakeResponse list(Route.Call call) {
        RecordedOktaRequest request = call.request();
        FakeSystemLog log = call.server().org().systemLog();
        long now = call.server().clock().millis();
        int limit = Paging.limit(request, 100, 1000);
        String after = request.queryParameter("after");
        String sinceRaw = request.queryParameter("since");
        if (after != null && sinceRaw != null) {
            throw OktaApiException.validation("since", "since and after are mutually exclusive and cannot be specified together.");
        }
        Instant since = time("since", sinceRaw);
        Instant until = time("until", request.queryParameter("until"));
        if (since != null && since.toEpochMilli() < now - 180 * DAY) {
            throw new OktaApiException(FakeResponse.oktaError(400, "E0000053",
                    "Invalid parameter: The since parameter is over 180 days prior to the current day."));
        }
        String order = request.queryParameter("sortOrder");
        if (order != null && !order.equals("ASCENDING") && !order.equals("DESCENDING")) {
            throw OktaApiException.validation("sortOrder", "must be ASCENDING or DESCENDING.");
        }
        Predicate<LogIndex.Row> accept = accept(log, request.queryParameter("filter"), request.queryParameter("q"));
        long oldest = now - 90 * DAY;
        boolean descending = "DESCENDING".equals(order);
        if (until == null && !descending) {
            long cursor = after != null ? decode(after, "p")[0]
                    : ((since != null ? since.toEpochMilli() : now - 7 * DAY) << LogIndex.SEQ_BITS) - 1;
            LogIndex.Slice slice = log.poll(cursor, limit, now, oldest, accept);
            return page(call, log, slice.rows(), "p:" + slice.cursor());
        }
        long to = until != null ? until.toEpochMilli() : now;
        long from = Math.max(oldest, since != null ? since.toEpochMilli() : after != null ? decode(after, "b")[2] : to - 7 * DAY);
        Comparator<LogIndex.Row> byPublished = Comparator.comparingLong(LogIndex.Row::published)
                .thenComparingLong(LogIndex.Row::key);
        if (descending) {
            byPublished = byPublished.reversed();
        }
        List<LogIndex.Row> rows = new ArrayList<>(log.window(from, to, now, accept));
        rows.sort(byPublished);
        int start = 0;
        if (after != null) {
            long[] c = decode(after, "b");
            LogIndex.Row mark = new LogIndex.Row(c[1], c[0], 0);
            while (start < rows.size() && byPublished.compare(rows.get(start), mark) <= 0) {
                start++;
            }
        }
        List<LogIndex.Row> pageRows = rows.subList(start, Math.min(rows.size(), start + limit));
        boolean more = start + limit < rows.size();
        LogIndex.Row last = pageRows.isEmpty() ? null : pageRows.get(pageRows.size() - 1);
        return page(call, log, pageRows, more ? "b:" + last.published() + ":" + last.key() + ":" + from : null);
    }

    private static Predicate<LogIndex.Row> accept(FakeSystemLog log, String filter, String q) {
        Predicate<LogEventGenerator.Facts> p;
        try {
            p = LogFilter.filter(filter).and(LogFilter.keywords(q));
        } catch (LogFilter.Invalid e) {
            throw new OktaApiException(FakeResponse.oktaError(400, e.code, e.getMessage()));
        }
        if (filter == null && q == null) {
            return row -> true;
        }
        Predicate<LogEventGenerator.Facts> facts = p;
        return row -> facts.test(log.facts(row));
    }

    private static Instant time(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw OktaApiException.validation(name, "The date format in your query is not recognized. Please enter dates using"
                    + " ISO8601 string format.");
        }
    }

    private static long[] decode(String after, String kind) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8).split(":");
            if (!parts[0].equals(kind)) {
                throw new IllegalArgumentException(after);
            }
            long[] values = new long[parts.length - 1];
            for (int i = 1; i < parts.length; i++) {
                values[i - 1] = Long.parseLong(parts[i]);
            }
            return values;
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw OktaApiException.validation("after", "Invalid cursor.");
        }
    }

    /** The events as a JSON array, a {@code self} link and, when {@code cursor} is not null, a {@code next} link. */
    private static FakeResponse page(Route.Call call, FakeSystemLog log, List<LogIndex.Row> rows, String cursor) {
        String body = log.renderArray(rows);
        String self = call.server().linkBase(call.request().path()) + call.request().target();
        String selfLink = "<" + self + ">; rel=\"self\"";
        FakeResponse response = FakeResponse.json(200, body);
        if (cursor == null) {
            return response.withHeader("link", selfLink);
        }
        String after = Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
        String next = HttpUrl.get(self).newBuilder().removeAllQueryParameters("since").setQueryParameter("after", after)
                .build().toString();
        String nextLink = "<" + next + ">; rel=\"next\"";
        if (call.server().linkStyle() == LinkStyle.COMMA_JOINED) {
            return response.withHeader("Link", selfLink + ", " + nextLink);
        }
        return response.withHeader("link", selfLink).withHeader("link", nextLink);
    }
}
