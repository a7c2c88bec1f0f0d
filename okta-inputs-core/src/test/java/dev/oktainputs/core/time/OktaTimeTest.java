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

    /** The JSON Lines envelope's ts: byte for byte what Instant.toString() writes, for any instant. */
    @Test
    void writesIsoExactlyAsInstantToString() {
        java.util.Random random = new java.util.Random(2026);
        java.util.List<Instant> times = new java.util.ArrayList<>(java.util.List.of(Instant.EPOCH, Instant.MIN, Instant.MAX,
                Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("0000-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.5Z"), Instant.parse("2024-02-29T12:00:00.120Z"),
                Instant.parse("2025-01-02T03:04:05.000100Z"), Instant.parse("2025-01-02T03:04:05.000000001Z")));
        for (int i = 0; i < 200_000; i++) {
            long sec = random.nextLong(-62_135_596_800L - 86_400L * 3, 253_402_300_800L + 86_400L * 3);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            times.add(Instant.ofEpochSecond(sec, nano));
        }
        byte[] buf = new byte[64];
        for (Instant t : times) {
            int n = OktaTime.writeIso(t, buf, 3);
            assertThat(new String(buf, 3, n, java.nio.charset.StandardCharsets.US_ASCII)).as("%s", t).isEqualTo(t.toString());
        }
    }

    @Test
    void readsOktasShapeAndAnyOtherIsoInstant() {
        assertThat(OktaTime.parse("2025-01-02T03:04:05.678Z")).isEqualTo(Instant.parse("2025-01-02T03:04:05.678Z"));
        assertThat(OktaTime.parse("2025-01-02T03:04:05Z")).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
        assertThat(OktaTime.parse("2025-01-02T03:04:05.123456789Z")).isEqualTo(Instant.parse("2025-01-02T03:04:05.123456789Z"));
        Instant t = Instant.parse("2024-02-29T23:59:59.999Z");
        assertThat(OktaTime.parse(OktaTime.format(t))).isEqualTo(t);
    }

    /** Okta's shape read by arithmetic: the same instant as Instant.parse for every date of years 0001-9999. */
    @Test
    void readsOktasShapeAsInstantParseDoes() {
        java.util.Random random = new java.util.Random(1203);
        for (int i = 0; i < 200_000; i++) {
            long sec = random.nextLong(-62_135_596_800L, 253_402_300_800L);
            Instant t = Instant.ofEpochSecond(sec, random.nextInt(1000) * 1_000_000);
            String text = OktaTime.format(t);
            assertThat(OktaTime.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
        for (String leap : java.util.List.of("2024-02-29T00:00:00.000Z", "2000-02-29T12:00:00.000Z", "1600-02-29T00:00:00.000Z")) {
            assertThat(OktaTime.parse(leap)).as(leap).isEqualTo(Instant.parse(leap));
        }
    }

    @Test
    void whatIsNotATimestampIsNull() {
        assertThat(OktaTime.parse("2025-02-29T03:04:05.678Z")).isNull(); // not a leap year
        assertThat(OktaTime.parse("1900-02-29T03:04:05.678Z")).isNull(); // nor is 1900
        assertThat(OktaTime.parse("2025-04-31T03:04:05.678Z")).isNull();
        assertThat(OktaTime.parse("2025-01-00T03:04:05.678Z")).isNull();
        assertThat(OktaTime.parse(null)).isNull();
        assertThat(OktaTime.parse("")).isNull();
        assertThat(OktaTime.parse("yesterday")).isNull();
        assertThat(OktaTime.parse("2025-13-02T03:04:05.678Z")).isNull(); // Okta's shape, impossible month
        assertThat(OktaTime.parse("2025-01-02T03:04:0x.678Z")).isNull();
    }
}
