package dev.oktainputs.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    @Test
    void holdsFlatPrimitivesAndNormalisesIntegers() {
        Map<String, Object> m = new HashMap<>();
        m.put("after", "abc");
        m.put("runs", 3);
        m.put("full", true);
        m.put("dropped", null);
        Checkpoint c = Checkpoint.of(2, m);
        assertThat(c.version()).isEqualTo(2);
        assertThat(c.values()).containsOnlyKeys("after", "full", "runs");
        assertThat(c.values().get("runs")).isEqualTo(3L);
        assertThat(c.getLong("runs", 0)).isEqualTo(3);
        assertThat(c.getLong("missing", 7)).isEqualTo(7);
        assertThat(c.getBoolean("full", false)).isTrue();
        assertThat(c.getString("after")).isEqualTo("abc");
        assertThat(c).isEqualTo(Checkpoint.of(2, Map.of("after", "abc", "runs", 3L, "full", true)));
    }

    @Test
    void rejectsNestedValuesAndBadVersions() {
        assertThatThrownBy(() -> Checkpoint.of(1, Map.of("x", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
        assertThatThrownBy(() -> Checkpoint.of(0, Map.of())).hasMessageContaining("version");
        assertThat(Checkpoint.empty().isEmpty()).isTrue();
    }
}
