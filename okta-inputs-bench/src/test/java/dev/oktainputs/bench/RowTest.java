package dev.oktainputs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenario 6's rows: each figure's median over the runs, failed when one run failed. */
class RowTest {

    private static Row run(boolean ok, long startup, long cpu, String note) {
        return new Row("6. startup", "okta-inputs", ok, startup * 2, startup, 0, cpu, 10, 20, 30, 0, 1, 200, note);
    }

    @Test
    void eachFigureIsItsOwnMedian() {
        Row m = Row.median(List.of(run(true, 500, 9, ""), run(true, 300, 7, ""), run(true, 900, 8, "")));

        assertThat(m.ok()).isTrue();
        assertThat(m.startupNanos()).isEqualTo(500);
        assertThat(m.wallNanos()).isEqualTo(1000);
        assertThat(m.cpuNanos()).isEqualTo(8);
        assertThat(m.records()).isEqualTo(200);
    }

    @Test
    void oneFailedRunFailsTheRowWithItsNote() {
        Row m = Row.median(List.of(run(true, 500, 9, ""), run(false, 300, 7, "exit 2"), run(true, 900, 8, "")));

        assertThat(m.ok()).isFalse();
        assertThat(m.note()).isEqualTo("exit 2");
    }

    @Test
    void repeatedRunsBecomeOneRowPerSideWithItsMedians() {
        Row okta1 = run(true, 500, 9, "");
        Row okta2 = run(true, 300, 7, "");
        Row okta3 = run(true, 900, 8, "");
        Row floor = new Row("6. startup", Sides.FLOOR, true, 1, 100, 0, 5, 1, 1, 1, 0, 1, 200, "");

        List<Row> rows = Bench.medians(List.of(List.of(okta1, floor), List.of(okta2, floor), List.of(okta3, floor)));

        assertThat(rows).extracting(Row::side).containsExactly("okta-inputs", Sides.FLOOR);
        assertThat(rows).extracting(Row::scenario).containsOnly("6. startup, median of 3");
        assertThat(rows.get(0).cpuNanos()).isEqualTo(8);
        assertThat(Bench.medians(List.of(List.of(okta1)))).containsExactly(okta1);
    }
}
