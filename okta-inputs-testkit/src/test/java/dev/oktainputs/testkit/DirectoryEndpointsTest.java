package dev.oktainputs.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DirectoryEndpointsTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(600).seed(5)
            .directory(DirectoryShape.of(40, 20, 12, 90).withAdmins(6).withAdminGroups(2).withCustomRoles(45)
                    .withApiTokens(4))
            .build();

    /** Follows Link next headers, collecting the ids of a JSON-array listing. */
    private static List<String> drain(Http http, String url) throws IOException {
        List<String> ids = new ArrayList<>();
        while (url != null) {
            Http.Reply page = http.get(url);
            assertThat(page.status()).isEqualTo(200);
            ids.addAll(page.ids());
            url = page.link("next");
        }
        return ids;
    }

    @Test
    void sameSeedSameDirectory(FakeOrg org) {
        FakeOrg again = FakeOrg.builder().seed(5).users(600).clock(new VirtualClock(org.clock().instant()))
                .directory(DirectoryShape.of(40, 20, 12, 90).withAdmins(6).withAdminGroups(2).withCustomRoles(45).withApiTokens(4))
                .build();
        assertThat(again.directory().groups()).extracting(FakeGroup::json)
                .containsExactlyElementsOf(org.directory().groups().stream().map(FakeGroup::json).toList());
        assertThat(again.directory().membershipKeys()).isEqualTo(org.directory().membershipKeys());
        assertThat(again.directory().appUserKeys()).isEqualTo(org.directory().appUserKeys());
        assertThat(again.directory().roles().assignmentKeys()).isEqualTo(org.directory().roles().assignmentKeys());
    }

    @Test
    void generatesTheShapeAsked(FakeOrg org) {
        FakeDirectory dir = org.directory();
        assertThat(dir.groups()).hasSize(40);
        assertThat(dir.groups()).filteredOn(g -> g.type() == FakeGroup.Type.BUILT_IN).singleElement()
                .satisfies(g -> assertThat(g.name()).isEqualTo("Everyone"));
        assertThat(dir.members(dir.everyoneGroupId())).hasSize(600);
        assertThat(dir.membershipKeys().size() - 600).isBetween(39 * 10, 39 * 30);
        assertThat(dir.apps()).hasSize(12);
        assertThat(dir.appUserKeys().size()).isBetween(12 * 45, 12 * 135);
        assertThat(dir.groups()).allSatisfy(g -> assertThat(g.lastMembershipUpdated()).isBefore(org.clock().instant()));
    }

    @Test
    void aParentDeletedRightAfterListingIsListedThenAnswers404ForItsChildren(FakeOktaServer server, FakeOrg org)
            throws IOException {
        Http http = new Http(server);
        FakeDirectory dir = org.directory();
        String group = dir.groups().get(2).id();
        String app = dir.apps().get(1).id();
        String admin = org.directory().roles().assignmentKeys().stream().map(k -> k.substring(0, k.indexOf('/')))
                .filter(id -> id.startsWith("00u")).findFirst().orElseThrow();
        server.deleteRightAfterListing(group);
        server.deleteRightAfterListing(app);
        server.deleteRightAfterListing(admin);
        assertThatThrownBy(() -> server.deleteRightAfterListing("00gNoSuchGroup")).isInstanceOf(IllegalArgumentException.class);

        assertThat(http.get("/api/v1/groups/" + group).status()).as("a request naming it does not count").isEqualTo(200);
        assertThat(http.get("/api/v1/groups?limit=5").ids()).contains(group);
        assertThat(dir.group(group)).isEmpty();
        assertThat(http.get("/api/v1/apps?limit=5").ids()).contains(app);
        assertThat(http.get("/api/v1/iam/assignees/users").body()).contains("\"id\":\"" + admin + "\"");

        for (String path : List.of("/api/v1/groups/" + group + "/users", "/api/v1/groups/" + group + "/roles",
                "/api/v1/apps/" + app + "/users", "/api/v1/apps/" + app + "/groups", "/api/v1/users/" + admin + "/roles")) {
            Http.Reply r = http.get(path);
            assertThat(r.status()).as(path).isEqualTo(404);
            JsonNode error = r.json();
            assertThat(error.get("errorCode").asText()).isEqualTo("E0000007");
            assertThat(error.get("errorSummary").asText()).startsWith("Not found: Resource not found: ")
                    .containsAnyOf(group + " (UserGroup)", app + " (AppInstance)", admin + " (User)");
            assertThat(error.get("errorLink").asText()).isEqualTo("E0000007");
            assertThat(error.get("errorId").asText()).startsWith("oae");
            assertThat(error.get("errorCauses").isArray()).isTrue();
        }
        assertThat(dir.groups()).hasSize(39); // fired once: the next listings delete nothing more
        assertThat(http.get("/api/v1/groups?limit=50").ids()).hasSize(39);
    }

    @Test
    void groupsPageAndFilterOnBothTimestampsAndType(FakeOktaServer server, FakeOrg org) throws IOException {
        Http http = new Http(server);
        List<String> all = drain(http, "/api/v1/groups?limit=7");
        assertThat(all).hasSize(40).isSorted().doesNotHaveDuplicates();
        VirtualClock clock = (VirtualClock) org.clock();
        clock.advance(Duration.ofMinutes(5));
        String since = "2025-01-01T00:04:00.000Z";
        FakeGroup g = org.directory().groups().get(3);
        String user = org.users().get(0).id();
        org.directory().addMember(g.id(), user);
        assertThat(org.directory().group(g.id()).orElseThrow().lastUpdated()).isEqualTo(g.lastUpdated());
        String members = http.url("/api/v1/groups").newBuilder().addQueryParameter("filter", "lastMembershipUpdated ge \"" + since + "\"")
                .build().toString();
        assertThat(drain(http, members)).containsExactly(g.id());
        String profiles = http.url("/api/v1/groups").newBuilder().addQueryParameter("filter", "lastUpdated gt \"" + since + "\"")
                .build().toString();
        assertThat(drain(http, profiles)).isEmpty();
        // Okta's "groups updated after a timestamp": profile or membership, with or
        FakeGroup renamed = org.directory().groups().get(5);
        org.directory().renameGroup(renamed.id(), "Renamed");
        String either = http.url("/api/v1/groups").newBuilder().addQueryParameter("filter",
                "lastUpdated ge \"" + since + "\" or lastMembershipUpdated ge \"" + since + "\"").build().toString();
        assertThat(drain(http, either)).containsExactly(g.id(), renamed.id());
        String typed = http.url("/api/v1/groups").newBuilder().addQueryParameter("filter",
                "type eq \"BUILT_IN\" and (lastUpdated gt \"" + since + "\" or lastMembershipUpdated gt \"" + since + "\")").build().toString();
        assertThat(drain(http, typed)).isEmpty();
        for (String wrong : List.of("lastUpdated ge \"" + since + "\" or", "lastUpdated ge \"" + since + "\" or profile.name eq \"x\"",
                "lastUpdated ge \"" + since + "\" or lastMembershipUpdated sw \"2025\"", "(lastUpdated ge \"" + since + "\" or type eq \"OKTA_GROUP\"")) {
            Http.Reply r = http.get(http.url("/api/v1/groups").newBuilder().addQueryParameter("filter", wrong).build().toString());
            assertThat(r.status()).as(wrong).isEqualTo(400);
            assertThat(r.body()).as(wrong).contains("E0000031");
        }
        String builtIn = http.url("/api/v1/groups").newBuilder().addQueryParameter("filter", "type eq \"BUILT_IN\"").build().toString();
        assertThat(drain(http, builtIn)).containsExactly(org.directory().everyoneGroupId());
        Http.Reply bad = http.get(http.url("/api/v1/groups").newBuilder().addQueryParameter("filter", "name sw \"x\"").build().toString());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("E0000031");
    }

    @Test
    void groupMembersAreFullUsersPagedAndEveryoneHasEveryUser(FakeOktaServer server, FakeOrg org) throws IOException {
        Http http = new Http(server);
        FakeDirectory dir = org.directory();
        String everyone = dir.everyoneGroupId();
        assertThat(drain(http, "/api/v1/groups/" + everyone + "/users?limit=250")).hasSize(600);
        Http.Reply clamp = http.get("/api/v1/groups/" + everyone + "/users?limit=5000");
        assertThat(clamp.ids()).hasSize(600);
        FakeGroup g = dir.groups().stream().filter(x -> x.type() != FakeGroup.Type.BUILT_IN && dir.members(x.id()).size() > 3)
                .findFirst().orElseThrow();
        List<String> members = drain(http, "/api/v1/groups/" + g.id() + "/users?limit=2");
        assertThat(members).isEqualTo(dir.members(g.id()));
        JsonNode first = http.get("/api/v1/groups/" + g.id() + "/users?limit=1").json().get(0);
        assertThat(first.toString()).isEqualTo(org.user(members.get(0)).orElseThrow().json());
        assertThat(http.get("/api/v1/groups/00gNOPE/users").status()).isEqualTo(404);
    }

    @Test
    void appsAndTheirAssignmentsPageWithOktasLimits(FakeOktaServer server, FakeOrg org) throws IOException {
        Http http = new Http(server);
        FakeDirectory dir = org.directory();
        assertThat(http.get("/api/v1/apps").ids()).hasSize(12);
        assertThat(http.get("/api/v1/apps?limit=5").link("next")).isNotNull();
        FakeApp app = dir.apps().stream().max((a, b) -> dir.appUsers(a.id()).size() - dir.appUsers(b.id()).size()).orElseThrow();
        assertThat(http.get("/api/v1/apps/" + app.id() + "/users").ids()).hasSize(Math.min(50, dir.appUsers(app.id()).size()));
        assertThat(drain(http, "/api/v1/apps/" + app.id() + "/users?limit=500")).isEqualTo(dir.appUsers(app.id()));
        JsonNode appUser = http.get("/api/v1/apps/" + app.id() + "/users?limit=1").json().get(0);
        assertThat(appUser.get("scope").asText()).isEqualTo("USER");
        assertThat(appUser.at("/_links/app/href").asText()).endsWith("/api/v1/apps/" + app.id());
        assertThat(drain(http, "/api/v1/apps/" + app.id() + "/groups?limit=1")).isEqualTo(dir.appGroups(app.id()));
        dir.deleteApp(app.id());
        assertThat(http.get("/api/v1/apps/" + app.id() + "/users").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/apps").ids()).hasSize(11);
    }

    @Test
    void adminEndpointsHaveTheirOwnPagingQuirks(FakeOktaServer server, FakeOrg org) throws IOException {
        Http http = new Http(server);
        FakeAdminRoles roles = org.directory().roles();
        // custom roles: wrapped in "roles", next link only in the body, server-sized pages
        Http.Reply first = http.get("/api/v1/iam/roles?limit=100");
        assertThat(first.headers().values("link")).isEmpty();
        assertThat(first.json().get("roles")).hasSize(20);
        List<String> customIds = new ArrayList<>();
        String url = "/api/v1/iam/roles";
        while (url != null) {
            JsonNode body = http.get(url).json();
            body.get("roles").forEach(r -> customIds.add(r.get("id").asText()));
            url = body.at("/_links/next/href").isMissingNode() ? null : body.at("/_links/next/href").asText();
        }
        assertThat(customIds).hasSize(45).isEqualTo(roles.customRoleIds());
        // assignees: wrapped in "value"
        JsonNode assignees = http.get("/api/v1/iam/assignees/users").json();
        Set<String> assigneeIds = new HashSet<>();
        assignees.get("value").forEach(a -> assigneeIds.add(a.get("id").asText()));
        assertThat(assigneeIds).hasSizeGreaterThanOrEqualTo(6);
        assertThat(assignees.get("value").get(0).get("orn").asText()).startsWith("orn:okta:00o");
        // a user's roles and API tokens: one plain array
        String admin = assigneeIds.iterator().next();
        Http.Reply userRoles = http.get("/api/v1/users/" + admin + "/roles");
        assertThat(userRoles.json().isArray()).isTrue();
        assertThat(userRoles.json().get(0).get("assignmentType").asText()).isIn("USER", "GROUP");
        assertThat(http.get("/api/v1/api-tokens").ids()).hasSize(4).isEqualTo(roles.apiTokenIds());
        assertThat(http.get("/api/v1/api-tokens").body()).doesNotContain(server.apiToken());
        String grant = roles.assignUserRole(org.users().get(1).id(), "READ_ONLY_ADMIN");
        assertThat(roles.assignmentKeys()).contains(org.users().get(1).id() + "/" + grant);
        assertThatThrownBy(() -> roles.assignUserRole(admin, "KING")).hasMessageContaining("not a standard role type");
    }

    @Test
    void theAppsFamilySharesOneBucketAndGroupSubresourcesHaveTheirOwn(FakeOktaServer server, FakeOrg org) throws IOException {
        server.rateLimit("/api/v1/apps", 3);
        Http http = new Http(server);
        String app = org.directory().apps().get(0).id();
        assertThat(http.get("/api/v1/apps").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/apps/" + app + "/users").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/apps/" + app + "/groups").headers().get("X-Rate-Limit-Remaining")).isEqualTo("0");
        assertThat(http.get("/api/v1/apps/" + app).status()).isEqualTo(429);
        assertThat(server.rateLimitedCount()).isEqualTo(1);
        server.rateLimit("/api/v1/groups/{id}", 1);
        String group = org.directory().groups().get(1).id();
        assertThat(http.get("/api/v1/groups/" + group + "/users").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/groups/" + group + "/roles").status()).isEqualTo(429);
        assertThat(http.get("/api/v1/groups").status()).isEqualTo(200);
    }

    @Test
    void deletingAUserRemovesItEverywhereAndMovesEveryonesMembership(FakeOrg org) {
        FakeDirectory dir = org.directory();
        String group = dir.groups().stream().filter(g -> g.type() != FakeGroup.Type.BUILT_IN && !dir.members(g.id()).isEmpty())
                .findFirst().orElseThrow().id();
        String user = dir.members(group).get(0);
        ((VirtualClock) org.clock()).advance(Duration.ofMinutes(1));
        org.deleteUser(user);
        assertThat(dir.members(group)).doesNotContain(user);
        assertThat(dir.group(group).orElseThrow().lastMembershipUpdated()).isEqualTo(org.clock().instant());
        assertThat(dir.group(dir.everyoneGroupId()).orElseThrow().lastMembershipUpdated()).isEqualTo(org.clock().instant());
        assertThat(dir.membershipKeys()).noneMatch(k -> k.endsWith("/" + user));
        assertThat(dir.appUserKeys()).noneMatch(k -> k.endsWith("/" + user));
        assertThatThrownBy(() -> dir.addMember(dir.everyoneGroupId(), org.users().get(0).id()))
                .hasMessageContaining("Everyone");
    }
}
