package dev.oktainputs.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.api.RecordSink;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.auth.ConnectionSettings;
import dev.oktainputs.core.auth.DpopMode;
import dev.oktainputs.core.auth.ServiceAppCredentials;
import dev.oktainputs.core.check.ConnectionCheck;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.error.OktaException;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.core.state.InMemoryIdSetStore;
import dev.oktainputs.testkit.FakeOkta;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.IssuedToken;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.ServiceApp;
import dev.oktainputs.testkit.TestKeyPair;
import dev.oktainputs.testkit.VirtualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Neither the private key, nor a client assertion or DPoP proof, nor an access token reaches the HTTP log, the
 * SLF4J output (DEBUG, headers at TRACE), an exception's message or stack trace, or a toString().
 */
@FakeOkta(users = 120, seed = 4)
class SecretHygieneTest {

    static final String CLIENT = ServiceAppAuthTest.CLIENT;
    static final TestKeyPair KEY = ServiceAppAuthTest.KEY;

    @Test
    void noKeyAssertionProofOrTokenAppearsInAnyOutput(FakeOktaServer okta, VirtualClock clock, RecordingSink sink)
            throws Exception {
        List<String> out = new CopyOnWriteArrayList<>();
        PrintStream stderr = System.err;
        ByteArrayOutputStream slf4j = new ByteArrayOutputStream();
        System.setErr(new PrintStream(slf4j, true, StandardCharsets.UTF_8));   // slf4j-simple writes to System.err
        try {
            okta.registerServiceApp(ServiceApp.builder(CLIENT).key("kid-1", KEY.publicKey()).grant("okta.users.read")
                    .requireDpop(true).build());
            okta.requireDpopNonceOnResources(true);
            ServiceAppCredentials credentials = ServiceAppCredentials.builder().clientId(CLIENT).privateKey(Secret.of(KEY.jwk()))
                    .scopes(Set.of("okta.users.read")).build();
            AtomicInteger pages = new AtomicInteger();
            RecordSink revoking = records -> {
                sink.write(records);
                if (pages.incrementAndGet() == 1) {
                    okta.revokeAccessTokens();   // exercise the 401 path too
                }
            };
            try (OktaClient client = okta.clientBuilder(credentials).build()) {
                UsersInput users = new UsersInput();
                InputRunner.runOnce(users, new InputContext(client, InputOptions.parse("users", users.options(),
                        Map.of("page_size", 50, "batch_max_records", 0)), new InMemoryIdSetStore()), revoking, new InMemoryCheckpointStore());
                out.add(credentials.toString());
                out.add(client.toString());
            }
            for (ServiceAppCredentials.Builder bad : List.of(
                    ServiceAppCredentials.builder().clientId(CLIENT).keyId("kid-9").privateKey(Secret.of(KEY.pkcs1Pem()))
                            .scopes(Set.of("okta.users.read")).dpop(DpopMode.ON),
                    ServiceAppCredentials.builder().clientId(CLIENT).keyId("kid-1").privateKey(Secret.of(KEY.pkcs8Pem()))
                            .scopes(Set.of("okta.users.read")).dpop(DpopMode.OFF),
                    ServiceAppCredentials.builder().clientId(CLIENT).keyId("kid-1")
                            .privateKey(Secret.of(KEY.pkcs8Pem().replace("\n", "\\n").substring(0, 900)))
                            .scopes(Set.of("okta.users.read")))) {
                try (OktaClient client = okta.clientBuilder(bad.build()).httpLog(out::add).build()) {
                    client.probe("/api/v1/users?limit=1", "okta.users.read");
                } catch (OktaException e) {
                    out.add(stackTrace(e));
                }
            }
            ConnectionSettings settings = ConnectionSettings.builder().orgUrl(okta.orgUrl()).clientId(CLIENT)
                    .privateKey(Secret.of(KEY.jwk())).build();
            out.add(settings.toString());
            out.add(ConnectionCheck.of(settings).client(b -> b.time(clock, clock).httpLog(out::add))
                    .input(new UsersInput(), Map.of()).run().toString());
        } finally {
            System.setErr(stderr);
            stderr.print(slf4j.toString(StandardCharsets.UTF_8));   // keep it in the surefire output, which CI greps too
        }
        String logged = slf4j.toString(StandardCharsets.UTF_8);
        String all = String.join("\n", out) + "\n" + logged;

        assertThat(logged).contains("dev.oktainputs.http - <-- 200 POST /oauth2/v1/token")
                .contains("headers: {Accept: application/json}");   // DEBUG and TRACE output was captured
        assertThat(all).contains("Okta does not know key_id 'kid-9'",
                "This service app requires DPoP.", "private_key: is not", "check OK");
        for (String secret : secrets(okta)) {
            assertThat(all).doesNotContain(secret);
        }
        assertThat(all).doesNotContainPattern("eyJ[A-Za-z0-9_-]{8,}\\.eyJ");   // no JWT: assertion, proof or token
        assertThat(all).doesNotContainPattern("(Bearer|DPoP) [A-Za-z0-9._~+/-]{20,}");
    }

    private static List<String> secrets(FakeOktaServer okta) {
        List<String> secrets = new ArrayList<>();
        for (String pem : List.of(KEY.pkcs8Pem(), KEY.pkcs1Pem())) {
            for (String line : pem.split("\n")) {
                if (!line.startsWith("-----")) {
                    secrets.add(line.length() > 24 ? line.substring(4, 24) : line);
                }
            }
        }
        for (String member : List.of("d", "p", "q", "dp", "dq", "qi")) {
            secrets.add(KEY.jwk().replaceAll(".*\"" + member + "\":\"([^\"]{20})[^\"]*\".*", "$1"));
        }
        assertThat(okta.issuedTokens()).hasSizeGreaterThanOrEqualTo(3);
        okta.issuedTokens().stream().map(IssuedToken::value).forEach(v -> {
            secrets.add(v);
            secrets.add(v.substring(v.lastIndexOf('.') + 1));
        });
        return secrets;
    }

    private static String stackTrace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return e + "\n" + w;
    }
}
