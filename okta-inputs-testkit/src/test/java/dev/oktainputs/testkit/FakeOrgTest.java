package dev.oktainputs.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeOrgTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    private static FakeOrg org(long seed, int users) {
        return FakeOrg.builder().seed(seed).users(users).clock(new VirtualClock(START)).build();
    }

    @Test
    void sameSeedGivesTheSameUsersAndToken() {
        FakeOrg a = org(42, 500);
        FakeOrg b = org(42, 500);
        assertThat(b.users()).extracting(FakeUser::json).containsExactlyElementsOf(a.users().stream().map(FakeUser::json).toList());
        assertThat(b.apiToken()).isEqualTo(a.apiToken()).matches("00[0-9A-Za-z]{40}");
        assertThat(b.updateUsers(7)).isEqualTo(a.updateUsers(7));
        assertThat(b.addUsers(3)).isEqualTo(a.addUsers(3));
        assertThat(b.users()).isEqualTo(a.users());

        FakeOrg other = org(43, 500);
        assertThat(other.apiToken()).isNotEqualTo(a.apiToken());
        assertThat(other.users().get(0).json()).isNotEqualTo(a.users().get(0).json());
        assertThat(FakeOrg.builder().seed(42).apiToken("00custom").build().apiToken()).isEqualTo("00custom");
    }

    @Test
    void usersHaveOktasShapeAndARealisticStatusMix() throws IOException {
        FakeOrg org = org(42, 1000);
        List<FakeUser> users = org.users();
        assertThat(users).hasSize(1000).extracting(FakeUser::id).doesNotHaveDuplicates().isSorted()
                .allMatch(id -> id.matches("00u[0-9A-Za-z]{17}"));
        Map<String, Long> statuses = users.stream().collect(Collectors.groupingBy(FakeUser::status, Collectors.counting()));
        assertThat(statuses).containsOnlyKeys("ACTIVE", "STAGED", "PROVISIONED", "RECOVERY", "PASSWORD_EXPIRED",
                "LOCKED_OUT", "SUSPENDED", "DEPROVISIONED");
        assertThat(statuses.get("ACTIVE")).isGreaterThan(700);
        assertThat(statuses.get("DEPROVISIONED")).isBetween(30L, 75L);

        boolean sawNullPhone = false;
        boolean sawUnicode = false;
        for (FakeUser u : users) {
            JsonNode n = Http.JSON.readTree(u.json());
            assertThat(n.get("id").asText()).isEqualTo(u.id());
            assertThat(n.get("status").asText()).isEqualTo(u.status());
            for (String field : List.of("created", "lastUpdated")) {
                assertThat(n.get(field).asText()).matches(TIME);
                assertThat(Instant.parse(n.get(field).asText())).isBefore(START);
            }
            for (String field : List.of("activated", "statusChanged", "lastLogin", "passwordChanged")) {
                assertThat(n.has(field)).isTrue();
                if (!n.get(field).isNull()) {
                    assertThat(n.get(field).asText()).matches(TIME);
                    assertThat(n.get(field).asText()).isLessThanOrEqualTo(n.get("lastUpdated").asText());
                }
            }
            assertThat(Instant.parse(n.get("lastUpdated").asText())).isEqualTo(u.lastUpdated());
            assertThat(n.at("/type/id").asText()).startsWith("oty").hasSize(20);
            JsonNode p = n.get("profile");
            assertThat(p.get("login").asText()).isEqualTo(p.get("email").asText()).endsWith("@example.com");
            assertThat(p.get("firstName").asText()).isNotBlank();
            assertThat(p.get("employeeNumber").isNumber()).isTrue();
            assertThat(p.get("isContractor").isBoolean()).isTrue();
            assertThat(p.get("skills").isArray()).isTrue();
            assertThat(p.get("costCenter").isTextual()).isTrue();
            sawNullPhone |= p.get("mobilePhone").isNull();
            sawUnicode |= !p.get("firstName").asText().chars().allMatch(c -> c < 128);
            assertThat(n.at("/credentials/provider/type").asText()).isEqualTo("OKTA");
            assertThat(n.at("/_links/self/href").asText()).isEqualTo(org.linkBaseUrl() + "/api/v1/users/" + u.id());
            assertThat(u.json()).doesNotContain("\n", ": ");
        }
        assertThat(sawNullPhone).isTrue();
        assertThat(sawUnicode).isTrue();
    }

    @Test
    void mutationsStampLastUpdatedWithTheClock() throws IOException {
        VirtualClock clock = new VirtualClock(START);
        FakeOrg org = FakeOrg.builder().seed(1).users(100).clock(clock).build();
        clock.advance(Duration.ofMillis(1234));
        Instant now = clock.instant();

        List<String> updated = org.updateUsers(5);
        assertThat(updated).hasSize(5).doesNotHaveDuplicates();
        assertThat(updated).allSatisfy(id -> assertThat(org.user(id).orElseThrow().lastUpdated()).isEqualTo(now));
        assertThat(org.users().stream().filter(u -> u.lastUpdated().equals(now)).count()).isEqualTo(5);

        String id = org.users().get(0).id();
        FakeUser changed = org.updateUser(id, Map.of("costCenter", "CC-0001", "skills", List.of("a", "b")));
        JsonNode n = Http.JSON.readTree(changed.json());
        assertThat(n.at("/profile/costCenter").asText()).isEqualTo("CC-0001");
        assertThat(n.at("/profile/skills").size()).isEqualTo(2);
        assertThat(n.get("lastUpdated").asText()).isEqualTo("2025-01-01T00:00:01.234Z");

        FakeUser gone = org.deprovisionUser(id);
        assertThat(gone.status()).isEqualTo("DEPROVISIONED");
        assertThat(Http.JSON.readTree(gone.json()).get("statusChanged").asText()).isEqualTo("2025-01-01T00:00:01.234Z");

        List<String> added = org.addUsers(3);
        assertThat(org.userCount()).isEqualTo(103);
        assertThat(added).allSatisfy(a -> assertThat(org.user(a).orElseThrow().created()).isEqualTo(now));
        assertThat(org.deleteUser(added.get(0))).isTrue();
        assertThat(org.deleteUser(added.get(0))).isFalse();
        assertThat(org.user(added.get(0))).isEmpty();
        assertThat(org.userCount()).isEqualTo(102);
        assertThatThrownBy(() -> org.updateUser("00unknown", Map.of())).isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void snapshotsDoNotChangeWithTheOrg() {
        FakeOrg org = org(5, 10);
        List<FakeUser> before = org.users().stream().filter(u -> !u.status().equals("DEPROVISIONED")).toList();
        org.updateUsers(before.size());
        Map<String, FakeUser> after = org.users().stream().collect(Collectors.toMap(FakeUser::id, Function.identity()));
        assertThat(before).allSatisfy(u -> assertThat(after.get(u.id()).json()).isNotEqualTo(u.json()));
    }

    @Test
    void aHundredThousandUsersAreCompact() {
        FakeOrg org = org(9, 100_000);
        long chars = org.users().stream().mapToLong(u -> u.json().length()).sum();
        assertThat(org.userCount()).isEqualTo(100_000);
        assertThat(chars).isLessThan(150_000_000L);
        assertThat(Set.copyOf(org.users().stream().map(FakeUser::id).toList())).hasSize(100_000);
    }
}
