package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeFactors;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakeUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two posture questions, answered from the records of one {@code run --once} over the demo org (the default
 * {@code ./okta-inputs demo}: 3,000 users, seed 2026) and checked against the fake org's truth and the README:
 * users without an active factor, and admins (a role of their own or through a group) without a phishing-resistant
 * factor (an ACTIVE {@code webauthn} or {@code signed_nonce}).
 */
class PostureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PHISHING_RESISTANT = Set.of("webauthn", "signed_nonce");

    @TempDir
    Path dir;

    /** Records of a stream folded by key (the last UPSERT, minus DELETEs): key → data. */
    private static Map<String, JsonNode> fold(Path file) throws IOException {
        Map<String, JsonNode> state = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode r = JSON.readTree(line);
            if ("DELETE".equals(r.get("op").asText())) {
                state.remove(r.get("key").asText());
            } else {
                state.put(r.get("key").asText(), r.get("data"));
            }
        }
        return state;
    }

    private static String before(String key) {
        return key.substring(0, key.indexOf('/'));
    }

    @Test
    void usersWithoutAnActiveFactorAndAdminsWithoutAPhishingResistantOne() throws Exception {
        // The CLI's client paces itself by the system clock, so the org's rate-limit windows run on it too (as in the
        // demo). The answers depend on the seed only, never on the time.
        FakeOrg org = DemoOrg.build(3_000, 2026, Clock.systemUTC());
        // The CLI's client runs on the system clock while this org's rate-limit windows run on a virtual one that never
        // moves: give the one-request-per-user buckets room for every request of the run.
        try (FakeOktaServer okta = FakeOktaServer.builder(org).rateLimit(FakeFactors.BUCKET, 100_000).start()) {
            Path config = Cli.write(dir, "okta.yaml", "org_url: " + okta.orgUrl() + "\n"
                    + "auth:\n  api_key: ${OKTA_API_KEY}\n"
                    + "inputs:\n  users: {}\n  groups: {}\n  roles: {}\n  factors: {}\n"
                    + "sink:\n  type: file\n  path: ./out\nstate_dir: ./state\n");
            Cli.Result r = Cli.run(Map.of("OKTA_API_KEY", okta.apiToken()), "run", "--once", "--config", config.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        Path out = dir.resolve("out");
        Map<String, JsonNode> users = fold(out.resolve("users.jsonl"));
        Map<String, JsonNode> factors = fold(out.resolve("user_factors.jsonl"));
        Map<String, JsonNode> roles = fold(out.resolve("role_assignments.jsonl"));
        Map<String, JsonNode> members = fold(out.resolve("group_members.jsonl"));

        // From the records.
        Set<String> withActiveFactor = new HashSet<>();
        Set<String> withPhishingResistant = new HashSet<>();
        factors.forEach((key, f) -> {
            if ("ACTIVE".equals(f.get("status").asText())) {
                withActiveFactor.add(before(key));
                if (PHISHING_RESISTANT.contains(f.get("factorType").asText())) {
                    withPhishingResistant.add(before(key));
                }
            }
        });
        Set<String> noFactor = new TreeSet<>();
        users.forEach((id, u) -> {
            if ("ACTIVE".equals(u.get("status").asText()) && !withActiveFactor.contains(id)) {
                noFactor.add(id);
            }
        });
        Set<String> adminGroups = new HashSet<>();
        Set<String> admins = new TreeSet<>();
        roles.values().forEach(a -> (("GROUP".equals(a.get("assigneeType").asText())) ? adminGroups : admins)
                .add(a.get("assigneeId").asText()));
        members.keySet().stream().filter(k -> adminGroups.contains(before(k))).forEach(k -> admins.add(k.substring(k.indexOf('/') + 1)));
        Set<String> weakAdmins = new TreeSet<>(admins);
        weakAdmins.removeAll(withPhishingResistant);

        // The fake org's truth.
        Set<String> trueNoFactor = new TreeSet<>();
        for (FakeUser u : org.users()) {
            if ("ACTIVE".equals(u.status()) && org.factors().active(u.id()).isEmpty()) {
                trueNoFactor.add(u.id());
            }
        }
        Set<String> trueAdmins = org.directory().roles().adminUserIds();
        Set<String> trueWeakAdmins = new TreeSet<>();
        for (String a : trueAdmins) {
            if (org.factors().active(a).values().stream().noneMatch(PHISHING_RESISTANT::contains)) {
                trueWeakAdmins.add(a);
            }
        }
        assertThat(noFactor).isEqualTo(trueNoFactor).isNotEmpty();
        assertThat(admins).isEqualTo(trueAdmins);
        assertThat(weakAdmins).isEqualTo(trueWeakAdmins).isNotEmpty();
        assertThat(adminGroups).as("some admins hold their role through a group").isNotEmpty();

        long active = users.values().stream().filter(u -> "ACTIVE".equals(u.get("status").asText())).count();
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).contains(String.format("**%,d of the %,d ACTIVE users have no ACTIVE factor**", noFactor.size(), active),
                String.format("**%d of the %d admins have no phishing-resistant factor**", weakAdmins.size(), admins.size()));
    }
}
