package dev.oktainputs.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeApp;
import dev.oktainputs.testkit.FakeDirectory;
import dev.oktainputs.testkit.FakeGroup;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The org: 20,000 users, 2,000 groups (avg 30 members), 300 apps (avg 200 assigned users). */
class LargeOrgTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(20_000).seed(2024)
            .directory(DirectoryShape.of(2_000, 30, 300, 200)).build();

    private static Set<String> keys(List<String> lines, String stream, String op) {
        return lines.stream().filter(l -> l.startsWith(stream + " " + op + " ")).map(l -> l.substring(l.lastIndexOf(' ') + 1))
                .collect(Collectors.toSet());
    }

    private static Set<String> prefixed(String stream, Set<String> keys) {
        return keys.stream().map(k -> stream + " DELETE " + k).collect(Collectors.toSet());
    }

    @Test
    void everyEdgeOnceThenExactlyTheDeletesAndOnlyTheChangedGroupsRelisted(FakeOktaServer okta, FakeOrg org,
                                                                         VirtualClock clock) throws Exception {
        FakeDirectory dir = org.directory();
        try (DirectoryRuns runs = new DirectoryRuns(okta, clock)) {
            List<String> first = runs.run(DirectoryRuns.ALL, Map.of());
            assertThat(first).doesNotHaveDuplicates().noneMatch(l -> l.contains(" DELETE "));
            assertThat(keys(first, "groups", "UPSERT")).isEqualTo(dir.groups().stream().map(FakeGroup::id).collect(Collectors.toSet()));
            assertThat(keys(first, "group_members", "UPSERT")).hasSize(dir.membershipKeys().size()).isEqualTo(dir.membershipKeys());
            assertThat(keys(first, "apps", "UPSERT")).isEqualTo(dir.apps().stream().map(FakeApp::id).collect(Collectors.toSet()));
            assertThat(keys(first, "app_users", "UPSERT")).isEqualTo(dir.appUserKeys());
            assertThat(keys(first, "app_groups", "UPSERT")).isEqualTo(dir.appGroupKeys());
            assertThat(dir.membershipKeys().size() - 20_000).isBetween(55_000, 65_000);   // + Everyone's 20,000
            assertThat(dir.appUserKeys().size()).isBetween(55_000, 65_000);

            clock.advance(Duration.ofMinutes(30));
            List<String> removed = dir.removeRandomMemberships(10);
            FakeApp gone = dir.apps().stream().filter(a -> !dir.appUsers(a.id()).isEmpty() && !dir.appGroups(a.id()).isEmpty())
                    .findFirst().orElseThrow();
            Set<String> expected = new HashSet<>(prefixed("group_members", Set.copyOf(removed)));
            // groups follow membership changes (follow_membership_changes): each group that lost a member, once, with its
            // new lastMembershipUpdated
            removed.forEach(k -> expected.add("groups UPSERT " + k.split("/")[0]));
            expected.add("apps DELETE " + gone.id());
            expected.addAll(prefixed("app_users", dir.appUsers(gone.id()).stream().map(u -> gone.id() + "/" + u).collect(Collectors.toSet())));
            expected.addAll(prefixed("app_groups", dir.appGroups(gone.id()).stream().map(g -> gone.id() + "/" + g).collect(Collectors.toSet())));
            dir.deleteApp(gone.id());
            clock.advance(Duration.ofMinutes(1));
            okta.takeRequests();

            List<String> second = runs.run(DirectoryRuns.ALL, Map.of());
            assertThat(second).doesNotHaveDuplicates();
            assertThat(Set.copyOf(second)).isEqualTo(expected);
            Set<String> relisted = okta.requests().stream().filter(r -> r.path().matches("/api/v1/groups/[^/]+/users"))
                    .map(r -> r.path().split("/")[4]).collect(Collectors.toSet());
            assertThat(relisted).isEqualTo(removed.stream().map(k -> k.split("/")[0]).collect(Collectors.toSet()));
        }
    }

    @Test
    void theAppFanOutStaysUnderA100PerMinuteBucketWithoutA429(FakeOktaServer okta, FakeOrg org, VirtualClock clock)
            throws Exception {
        okta.rateLimit("/api/v1/apps", 100);
        Instant start = clock.instant();
        List<String> lines;
        try (DirectoryRuns runs = new DirectoryRuns(okta, clock)) {
            lines = runs.run(List.of(new AppUsersInput(), new AppGroupsInput()), Map.of("concurrency", 8));
        }
        long appRequests = okta.requests().stream().filter(r -> r.path().startsWith("/api/v1/apps")).count();
        assertThat(okta.rateLimitedCount()).isZero();
        assertThat(keys(lines, "app_users", "UPSERT")).isEqualTo(org.directory().appUserKeys());
        assertThat(keys(lines, "app_groups", "UPSERT")).isEqualTo(org.directory().appGroupKeys());
        assertThat(appRequests).isGreaterThan(600);
        // the governor kept 20% headroom: at most 80 requests per minute of Okta's time, waited out virtually
        assertThat(Duration.between(start, clock.instant()).toMinutes()).isGreaterThanOrEqualTo(appRequests / 80 - 1);
        assertThat(clock.sleeps()).isNotEmpty();
    }
}
