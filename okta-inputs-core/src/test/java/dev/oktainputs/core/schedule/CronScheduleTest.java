package dev.oktainputs.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.core.error.OktaConfigurationException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    private static final Instant T = Instant.parse("2026-03-10T10:07:30Z");

    @Test
    void unixFiveFieldsByDefault() {
        CronSchedule s = CronSchedule.parse("*/30 * * * *");
        assertThat(s.nextFireAfter(T)).contains(Instant.parse("2026-03-10T10:30:00Z"));
        assertThat(s.nextFireAfter(Instant.parse("2026-03-10T10:30:00Z"))).contains(Instant.parse("2026-03-10T11:00:00Z"));
        assertThat(CronSchedule.parse("* * * * *").nextFireAfter(T)).contains(Instant.parse("2026-03-10T10:08:00Z"));
    }

    @Test
    void quartzWithSecondsAndNicknames() {
        assertThat(CronSchedule.parse("0/10 * * * * ?").nextFireAfter(T)).contains(Instant.parse("2026-03-10T10:07:40Z"));
        assertThat(CronSchedule.parse("0 0 12 ? * MON-FRI *").nextFireAfter(T)).contains(Instant.parse("2026-03-10T12:00:00Z"));
        assertThat(CronSchedule.parse("@hourly").nextFireAfter(T)).contains(Instant.parse("2026-03-10T11:00:00Z"));
        assertThat(CronSchedule.parse("@daily").nextFireAfter(T)).contains(Instant.parse("2026-03-11T00:00:00Z"));
        assertThat(CronSchedule.parse(" @Weekly ").nextFireAfter(T)).contains(Instant.parse("2026-03-15T00:00:00Z"));
    }

    @Test
    void timeZoneIsHonoured() {
        CronSchedule s = CronSchedule.parse("0 2 * * *", ZoneId.of("Europe/Berlin"), "inputs.users.cron");
        assertThat(s.nextFireAfter(T)).contains(Instant.parse("2026-03-11T01:00:00Z"));
        assertThatThrownBy(() -> CronSchedule.zone("Mars/Olympus", "time_zone"))
                .hasMessageContaining("time_zone").hasMessageContaining("Europe/Berlin");
    }

    @Test
    void badExpressionsNameTheFieldAndShowAnExample() {
        assertThatThrownBy(() -> CronSchedule.parse("*/30 * * *", ZoneId.of("UTC"), "inputs.users.cron"))
                .isInstanceOf(OktaConfigurationException.class)
                .hasMessageContaining("inputs.users.cron").hasMessageContaining("expected 5 fields");
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *", ZoneId.of("UTC"), "inputs.users.cron"))
                .hasMessageContaining("inputs.users.cron").hasMessageContaining("not a valid cron expression");
        assertThatThrownBy(() -> CronSchedule.parse("@fortnightly", ZoneId.of("UTC"), "inputs.users.cron"))
                .hasMessageContaining("@hourly");
        assertThatThrownBy(() -> CronSchedule.parse("  ", ZoneId.of("UTC"), "inputs.users.cron")).hasMessageContaining("missing");
    }

    /** Seeded fuzz: any text is a schedule that answers nextFireAfter, or a configuration error naming the field. */
    @Test
    @org.junit.jupiter.api.Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)   // a hang guard only
    void anyTextIsAScheduleOrAClearErrorNamingTheField() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5_1_7);
        String[] parts = {"*", "?", "/", ",", "-", "L", "W", "#", "@", " ", "0", "1", "5", "7", "12", "31", "59", "60", "99",
            "MON", "FRI", "JAN", "DEC", "SUN-SAT", "*/0", "0/0", "L-3", "15W", "5#3", "1-0", "@hourly", "@reboot", "\t", "é", "|", "%", "$"};
        int valid = 0;
        for (int i = 0; i < 4_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(14);
            for (int k = 0; k < n; k++) {
                sb.append(parts[r.nextInt(parts.length)]);
                if (r.nextInt(3) > 0) {
                    sb.append(' ');
                }
            }
            String text = sb.toString();
            try {
                CronSchedule s = CronSchedule.parse(text, ZoneId.of("UTC"), "inputs.users.cron");
                s.nextFireAfter(T);
                valid++;
            } catch (OktaConfigurationException e) {
                assertThat(e.problems()).as(text).singleElement().satisfies(p -> assertThat(p).startsWith("inputs.users.cron: "));
            } catch (RuntimeException e) {
                throw new AssertionError("'" + text + "': " + e, e);
            }
        }
        assertThat(valid).isPositive();
        // found by the runner's config fuzzing: cron-utils fails on it with an ArrayIndexOutOfBoundsException
        assertThatThrownBy(() -> CronSchedule.parse("| * * * *", ZoneId.of("UTC"), "inputs.system_log.cron"))
                .isInstanceOf(OktaConfigurationException.class)
                .hasMessageContaining("inputs.system_log.cron: '| * * * *' is not a valid cron expression");
    }
}
