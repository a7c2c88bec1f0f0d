package dev.oktainputs.core.http;

import dev.oktainputs.core.config.InputOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The settings of an {@link OktaClient} a host lets its users configure, each declared once: name, type, default,
 * allowed range and doc. {@link OktaClient.Builder}'s defaults (and {@link RetryPolicy#DEFAULT}'s attempts and time)
 * are these declarations' defaults; the runner's {@code http.*} keys, their checks and their README rows are derived
 * from them.
 */
public final class HttpOptions {

    private HttpOptions() {
    }

    /** Requests in flight at once. */
    public static final InputOption<Integer> MAX_CONCURRENT = InputOption.integer("max_concurrent", 8, 1, 75,
            "Requests in flight at once, for the whole org.");

    /** Share of each rate-limit bucket left to others. */
    public static final InputOption<Double> HEADROOM = InputOption.of("headroom", "number 0..0.9", 0.2,
            "Share of each rate-limit bucket left unused for the org's other integrations.", HttpOptions::headroom);

    /** Attempts per request. */
    public static final InputOption<Integer> MAX_ATTEMPTS = InputOption.integer("max_attempts", 6, 1, 20,
            "Attempts per request (429, 5xx and I/O failures are retried).");

    /** How long one request may wait between its attempts. */
    public static final InputOption<Duration> MAX_RETRY_TIME = InputOption.duration("max_retry_time", Duration.ofMinutes(5),
                    "How long one request may spend waiting between its attempts (429 resets, back-offs) before it fails,"
                            + " e.g. PT10M or 10m; 1 s to 24 h.")
            .validatedBy(d -> {
                if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofHours(24)) > 0) {
                    throw new IllegalArgumentException("must be from 1 second to 24 hours, e.g. PT5M or 10m");
                }
            });

    /** Whether listings prefetch their next page. */
    public static final InputOption<Boolean> PREFETCH = InputOption.bool("prefetch", true,
            "Request a listing's next page while the current batch is written and checkpointed (one page ahead per"
                    + " listing); false: one request at a time.");

    /** The embedder's product token in the {@code User-Agent}. */
    public static final InputOption<String> USER_AGENT_SUFFIX = InputOption.string("user_agent_suffix", null,
                    "Appended to the User-Agent (okta-inputs/<version> okhttp/<version> java/<version>), e.g. acme-etl/2.3;"
                            + " printable ASCII, at most 200 characters.")
            .validatedBy(UserAgent::check);

    /** Every setting, in the order hosts document them. */
    public static final List<InputOption<?>> ALL = List.of(MAX_CONCURRENT, HEADROOM, MAX_ATTEMPTS, MAX_RETRY_TIME, PREFETCH,
            USER_AGENT_SUFFIX);

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d{1,20}(\\.\\d{0,20})?|\\.\\d{1,20})([eE][+-]?\\d{1,3})?");

    /** A number (or its text) from 0 to 0.9; NaN and infinities are not. */
    private static Double headroom(Object raw) {
        String text = raw.toString().strip();
        double d = raw instanceof Number ? ((Number) raw).doubleValue()
                : DECIMAL.matcher(text).matches() ? Double.parseDouble(text) : Double.NaN;
        if (!(d >= 0 && d <= 0.9)) {
            throw new IllegalArgumentException("must be a number from 0 to 0.9 (e.g. 0.2 leaves 20% of each bucket), got '"
                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'");
        }
        return d;
    }
}
