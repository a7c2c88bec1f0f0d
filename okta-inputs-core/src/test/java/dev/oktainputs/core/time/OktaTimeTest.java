package dev.oktainputs.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OktaTimeTest {

    @Test
    void formatsInOktasOwnShapeTruncatedToMilliseconds() {
        assertThat(OktaTime.format(Instant.parse("2025-01-02T03:04:05.678912Z"))).isEqualTo("2025-01-02T03:04:05.678Z");
        assertThat(OktaTime.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
    }

    @Test
    void readsOktasShapeAndAnyOtherIsoInstant() {
        assertThat(OktaTime.parse("2025-01-02T03:04:05.678Z")).isEqualTo(Instant.parse("2025-01-02T03:04:05.678Z"));
        assertThat(OktaTime.parse("2025-01-02T03:04:05Z")).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
        assertThat(OktaTime.parse("2025-01-02T03:04:05.123456789Z")).isEqualTo(Instant.parse("2025-01-02T03:04:05.123456789Z"));
        Instant t = Instant.parse("2024-02-29T23:59:59.999Z");
        assertThat(OktaTime.parse(OktaTime.format(t))).isEqualTo(t);
    }

    @Test
    void whatIsNotATimestampIsNull() {
        assertThat(OktaTime.parse(null)).isNull();
        assertThat(OktaTime.parse("")).isNull();
        assertThat(OktaTime.parse("yesterday")).isNull();
        assertThat(OktaTime.parse("2025-13-02T03:04:05.678Z")).isNull(); // Okta's shape, impossible month
        assertThat(OktaTime.parse("2025-01-02T03:04:0x.678Z")).isNull();
    }
}
