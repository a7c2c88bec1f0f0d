package dev.oktainputs.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.auth.ApiKeyCredentials;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The HTTP settings hosts expose are parsed and checked by their one declaration, and a client's defaults are theirs. */
class HttpOptionsTest {

    @Test
    void headroomIsANumberFromZeroToNineTenthsGivenAsANumberOrItsText() {
        assertThat(HttpOptions.HEADROOM.parse(0)).isZero();
        assertThat(HttpOptions.HEADROOM.parse(0.9)).isEqualTo(0.9);
        assertThat(HttpOptions.HEADROOM.parse(new BigDecimal("0.25"))).isEqualTo(0.25);
        assertThat(HttpOptions.HEADROOM.parse(" 0.5 ")).isEqualTo(0.5);
        assertThat(HttpOptions.HEADROOM.parse(".3")).isEqualTo(0.3);
        assertThat(HttpOptions.HEADROOM.parse("2e-1")).isEqualTo(0.2);
        for (Object bad : new Object[] {Double.NaN, "NaN", Double.POSITIVE_INFINITY, "Infinity", -0.1, "0.95", 1, "lots",
                "0x1p-3", "0.2d", ""}) {
            assertThatThrownBy(() -> HttpOptions.HEADROOM.parse(bad)).as("%s", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("must be a number from 0 to 0.9 (e.g. 0.2 leaves 20% of each bucket), got '");
        }
        assertThatThrownBy(() -> HttpOptions.HEADROOM.parse("9".repeat(500))).hasMessageEndingWith("…'");
    }

    @Test
    void integersDurationsAndTheSuffixAreCheckedByTheirDeclarations() {
        assertThat(HttpOptions.MAX_CONCURRENT.parse("75")).isEqualTo(75);
        assertThatThrownBy(() -> HttpOptions.MAX_CONCURRENT.parse(76)).hasMessage("must be between 1 and 75, got 76");
        assertThatThrownBy(() -> HttpOptions.MAX_ATTEMPTS.parse(0)).hasMessage("must be between 1 and 20, got 0");
        assertThat(HttpOptions.MAX_RETRY_TIME.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(HttpOptions.MAX_RETRY_TIME.parse("PT1S")).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> HttpOptions.MAX_RETRY_TIME.parse("P2D")).hasMessage("must be from 1 second to 24 hours, e.g. PT5M or 10m");
        assertThatThrownBy(() -> HttpOptions.MAX_RETRY_TIME.parse("500ms")).hasMessageStartingWith("must be from 1 second");
        assertThat(HttpOptions.PREFETCH.parse("FALSE")).isFalse();
        assertThat(HttpOptions.USER_AGENT_SUFFIX.parse("acme-etl/2.3")).isEqualTo("acme-etl/2.3");
        assertThatThrownBy(() -> HttpOptions.USER_AGENT_SUFFIX.parse("acme\u00e9tl")).hasMessageStartingWith(
                "only printable ASCII is allowed (character 5 is U+00E9)");
        assertThatThrownBy(() -> HttpOptions.USER_AGENT_SUFFIX.parse("a".repeat(201))).hasMessageStartingWith("at most 200 characters");
    }

    @Test
    void aClientBuiltWithoutSettingsUsesTheDeclaredDefaults() {
        assertThat(RetryPolicy.DEFAULT.maxAttempts()).isEqualTo(6);
        assertThat(RetryPolicy.DEFAULT.maxElapsed()).isEqualTo(Duration.ofMinutes(5));
        assertThat(HttpOptions.ALL).extracting(o -> o.name()).containsExactly("max_concurrent", "headroom", "max_attempts",
                "max_retry_time", "prefetch", "user_agent_suffix");
        assertThat(HttpOptions.ALL).extracting(o -> String.valueOf(o.defaultValue()))
                .containsExactly("8", "0.2", "6", "PT5M", "true", "null");
        try (OktaClient client = OktaClient.builder(OrgUrl.parse("https://acme.okta.com"),
                new ApiKeyCredentials(Secret.of("00token"))).build()) {
            assertThat(client.prefetchPages()).isTrue();
            assertThat(client.governor().maxConcurrent()).isEqualTo(8);
            assertThat(client.userAgent()).doesNotEndWith(" ").startsWith("okta-inputs/").contains(" java/");
        }
    }
}
