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
}
