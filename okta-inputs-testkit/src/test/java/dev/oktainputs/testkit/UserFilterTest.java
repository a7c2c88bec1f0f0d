package dev.oktainputs.testkit;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserFilterTest {

    private static final FakeUser A = user("00uA", "ACTIVE", "2024-01-01T00:00:00.000Z");
    private static final FakeUser B = user("00uB", "SUSPENDED", "2024-06-01T00:00:00.000Z");
    private static final FakeUser C = user("00uC", "DEPROVISIONED", "2024-09-01T00:00:00.000Z");
    private static final List<FakeUser> ALL = List.of(A, B, C);

    @Test
    void comparesTimestampsWithEveryOperator() {
        assertThat(match("lastUpdated gt \"2024-06-01T00:00:00.000Z\"")).containsExactly(C);
        assertThat(match("lastUpdated ge \"2024-06-01T00:00:00.000Z\"")).containsExactly(B, C);
        assertThat(match("lastUpdated lt \"2024-06-01T00:00:00.000Z\"")).containsExactly(A);
        assertThat(match("lastUpdated LE \"2024-06-01T00:00:00Z\"")).containsExactly(A, B);
    }

    @Test
    void andBindsTighterThanOrAndParenthesesGroup() {
        assertThat(match("status eq \"ACTIVE\" or status eq \"SUSPENDED\" and lastUpdated gt \"2024-07-01T00:00:00.000Z\""))
                .containsExactly(A);
        assertThat(match("(status eq \"ACTIVE\" or status eq \"SUSPENDED\") and lastUpdated gt \"2024-03-01T00:00:00.000Z\""))
                .containsExactly(B);
        assertThat(match("id eq \"00uC\" OR id eq \"00uA\"")).containsExactly(A, C);
    }

    @Test
    void rejectsWhatItDoesNotSupport() {
        for (String bad : List.of("", "status", "status eq", "status eq ACTIVE", "status gt \"A\"", "created gt \"2024-01-01T00:00:00Z\"",
                "status eq \"A\" xor id eq \"B\"", "(status eq \"A\"", "status eq \"A\")", "lastUpdated gt \"soon\"",
                "status eq \"unterminated")) {
            assertThatThrownBy(() -> UserFilter.parse(bad, false)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void searchAllowsMoreAttributes() {
        assertThat(ALL.stream().filter(UserFilter.parse("profile.login sw \"00UB\"", true)).toList()).containsExactly(B);
        assertThat(ALL.stream().filter(UserFilter.parse("created lt \"2024-01-01T00:00:00Z\"", true)).toList()).containsExactly(A);
    }

    private static List<FakeUser> match(String expression) {
        Predicate<FakeUser> p = UserFilter.parse(expression, false);
        return ALL.stream().filter(p).toList();
    }

    private static FakeUser user(String id, String status, String lastUpdated) {
        long t = java.time.Instant.parse(lastUpdated).toEpochMilli();
        return new FakeUser(id, status, t, t - 1000, "F", "L", id + "@example.com", id + "@example.com", "{}");
    }
}
