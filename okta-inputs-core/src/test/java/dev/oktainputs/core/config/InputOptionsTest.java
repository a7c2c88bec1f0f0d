package dev.oktainputs.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.core.error.OktaConfigurationException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputOptionsTest {

    private static final InputOption<Integer> SIZE = InputOption.integer("page_size", 200, 1, 200, "Users per request.");
    private static final InputOption<Boolean> FULL = InputOption.bool("full_sync", false, "Force a full pass.");
    private static final InputOption<Duration> LOOKBACK = InputOption.duration("lookback", Duration.ofHours(1), "How far back.");
    private static final List<InputOption<?>> ALL = List.of(SIZE, FULL, LOOKBACK);

    @Test
    void defaultsAndParsedValues() {
        InputOptions d = InputOptions.defaults("users", ALL);
        assertThat(d.get(SIZE)).isEqualTo(200);
        assertThat(d.get(LOOKBACK)).isEqualTo(Duration.ofHours(1));
        InputOptions o = InputOptions.parse("users", ALL, Map.of("page_size", "50", "full_sync", true, "lookback", "90m"));
        assertThat(o.get(SIZE)).isEqualTo(50);
        assertThat(o.get(FULL)).isTrue();
        assertThat(o.get(LOOKBACK)).isEqualTo(Duration.ofMinutes(90));
        assertThat(InputOptions.parse("users", ALL, Map.of("lookback", "PT2H")).get(LOOKBACK)).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void reportsEveryProblemAtOnceEachNamingItsField() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("page_size", 500);
        raw.put("full_sync", "yes");
        raw.put("lookback", "soon");
        raw.put("pagesize", 10);
        assertThatThrownBy(() -> InputOptions.parse("users", ALL, raw))
                .isInstanceOfSatisfying(OktaConfigurationException.class, e -> assertThat(e.problems()).hasSize(4))
                .hasMessageContaining("inputs.users.page_size: must be between 1 and 200, got 500")
                .hasMessageContaining("inputs.users.full_sync: expected true or false")
                .hasMessageContaining("inputs.users.lookback: expected a duration")
                .hasMessageContaining("inputs.users.pagesize: unknown option. Known options: page_size, full_sync, lookback");
    }
}
