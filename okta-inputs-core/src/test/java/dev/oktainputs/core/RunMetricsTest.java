package dev.oktainputs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunMetricsTest {

    @Test
    void keepsCountsAndDurationsInOrderAndPrintsThem() {
        RunMetrics m = RunMetrics.builder().count("events", 1200).count("pages", 3).duration("lag", Duration.ofMillis(1500))
                .duration("nothing", null).build();
        assertThat(m.count("events")).isEqualTo(1200);
        assertThat(m.count("absent")).isZero();
        assertThat(m.duration("lag")).contains(Duration.ofMillis(1500));
        assertThat(m.duration("nothing")).isEmpty();
        assertThat(m).hasToString("events=1200 pages=3 lag=PT1.5S");
        assertThat(RunMetrics.EMPTY.values()).isEmpty();
        assertThatThrownBy(() -> RunMetrics.builder().count("Events Read", 1)).hasMessageContaining("snake_case");
    }
}
