package dev.oktainputs.systemlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidTimeTableTest {

    @Test
    void onlyLowercaseCanonicalUuidsAreTakenAndTheyComeBackAsWritten() {
        String id = "f790999f-fe87-467a-9880-6982a583986c";
        long[] parsed = UuidTimeTable.parse(id);
        assertThat(parsed).isNotNull();
        assertThat(UuidTimeTable.format(parsed[0], parsed[1])).isEqualTo(id);
        assertThat(parsed).containsExactly(UUID.fromString(id).getMostSignificantBits(), UUID.fromString(id).getLeastSignificantBits());
        assertThat(UuidTimeTable.parse("ffffffff-ffff-ffff-ffff-ffffffffffff")).containsExactly(-1L, -1L);
        // Anything that would not come back byte for byte stays a string.
        assertThat(UuidTimeTable.parse(id.toUpperCase())).isNull();
        assertThat(UuidTimeTable.parse("1-1-1-1-1")).isNull();
        assertThat(UuidTimeTable.parse("f790999f-fe87-467a-9880-6982a583986")).isNull();
        assertThat(UuidTimeTable.parse("f790999f-fe87-467a-9880-6982a583986cc")).isNull();
        assertThat(UuidTimeTable.parse("f790999ffe87-467a-9880-6982a583986c-")).isNull();
        assertThat(UuidTimeTable.parse("g790999f-fe87-467a-9880-6982a583986c")).isNull();
        assertThat(UuidTimeTable.parse("sha256-0123")).isNull();
    }

    @Test
    void behavesLikeAMapThroughGrowthRetainAndSort() {
        Random random = new Random(42);
        UuidTimeTable table = new UuidTimeTable();
        Map<UUID, Long> expected = new HashMap<>();
        List<UUID> added = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            UUID u = i % 10 == 9 ? added.get(random.nextInt(added.size())) : new UUID(random.nextLong(), random.nextLong());
            long t = random.nextInt(1000);
            boolean fresh = table.putIfAbsent(u.getMostSignificantBits(), u.getLeastSignificantBits(), t);
            assertThat(fresh).isEqualTo(expected.putIfAbsent(u, t) == null);
            added.add(u);
        }
        UUID some = added.get(123);
        table.putMax(some.getMostSignificantBits(), some.getLeastSignificantBits(), 5000);
        expected.put(some, 5000L);
        table.putMax(some.getMostSignificantBits(), some.getLeastSignificantBits(), 1);
        assertThat(table.size()).isEqualTo(expected.size());
        expected.forEach((u, t) -> assertThat(table.get(u.getMostSignificantBits(), u.getLeastSignificantBits())).isEqualTo(t));
        assertThat(table.get(1, 2)).isEqualTo(UuidTimeTable.ABSENT);

        table.retain((hi, lo, t) -> t >= 500);
        expected.values().removeIf(t -> t < 500);
        table.sortById();
        assertThat(table.size()).isEqualTo(expected.size());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            ids.add(UuidTimeTable.format(table.hi(i), table.lo(i)));
            assertThat(table.time(i)).isEqualTo(expected.get(new UUID(table.hi(i), table.lo(i))));
        }
        assertThat(ids).isSorted();
        expected.forEach((u, t) -> assertThat(table.get(u.getMostSignificantBits(), u.getLeastSignificantBits())).isEqualTo(t));
        UUID fresh = new UUID(7, 7);
        assertThat(table.putIfAbsent(7, 7, 9)).isTrue();
        assertThat(table.get(fresh.getMostSignificantBits(), fresh.getLeastSignificantBits())).isEqualTo(9);
    }

    /** A window's life: sorted at each compaction, retained, then added to and sorted again (tail sorted, then merged). */
    @Test
    void sortingAgainAfterRetainAndAddsOrdersEverything() {
        Random random = new Random(7);
        UuidTimeTable table = new UuidTimeTable();
        Map<UUID, Long> expected = new HashMap<>();
        for (int round = 0; round < 6; round++) {
            int adds = round == 3 ? 0 : 1 + random.nextInt(20_000);
            for (int i = 0; i < adds; i++) {
                UUID u = new UUID(random.nextLong(), random.nextLong());
                long t = round * 1000L + random.nextInt(1000);
                table.putIfAbsent(u.getMostSignificantBits(), u.getLeastSignificantBits(), t);
                expected.putIfAbsent(u, t);
            }
            table.sortById();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < table.size(); i++) {
                ids.add(UuidTimeTable.format(table.hi(i), table.lo(i)));
                assertThat(table.time(i)).isEqualTo(expected.get(new UUID(table.hi(i), table.lo(i))));
            }
            assertThat(ids).as("round %d", round).isSorted().hasSize(expected.size());
            expected.forEach((u, t) -> assertThat(table.get(u.getMostSignificantBits(), u.getLeastSignificantBits())).isEqualTo(t));
            long cut = round * 1000L + 500;
            table.retain((hi, lo, t) -> t >= cut - 1500);
            expected.values().removeIf(t -> t < cut - 1500);
        }
    }

    @Test
    void aBaseLineIsTheIdAtItsTime() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            UUID u = new UUID(random.nextLong(), random.nextLong());
            long t = i % 3 == 0 ? random.nextInt(10) : Math.abs(random.nextLong() % 4_102_444_800_000L);
            assertThat(UuidTimeTable.line(u.getMostSignificantBits(), u.getLeastSignificantBits(), t)).isEqualTo(u + "@" + t);
        }
        assertThat(UuidTimeTable.line(0, 0, 0)).isEqualTo("00000000-0000-0000-0000-000000000000@0");
        assertThat(UuidTimeTable.line(-1, -1, Long.MAX_VALUE)).isEqualTo("ffffffff-ffff-ffff-ffff-ffffffffffff@" + Long.MAX_VALUE);
    }
}
