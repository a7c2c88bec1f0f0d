package dev.oktainputs.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputOptionValidationTest {

    @Test
    void aValidatedOptionNamesTheFieldAndTheReason() {
        InputOption<Duration> lookback = InputOption.duration("lookback", Duration.ofHours(1), "How far back.")
                .validatedBy(d -> {
                    if (d.compareTo(Duration.ofDays(90)) > 0) {
                        throw new IllegalArgumentException("at most 90 days");
                    }
                });
        List<InputOption<?>> all = List.of(lookback);
        assertThat(InputOptions.parse("system_log", all, Map.of("lookback", "2d")).get(lookback)).isEqualTo(Duration.ofDays(2));
        assertThatThrownBy(() -> InputOptions.parse("system_log", all, Map.of("lookback", "91d")))
                .hasMessageContaining("inputs.system_log.lookback: at most 90 days");
        assertThatThrownBy(() -> InputOptions.parse("system_log", all, Map.of("lookback", "soon")))
                .hasMessageContaining("inputs.system_log.lookback: expected a duration");
    }
}
