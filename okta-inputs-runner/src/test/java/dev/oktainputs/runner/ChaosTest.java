package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeApp;
import dev.oktainputs.testkit.FakeGroup;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakeUser;
import dev.oktainputs.testkit.Fault;
import dev.oktainputs.testkit.RecordedOktaRequest;
import dev.oktainputs.testkit.ServiceApp;
import dev.oktainputs.testkit.TestKeyPair;
import dev.oktainputs.testkit.VirtualClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Chaos: every input family runs through the runner's own wiring (YAML config, client, pipeline, JSON Lines file
 * sink) against a seeded fake org that answers at random 5% 429, 5% 5xx, 2% dropped connections and 1% truncated
 * bodies (with Content-Length, chunked, and close-delimited without any length). Time is virtual, so 429 waits cost
 * nothing. After a first (full) run, a second (full) run after changes to the org (updates, additions, deletions,
 * new System Log events) and a third (incremental) run after updates and additions, each stream's output, replayed in order (UPSERT puts, DELETE removes), equals the org's content
 * exactly: the same keys, and the same JSON as the org serves (objects) or as a fault-free run of the same
 * configuration writes (edges). System Log events are written exactly once.
 */
class ChaosTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STREAMS = List.of("users", "groups", "group_members", "apps", "app_users",
            "app_groups", "system_log", "role_assignments", "custom_roles", "api_tokens");

    @TempDir
    Path dir;

    private boolean oauth;
    private int fullSyncEvery = 1;

    private final VirtualClock clock = VirtualClock.startingAt("2025-06-02T08:00:00Z");

    private static final String CLIENT_ID = "0oachaosserviceapp";
    private static final TestKeyPair KEY = TestKeyPair.rsa(2048, "kid-chaos");

    @ParameterizedTest(name = "fault seed {0}, {1}")
    @CsvSource({"1, api_key", "2, api_key", "3, oauth_dpop"})
    void everyStreamEqualsTheOrgDespiteRandomFaults(long seed, String auth) throws Exception {
        this.oauth = auth.equals("oauth_dpop");
        FakeOrg org = FakeOrg.builder().seed(40 + seed).users(300).clock(clock)
                .directory(DirectoryShape.of(25, 25, 12, 20).withAppGroups(4).withAdmins(12).withCustomRoles(8)
                        .withApiTokens(12))
                .build();
        org.systemLog().generate(1200, Duration.ofMinutes(30));
        try (FakeOktaServer okta = FakeOktaServer.start(org)) {
            Path chaotic = Files.createDirectories(dir.resolve("chaotic"));
            Path clean = Files.createDirectories(dir.resolve("clean"));

            runWithAndWithoutFaults(seed, okta, org, chaotic, clean);

            change(org);
            runWithAndWithoutFaults(seed + 100, okta, org, chaotic, clean);

            // Incremental runs (lastUpdated filters, overlap, boundary re-reads) under faults: changes without deletes,
            // which only a full pass can see.
            fullSyncEvery = 0;
            update(org);
            runWithAndWithoutFaults(seed + 200, okta, org, chaotic, clean);

            Set<Fault.Kind> injected = EnumSet.noneOf(Fault.Kind.class);
            okta.requests().stream().map(RecordedOktaRequest::fault).filter(Objects::nonNull).map(Fault::kind)
                    .forEach(injected::add);
            assertThat(injected).as("the run met every kind of fault").contains(Fault.Kind.RATE_LIMIT, Fault.Kind.STATUS,
                    Fault.Kind.DROP_CONNECTION);
            assertThat(injected).containsAnyOf(Fault.Kind.TRUNCATE_BODY, Fault.Kind.TRUNCATE_CHUNKED_BODY,
                    Fault.Kind.TRUNCATE_UNDELIMITED_BODY);
            if (oauth) {
                assertThat(okta.requests()).filteredOn(r -> r.path().equals("/oauth2/v1/token") && r.fault() != null)
                        .as("faults hit the token endpoint too").isNotEmpty();
                assertThat(okta.requests()).filteredOn(r -> r.path().startsWith("/api/")).allSatisfy(r ->
                        assertThat(r.authScheme()).isEqualTo("DPoP"));
            }
            System.out.println("chaos seed " + seed + " (" + auth + "): " + okta.requestCount() + " requests, faults "
                    + okta.requests().stream().map(RecordedOktaRequest::fault).filter(Objects::nonNull)
                    .collect(Collectors.groupingBy(Fault::toString, TreeMap::new, Collectors.counting())));
        }
    }

    /** Updates, additions and deletions across the directory, and new System Log events. */
    private void change(FakeOrg org) {
        clock.advance(Duration.ofMinutes(10));
        org.updateUsers(25);
        List<String> added = org.addUsers(8);
        org.deleteUser(org.users().get(3).id());
        org.deleteUser(org.users().get(40).id());
        var dir = org.directory();
        List<FakeGroup> groups = dir.groups();
        FakeGroup target = groups.stream().filter(g -> g.type() == FakeGroup.Type.OKTA_GROUP).findFirst().orElseThrow();
        dir.addMember(target.id(), added.get(0));
        dir.removeRandomMemberships(12);
        dir.renameGroup(groups.get(groups.size() - 1).id(), "Renamed under chaos");
        dir.deleteGroup(groups.get(groups.size() - 2).id());
        dir.addGroup("Added under chaos");
        List<FakeApp> apps = dir.apps();
        dir.relabelApp(apps.get(0).id(), "Relabelled under chaos");
        dir.deleteApp(apps.get(apps.size() - 1).id());
        dir.assignUser(apps.get(1).id(), added.get(1));
        List<String> appUsers = dir.appUsers(apps.get(2).id());
        if (!appUsers.isEmpty()) {
            dir.unassignUser(apps.get(2).id(), appUsers.get(0));
        }
        dir.roles().assignUserRole(added.get(2), "READ_ONLY_ADMIN");
        dir.roles().addCustomRole("Added under chaos");
        dir.roles().deleteCustomRole(dir.roles().customRoleIds().get(0));
        dir.roles().addApiToken("Added under chaos", added.get(2));
        dir.roles().revokeApiToken(dir.roles().apiTokenIds().get(0));
        org.systemLog().append(300);
        clock.advance(Duration.ofMinutes(1));
    }

    /** Updates and additions only. */
    private void update(FakeOrg org) {
        clock.advance(Duration.ofMinutes(10));
        org.updateUsers(20);
        List<String> added = org.addUsers(5);
        org.deprovisionUser(org.users().get(7).id());
        var dir = org.directory();
        FakeGroup group = dir.groups().stream().filter(g -> g.type() == FakeGroup.Type.OKTA_GROUP).skip(1).findFirst().orElseThrow();
        dir.renameGroup(group.id(), "Renamed incrementally");
        dir.addMember(group.id(), added.get(0));
        dir.relabelApp(dir.apps().get(1).id(), "Relabelled incrementally");
        dir.assignUser(dir.apps().get(2).id(), added.get(1));
        dir.roles().addCustomRole("Added incrementally");
        dir.roles().addApiToken("Added incrementally", added.get(1));
        org.systemLog().append(150);
        clock.advance(Duration.ofMinutes(1));
    }

    /** One run under seeded faults into {@code chaotic}, one without into {@code clean}: both must equal the org. */
    private void runWithAndWithoutFaults(long faultSeed, FakeOktaServer okta, FakeOrg org, Path chaotic, Path clean)
            throws Exception {
        okta.randomFaults(faultSeed, 0.05, 0.05, 0.02, 0.01);
        runOnce(okta, chaotic);
        okta.clearFaults();
        runOnce(okta, clean);
        assertEqualsTheOrg(org, chaotic, clean);
    }

    private void runOnce(FakeOktaServer okta, Path home) throws Exception {
        String auth = "auth:\n  api_key: ${OKTA_API_KEY}\n";
        if (oauth) {
            Cli.write(home, "key.pem", KEY.pkcs8Pem());
            auth = "auth:\n  client_id: " + CLIENT_ID + "\n  key_id: " + KEY.keyId() + "\n  private_key_file: ./key.pem\n  dpop: auto\n";
        }
        Path config = Cli.write(home, "okta.yaml", "org_url: " + okta.orgUrl() + "\n"
                + auth
                + "inputs:\n"
                + "  users: { page_size: 40, full_sync_every: " + fullSyncEvery + " }\n"
                + "  groups: { page_size: 30, groups_page_size: 6, full_sync_every: " + fullSyncEvery + " }\n"
                + "  apps: { page_size: 7, apps_page_size: 5, full_sync_every: " + fullSyncEvery + " }\n"
                + "  system_log: { page_size: 100, lookback: PT24H }\n"
                + "  roles: { groups_page_size: 6, full_sync_every: " + fullSyncEvery + " }\n"
                + "  api_tokens: { full_sync_every: " + fullSyncEvery + " }\n"
                + "sink: { type: file, path: ./out }\n"
                + "state_dir: ./state\n"
                // ~13% of attempts fail; with the default 6 attempts, 1 request in 240,000 would still fail after its last
                // (about 1% of builds, as the threads' interleaving decides which request draws which fault); with 10, none
                // Virtual sleeps of concurrent inputs add up on the shared clock (testkit README), so one call's 429
                // waits can pass the default 5 minutes of retry time that real time, where they overlap, would not.
                + "http: { max_attempts: 10, max_retry_time: PT2H }\n");
        RunnerConfig cfg = new ConfigLoader(Map.of("OKTA_API_KEY", okta.apiToken())).load(config);
        if (oauth) {
            // DPoP required, with a resource nonce: the whole handshake runs under faults too (the token endpoint included)
            okta.registerServiceApp(ServiceApp.builder(CLIENT_ID).key(KEY.keyId(), KEY.publicKey()).grant(Runner.scopes(cfg))
                    .requireDpop(true).build());
            okta.requireDpopNonceOnResources(true);
        }
        StringWriter out = new StringWriter();
        try (OktaClient client = Runner.client(cfg, clock, clock);
             JsonLinesFileSink sink = (JsonLinesFileSink) Runner.sink(cfg, new PrintWriter(out));
             Pipeline pipeline = Runner.pipeline(cfg, client, sink, new Pipeline.Listener() { }, clock, clock)) {
            List<Pipeline.RunResult> results = pipeline.runOnce();
            assertThat(results).hasSize(STREAMS.size()).allSatisfy(r ->
                    assertThat(r.failure()).as(r.input() + " failed").isNull());
        }
    }

    private void assertEqualsTheOrg(FakeOrg org, Path chaotic, Path clean) throws IOException {
        var d = org.directory();
        Map<String, Set<String>> keys = new HashMap<>();
        keys.put("users", org.users().stream().map(FakeUser::id).collect(Collectors.toSet()));
        keys.put("groups", d.groups().stream().map(FakeGroup::id).collect(Collectors.toSet()));
        keys.put("group_members", d.membershipKeys());
        keys.put("apps", d.apps().stream().map(FakeApp::id).collect(Collectors.toSet()));
        keys.put("app_users", d.appUserKeys());
        keys.put("app_groups", d.appGroupKeys());
        keys.put("system_log", new HashSet<>(org.systemLog().uuids()));
        keys.put("role_assignments", d.roles().assignmentKeys());
        keys.put("custom_roles", new HashSet<>(d.roles().customRoleIds()));
        keys.put("api_tokens", new HashSet<>(d.roles().apiTokenIds()));
        Map<String, Map<String, String>> served = Map.of(
                "users", org.users().stream().collect(Collectors.toMap(FakeUser::id, FakeUser::json)),
                "groups", d.groups().stream().collect(Collectors.toMap(FakeGroup::id, FakeGroup::json)),
                "apps", d.apps().stream().collect(Collectors.toMap(FakeApp::id, FakeApp::json)),
                "system_log", org.systemLog().uuids().stream().collect(Collectors.toMap(u -> u, u -> org.systemLog().json(u))));

        for (String stream : STREAMS) {
            Map<String, JsonNode> got = replay(chaotic.resolve("out/" + stream + ".jsonl"), stream);
            assertThat(new TreeMap<>(got).keySet()).as(stream + " keys").containsExactlyInAnyOrderElementsOf(keys.get(stream));
            assertThat(got).as(stream + " is exactly what a fault-free run writes")
                    .isEqualTo(replay(clean.resolve("out/" + stream + ".jsonl"), stream));
            if (served.containsKey(stream)) {
                for (Map.Entry<String, String> e : served.get(stream).entrySet()) {
                    // groups too: incremental runs follow lastMembershipUpdated (follow_membership_changes, on by default)
                    JsonNode expected = JSON.readTree(e.getValue());
                    JsonNode actual = got.get(e.getKey());
                    assertThat(actual).as(stream + " " + e.getKey() + " as the org serves it").isEqualTo(expected);
                }
            }
        }
    }

    /** The stream's state after applying its lines in order; System Log events must each appear once. */
    private static Map<String, JsonNode> replay(Path file, String stream) throws IOException {
        Map<String, JsonNode> state = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return state;
        }
        for (String line : Files.readAllLines(file)) {
            JsonNode n = JSON.readTree(line);
            String key = n.get("key").asText();
            if ("delete".equals(n.get("op").asText())) {
                assertThat(state.remove(key)).as(stream + ": DELETE of " + key + " that was never written").isNotNull();
            } else {
                JsonNode previous = state.put(key, n.get("data"));
                if (stream.equals("system_log")) {
                    assertThat(previous).as("System Log event " + key + " written twice").isNull();
                }
            }
        }
        return state;
    }
}
