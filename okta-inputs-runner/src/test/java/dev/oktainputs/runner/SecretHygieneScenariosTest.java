package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.api.RecordSink;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.time.Sleeper;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.Fault;
import dev.oktainputs.testkit.IssuedToken;
import dev.oktainputs.testkit.ServiceApp;
import dev.oktainputs.testkit.TestKeyPair;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret hygiene across the runner's scenarios, for both kinds of credentials, success and failure: {@code run --once}
 * and {@code check}; a bad API token, 401, 403 for a missing permission or scope, an unknown key id,
 * {@code invalid_dpop_proof} (DPoP off for an app that requires it), a token endpoint answering 500, a server down, and
 * access tokens revoked in the middle of a run. Each scenario gets its own token and key. Everything a person or a log
 * collector could see is captured — standard output and error of the CLI, all SLF4J output at DEBUG with HTTP
 * headers at TRACE (the test logging configuration; {@code OKTA_INPUTS_LOG=debug} in production), the failures'
 * messages, {@code toString()} and stack traces, the configuration's {@code toString()} and the files written — and
 * none may contain the API token, the private key (PEM body, JWK private members), an access token, a client
 * assertion or a DPoP proof.
 */
class SecretHygieneScenariosTest {

    private static final String CLIENT = "0oahygieneserviceapp";
    private static final SplittableRandom RANDOM = new SplittableRandom(0x5ec7e7L);

    @TempDir
    Path dir;

    /**
     * The CLI signs client assertions and DPoP proofs on the system clock (it has no other), so the fake org checks them
     * on the same clock; nothing here waits for time to pass or depends on how long anything takes.
     */
    private final Clock clock = Clock.systemUTC();
    private final String token = uniqueToken();
    private final TestKeyPair key = TestKeyPair.rsa(2048, "kid-" + Long.toHexString(RANDOM.nextLong()).substring(0, 8));
    private final StringBuilder seen = new StringBuilder();
    private final ByteArrayOutputStream slf4j = new ByteArrayOutputStream();
    private PrintStream stderr;
    private FakeOktaServer okta;
    private int scenarios;
    private String last = "";

    private static String uniqueToken() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder("00");
        for (int i = 0; i < 40; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @BeforeEach
    void start() {
        FakeOrg org = FakeOrg.builder().seed(91).users(60).apiToken(token).clock(clock)
                .directory(DirectoryShape.of(6, 8, 4, 6)).build();
        org.systemLog().generate(80, Duration.ofMinutes(20));
        okta = FakeOktaServer.start(org);
        stderr = System.err;
        System.setErr(new PrintStream(slf4j, true, StandardCharsets.UTF_8));   // slf4j-simple writes to System.err
    }

    @AfterEach
    void stop() {
        System.setErr(stderr);
        // keep it in the surefire output too, which CI greps for secrets as well
        stderr.print(slf4j.toString(StandardCharsets.UTF_8));
        okta.close();
    }

    private Path config(String name, String auth, String extra) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        Cli.write(home, "key.pem", key.pkcs8Pem());
        Cli.write(home, "key.json", key.jwk());
        return Cli.write(home, "okta.yaml", "org_url: " + okta.orgUrl() + "\n" + auth
                + "inputs:\n  users: {}\n  groups: {}\n  apps: {}\n  system_log: { lookback: PT24H }\n  roles: {}\n  api_tokens: {}\n"
                + "sink: { type: file, path: ./out }\nstate_dir: ./state\n" + extra);
    }

    private static String apiKey() {
        return "auth:\n  api_key: ${OKTA_API_KEY}\n";
    }

    private String oauth(String keyFile, String keyId, String dpop) {
        return "auth:\n  client_id: " + CLIENT + "\n  key_id: " + keyId + "\n  private_key_file: ./" + keyFile + "\n  dpop: " + dpop + "\n";
    }

    private void registerApp(boolean dpop, Set<String> scopes) {
        okta.registerServiceApp(ServiceApp.builder(CLIENT).key(key.keyId(), key.publicKey()).grant(scopes).requireDpop(dpop).build());
    }

    private static final Set<String> ALL_SCOPES = Set.of("okta.users.read", "okta.groups.read", "okta.apps.read", "okta.logs.read",
            "okta.roles.read", "okta.apiTokens.read");

    /** Runs the CLI, keeps everything it printed and wrote, and returns its exit code. */
    private int cli(String scenario, Map<String, String> env, String... args) throws IOException {
        scenarios++;
        Cli.Result r = Cli.run(env, args);
        last = scenario + ":\n" + r.out() + r.err();
        seen.append("\n### ").append(scenario).append(" exit ").append(r.exitCode()).append('\n').append(r.out()).append(r.err());
        Path config = Path.of(args[args.length - 1]);
        try (Stream<Path> files = Files.walk(config.getParent())) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().matches("key\\..*|.*\\.pem"))   // the key files themselves
                    .collect(Collectors.toList())) {
                seen.append("\n## file ").append(f.getFileName()).append('\n')
                        .append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return r.exitCode();
    }

    @Test
    void apiTokenScenarios() throws Exception {
        Map<String, String> env = Map.of("OKTA_API_KEY", token);
        assertThat(cli("run --once", env, "run", "--once", "--config", config("ok", apiKey(), "").toString())).as("%s", last).isZero();
        assertThat(cli("check", env, "check", "--config", config("check", apiKey(), "").toString())).as("%s", last).isZero();
        String wrong = uniqueToken();
        assertThat(cli("bad token", Map.of("OKTA_API_KEY", wrong), "run", "--once", "--config", config("bad", apiKey(), "").toString())).as("%s", last)
                .isEqualTo(2);
        assertThat(cli("check, bad token", Map.of("OKTA_API_KEY", wrong), "check", "--config", config("badcheck", apiKey(), "").toString())).as("%s", last)
                .isEqualTo(2);
        okta.denyPermission("/api/v1/groups");
        assertThat(cli("403", env, "run", "--once", "--config", config("denied", apiKey(), "").toString())).as("%s", last).isEqualTo(2);
        okta.allowPermission("/api/v1/groups");
        okta.faultEvery(1, Fault.status(503).onlyFor("/api/v1/users"));
        assertThat(cli("server down", env, "run", "--once", "--config", config("down", apiKey(), "http: { max_attempts: 1 }\n").toString())).as("%s", last)
                .isEqualTo(1);
        okta.clearFaults();
        // a token that is also written where a problem would quote it
        assertThat(cli("token in the wrong fields", env, "run", "--once", "--config", config("misplaced",
                apiKey().replace("api_key: ${OKTA_API_KEY}", "api_key: ${OKTA_API_KEY}\n  dpop: ${OKTA_API_KEY}"),
                "time_zone: ${OKTA_API_KEY}\n").toString())).as("%s", last).isEqualTo(2);

        assertNoSecret(List.of(token, wrong));
        assertThat(seen).contains("E0000011").contains("E0000006").contains("E0000009");
    }

    @Test
    void serviceAppScenarios() throws Exception {
        Map<String, String> env = Map.of();
        registerApp(true, ALL_SCOPES);
        okta.requireDpopNonceOnResources(true);
        assertThat(cli("run --once, DPoP", env, "run", "--once", "--config", config("ok", oauth("key.pem", key.keyId(), "auto"), "").toString())).as("%s", last)
                .isZero();
        assertThat(cli("run --once, JWK key", env, "run", "--once", "--config", config("jwk", oauth("key.json", key.keyId(), "on"), "").toString())).as("%s", last)
                .isZero();
        assertThat(cli("check, DPoP", env, "check", "--config", config("check", oauth("key.pem", key.keyId(), "auto"), "").toString())).as("%s", last)
                .isZero();
        assertThat(cli("unknown key id", env, "run", "--once", "--config", config("kid", oauth("key.pem", "kid-unknown", "auto"), "").toString())).as("%s", last)
                .isEqualTo(2);
        assertThat(cli("check, unknown key id", env, "check", "--config", config("kidcheck", oauth("key.pem", "kid-unknown", "auto"), "").toString())).as("%s", last)
                .isEqualTo(2);
        assertThat(cli("invalid_dpop_proof (dpop off)", env, "run", "--once", "--config",
                config("dpopoff", oauth("key.pem", key.keyId(), "off"), "").toString())).as("%s", last).isEqualTo(2);
        Path damaged = config("damagedkey", oauth("bad.pem", key.keyId(), "auto"), "");
        Cli.write(damaged.getParent(), "bad.pem", key.pkcs8Pem().substring(0, 900));   // cut mid-key
        assertThat(cli("a private key file cut short", env, "run", "--once", "--config", damaged.toString())).as("%s", last).isEqualTo(2);
        Path pathInEnv = config("keyfromenv", oauth("key.pem", key.keyId(), "auto").replace("./key.pem", "${OKTA_PRIVATE_KEY_FILE}"), "");
        assertThat(cli("a key file path from the environment, missing", Map.of("OKTA_PRIVATE_KEY_FILE", "/nonexistent/okta-key.pem"),
                "run", "--once", "--config", pathInEnv.toString())).as("%s", last).isEqualTo(2);
        assertThat(last).as("a path is not a secret: the message names it").contains("/nonexistent/okta-key.pem");
        registerApp(true, new TreeSet<>(Set.of("okta.users.read", "okta.logs.read", "okta.apps.read", "okta.roles.read", "okta.apiTokens.read")));
        assertThat(cli("403 missing scope", env, "run", "--once", "--config", config("scope", oauth("key.pem", key.keyId(), "auto"), "").toString())).as("%s", last)
                .isEqualTo(2);
        registerApp(true, ALL_SCOPES);
        okta.faultEvery(1, Fault.status(500).onlyFor("/oauth2/v1/token"));
        assertThat(cli("token endpoint 500", env, "run", "--once", "--config",
                config("token500", oauth("key.pem", key.keyId(), "auto"), "http: { max_attempts: 1 }\n").toString())).as("%s", last).isEqualTo(1);
        okta.clearFaults();
        okta.faultEvery(1, Fault.truncateUndelimitedBody().onlyFor("/oauth2/v1/token"));
        assertThat(cli("token answers cut short", env, "run", "--once", "--config",
                config("tokencut", oauth("key.pem", key.keyId(), "auto"), "http: { max_attempts: 1 }\n").toString())).as("%s", last).isNotZero();
        okta.clearFaults();

        // 401 on resource calls (revoked access tokens) in the middle of a run, through the runner's own wiring
        Path revoked = config("revoked", oauth("key.pem", key.keyId(), "auto"), "");
        RunnerConfig cfg = new ConfigLoader(env).load(revoked);
        int tokensBefore = okta.issuedTokens().size();
        seen.append("\n### config ").append(cfg).append('\n').append(Runner.credentials(cfg));
        AtomicInteger writes = new AtomicInteger();
        List<OktaRecord> written = Collections.synchronizedList(new ArrayList<>());   // written from each input's own thread
        RecordSink revoking = records -> {
            written.addAll(records);
            if (writes.incrementAndGet() == 5) {
                okta.revokeAccessTokens();   // once, mid-run: every call in flight or later gets 401 and re-authenticates once
            }
        };
        try (OktaClient client = Runner.client(cfg, clock, Sleeper.SYSTEM);
             Pipeline pipeline = Runner.pipeline(cfg, client, revoking, new Pipeline.Listener() { }, clock, Sleeper.SYSTEM)) {
            seen.append(client);
            for (Pipeline.RunResult r : pipeline.runOnce()) {
                seen.append('\n').append(r);
                assertThat(r.failure()).as(r.input()).isNull();
            }
        }
        assertThat(written).isNotEmpty();
        assertThat(writes).hasValueGreaterThan(5);
        assertThat(okta.issuedTokens().size() - tokensBefore).as("a new token after the revocation").isGreaterThanOrEqualTo(2);
        assertThat(okta.requests()).anySatisfy(r -> assertThat(r.path()).startsWith("/api/"))
                .filteredOn(r -> r.path().startsWith("/api/")).allSatisfy(r -> assertThat(r.authScheme()).as("%s", last).isEqualTo("DPoP"));

        List<String> secrets = new ArrayList<>();
        for (String pem : List.of(key.pkcs8Pem(), key.pkcs1Pem())) {
            pem.lines().filter(l -> !l.startsWith("-----") && l.length() >= 24).forEach(l -> secrets.add(l.substring(2, 22)));
        }
        for (String member : List.of("d", "p", "q", "dp", "dq", "qi")) {
            secrets.add(key.jwk().replaceAll(".*\"" + member + "\":\"([^\"]{20})[^\"]*\".*", "$1"));
        }
        assertThat(okta.issuedTokens()).hasSizeGreaterThan(5);
        for (IssuedToken t : okta.issuedTokens()) {
            secrets.add(t.value());
            secrets.add(t.value().substring(t.value().lastIndexOf('.') + 1));
        }
        assertNoSecret(secrets);
        assertThat(seen).contains("Okta does not know key_id 'kid-unknown'").contains("requires DPoP")
                .contains("okta.groups.read");
    }

    private void assertNoSecret(List<String> secrets) {
        String logged = slf4j.toString(StandardCharsets.UTF_8);
        // the verbose log really was captured: HTTP lines at DEBUG, headers (redacted) at TRACE
        assertThat(logged).contains("dev.oktainputs.http - <-- 200 GET /api/v1/users").contains("headers: {");
        String all = seen + "\n" + logged;
        assertThat(scenarios).isGreaterThanOrEqualTo(6);
        for (String secret : secrets) {
            assertThat(all).as("a secret leaked").doesNotContain(secret);
        }
        assertThat(all).doesNotContainPattern("eyJ[A-Za-z0-9_-]{8,}\\.eyJ")          // no JWT: assertion, proof or token
                .doesNotContainPattern("(Bearer|DPoP|SSWS) [A-Za-z0-9._~+/-]{12,}")
                .doesNotContainPattern("\"(d|p|q|dp|dq|qi)\" *: *\"[A-Za-z0-9_-]{20,}")
                .doesNotContainPattern("-----BEGIN [A-Z ]+-----\\s*[A-Za-z0-9+/]{16,}");   // naming the format is fine, not a key
    }
}
