package dev.oktainputs.core.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.oktainputs.core.error.OktaConfigurationException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When an input runs: a cron expression (parsed by cron-utils) in a time zone. Accepts 5-field Unix cron
 * ({@code *&#47;30 * * * *}, the default), Quartz 6 or 7 fields with seconds ({@code 0/10 * * * * ?}), and the
 * nicknames {@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily},
 * {@code @midnight}, {@code @hourly}. Time zone default UTC.
 */
public final class CronSchedule {

    private static final Map<String, String> NICKNAMES = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime executionTime;

    private CronSchedule(String expression, ZoneId zone, Cron cron) {
        this.expression = expression;
        this.zone = zone;
        this.executionTime = ExecutionTime.forCron(cron);
    }

    /**
     * @param expression a cron expression or nickname
     * @return the schedule in UTC
     * @throws OktaConfigurationException naming {@code cron} when the expression is invalid
     */
    public static CronSchedule parse(String expression) {
        return parse(expression, ZoneOffset.UTC, "cron");
    }

    /**
     * @param expression a cron expression or nickname
     * @param zone       the time zone the expression is read in
     * @param field      the configuration field, for error messages (e.g. {@code inputs.users.cron})
     * @return the schedule
     * @throws OktaConfigurationException naming {@code field} when the expression is invalid
     */
    public static CronSchedule parse(String expression, ZoneId zone, String field) {
        Objects.requireNonNull(zone, "zone");
        if (expression == null || expression.isBlank()) {
            throw new OktaConfigurationException(field, "missing. Use a cron expression such as \"*/30 * * * *\" (every 30 minutes)");
        }
        String text = expression.strip().replaceAll("\\s+", " ");
        String unix = NICKNAMES.getOrDefault(text.toLowerCase(Locale.ROOT), text);
        if (unix.startsWith("@")) {
            throw new OktaConfigurationException(field, "'" + text + "' is not a known nickname. Use one of " + String.join(", ",
                    new java.util.TreeSet<>(NICKNAMES.keySet())) + ", or a cron expression");
        }
        int fields = unix.split(" ").length;
        try {
            Cron cron = (fields == 5 ? UNIX : QUARTZ).parse(unix);
            cron.validate();
            return new CronSchedule(text, zone, cron);
        } catch (RuntimeException e) {
            // cron-utils reports most mistakes as IllegalArgumentException, but some (e.g. index errors) otherwise
            String why = !(e instanceof IllegalArgumentException) ? "it cannot be read as one"
                    : fields == 5 || fields == 6 || fields == 7 ? e.getMessage()
                    : "expected 5 fields (minute hour day-of-month month day-of-week) or Quartz's 6-7 (with seconds), got " + fields;
            throw new OktaConfigurationException(field, "'" + text + "' is not a valid cron expression: " + why
                    + ". Example: \"*/30 * * * *\" (every 30 minutes) or \"0 0/5 * * * ?\" (Quartz, every 5 minutes)");
        }
    }

    /**
     * @param zoneId a time zone id such as {@code UTC} or {@code Europe/Berlin}
     * @param field  the configuration field
     * @return the zone
     * @throws OktaConfigurationException naming the field when unknown
     */
    public static ZoneId zone(String zoneId, String field) {
        if (zoneId == null || zoneId.isBlank()) {
            throw new OktaConfigurationException(field, "missing. Use a time zone id such as UTC or Europe/Berlin");
        }
        try {
            return ZoneId.of(zoneId.strip());
        } catch (DateTimeException e) {
            throw new OktaConfigurationException(field, "'" + zoneId + "' is not a time zone. Use e.g. UTC or Europe/Berlin");
        }
    }

    /**
     * @param after an instant
     * @return the first fire strictly after it, if the expression ever fires again
     */
    public Optional<Instant> nextFireAfter(Instant after) {
        return executionTime.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
    }

    /**
     * @param atOrBefore an instant
     * @return the last fire at or before it
     */
    public Optional<Instant> lastFireAtOrBefore(Instant atOrBefore) {
        ZonedDateTime t = ZonedDateTime.ofInstant(atOrBefore, zone);
        if (executionTime.isMatch(t.withNano(0)) && t.getNano() == 0) {
            return Optional.of(atOrBefore);
        }
        return executionTime.lastExecution(t).map(ZonedDateTime::toInstant);
    }

    /** @return the expression as written */
    public String expression() {
        return expression;
    }

    /** @return the time zone */
    public ZoneId zone() {
        return zone;
    }

    @Override
    public String toString() {
        return "\"" + expression + "\" (" + zone + ")";
    }
}
