package dev.oktainputs.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.api.RecordSink;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.Secret;
import dev.oktainputs.core.auth.DpopMode;
import dev.oktainputs.core.auth.ServiceAppCredentials;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.error.OktaAuthenticationException;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.core.state.InMemoryIdSetStore;
import dev.oktainputs.testkit.FakeOkta;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakeUser;
import dev.oktainputs.testkit.Fault;
import dev.oktainputs.testkit.IssuedToken;
import dev.oktainputs.testkit.RecordedOktaRequest;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.RequestAuthenticator;
import dev.oktainputs.testkit.ServiceApp;
import dev.oktainputs.testkit.TestKeyPair;
import dev.oktainputs.testkit.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The users input end to end with an OAuth service app against the fake org authorization server. */
@FakeOkta(users = 450, seed = 21)
class ServiceAppAuthTest {

    static final String CLIENT = "0oa1usersreaderapp";
    static final TestKeyPair KEY = TestKeyPair.rsa(2048, "kid-1");

    /** The private-key formats people configure. */
    enum KeyFormat {
        PKCS8(TestKeyPair::pkcs8Pem), PKCS1(TestKeyPair::pkcs1Pem), JWK(TestKeyPair::jwk);

        final Function<TestKeyPair, String> render;

        KeyFormat(Function<TestKeyPair, String> render) {
            this.render = render;
        }
    }

    private final UsersInput input = new UsersInput();
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryIdSetStore idSets = new InMemoryIdSetStore();
    private final List<String> httpLog = new CopyOnWriteArrayList<>();

    static ServiceApp app(boolean dpopRequired) {
        return ServiceApp.builder(CLIENT).key("kid-1", KEY.publicKey()).grant("okta.users.read").requireDpop(dpopRequired).build();
    }

    static ServiceAppCredentials credentials(String privateKey, String keyId, DpopMode mode) {
        return ServiceAppCredentials.builder().clientId(CLIENT).keyId(keyId).privateKey(Secret.of(privateKey))
                .scopes(Set.of("okta.users.read")).dpop(mode).build();
    }

    private OktaClient client(FakeOktaServer okta, ServiceAppCredentials credentials) {
        return builder(okta, credentials).build();
    }

    private OktaClient.Builder builder(FakeOktaServer okta, ServiceAppCredentials credentials) {
        return okta.clientBuilder(credentials).random(() -> 0.5).httpLog(httpLog::add);
    }

    private InputRunner.Result run(OktaClient client, RecordSink sink) throws Exception {
        InputContext context = new InputContext(client, InputOptions.parse("users", input.options(),
                Map.of("page_size", 50, "batch_max_records", 0)), // a batch per page: mid-run = between pages
               
                idSets);
        return InputRunner.runOnce(input, context, sink, checkpoints);
    }

    private static Set<String> ids(FakeOrg org) {
        return org.users().stream().map(FakeUser::id).collect(Collectors.toSet());
    }

    private static List<RecordedOktaRequest> tokenRequests(FakeOktaServer okta) {
        return okta.requests().stream().filter(r -> r.path().equals("/oauth2/v1/token")).toList();
    }

    private static List<RecordedOktaRequest> userRequests(FakeOktaServer okta) {
        return okta.requests().stream().filter(r -> r.path().equals("/api/v1/users")).toList();
    }

    @ParameterizedTest
    @EnumSource(KeyFormat.class)
    void readsEveryUserWithABearerTokenWhenTheAppHasDpopOff(KeyFormat format, FakeOktaServer okta, FakeOrg org, RecordingSink sink) throws Exception {
        okta.registerServiceApp(app(false));
        String jwkKeyId = format == KeyFormat.JWK ? null : "kid-1";   // a JWK brings its own kid
        try (OktaClient client = client(okta, credentials(format.render.apply(KEY), jwkKeyId, DpopMode.AUTO))) {
            InputRunner.Result result = run(client, sink);
            assertThat(result.records()).isEqualTo(org.userCount());
        }
        assertThat(sink.keys("users")).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(org));
        List<RecordedOktaRequest> tokens = tokenRequests(okta);
        assertThat(tokens).hasSize(1);
        RecordedOktaRequest token = tokens.get(0);
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.header("DPoP")).isNull();
        assertThat(token.body()).contains("grant_type=client_credentials", "scope=okta.users.read",
                "client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer",
                "client_assertion=[hidden]");
        assertThat(userRequests(okta)).hasSize(9).allSatisfy(r -> assertThat(r.authScheme()).isEqualTo("Bearer"));
        IssuedToken issued = okta.issuedTokens().get(0);
        assertThat(issued.dpop()).isFalse();
        assertThat(issued.scopes()).containsExactly("okta.users.read");
    }

    @ParameterizedTest
    @EnumSource(KeyFormat.class)
    void completesTheDpopHandshakeWhenTheAppRequiresItInAutoMode(KeyFormat format, FakeOktaServer okta, FakeOrg org, RecordingSink sink) throws Exception {
        okta.registerServiceApp(app(true));
        try (OktaClient client = client(okta, credentials(format.render.apply(KEY), "kid-1", DpopMode.AUTO))) {
            run(client, sink);
        }
        assertThat(sink.keys("users")).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(org));
        List<RecordedOktaRequest> tokens = tokenRequests(okta);
        // 1: no proof -> invalid_dpop_proof; 2: proof without nonce -> use_dpop_nonce; 3: proof with the nonce -> token
        assertThat(tokens).hasSize(3);
        assertThat(tokens.get(0).header("DPoP")).isNull();
        assertThat(tokens.get(1).header("DPoP")).isEqualTo("[hidden]");
        assertThat(tokens.get(2).header("DPoP")).isEqualTo("[hidden]");
        assertThat(okta.issuedTokens()).hasSize(1).allSatisfy(t -> assertThat(t.dpop()).isTrue());
        assertThat(userRequests(okta)).hasSize(9).allSatisfy(r -> {
            assertThat(r.authScheme()).isEqualTo("DPoP");
            assertThat(r.header("DPoP")).isEqualTo("[hidden]");
        });
    }

    @Test
    void oneTokenServesAWholeMultiPageRunAndTheNextRun(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                       RecordingSink sink) throws Exception {
        okta.registerServiceApp(app(false));
        try (OktaClient client = client(okta, credentials(KEY.pkcs8Pem(), "kid-1", DpopMode.OFF))) {
            run(client, sink);
            clock.advance(Duration.ofMinutes(30));
            org.updateUsers(20);
            run(client, sink);
        }
        assertThat(userRequests(okta)).hasSize(10);
        assertThat(tokenRequests(okta)).hasSize(1);
    }

    @Test
    void aTokenExpiringMidRunIsReplacedWithoutA401OrALostPage(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                                        RecordingSink sink) throws Exception {
        okta.registerServiceApp(app(true));
        okta.accessTokenLifetime(Duration.ofMinutes(10));
        AtomicInteger pages = new AtomicInteger();
        RecordSink slowSink = records -> {
            sink.write(records);
            clock.advance(Duration.ofMinutes(4));   // a slow sink: the 10-minute token runs out mid-run
            pages.incrementAndGet();
        };
        // Prefetch off: this sink moves the virtual clock 4 minutes in one step. A page prefetched while it does so would
        // leave with a live token and arrive with an expired one, which real time (a refresh margin of a minute against
        // milliseconds in flight) never does; that race made this test flaky.
        try (OktaClient client = builder(okta, credentials(KEY.jwk(), null, DpopMode.AUTO)).prefetchPages(false).build()) {
            run(client, slowSink);
        }
        assertThat(pages.get()).isEqualTo(9);
        assertThat(sink.keys("users")).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(org));
        // pages at 0, 4, ..., 32 min; a token is replaced once less than a minute of it is left: at 12 and 24 min
        assertThat(okta.issuedTokens()).extracting(IssuedToken::issuedAt)
                .containsExactly(clock.instant().minus(Duration.ofMinutes(36)), clock.instant().minus(Duration.ofMinutes(24)),
                        clock.instant().minus(Duration.ofMinutes(12)));
        assertThat(userRequests(okta)).hasSize(9);   // every page once: never sent with an expired token, never a 401
    }

    @Test
    void aTokenRevokedMidRunIsDroppedOnTheFirst401AndTheCallRetriedOnce(FakeOktaServer okta, FakeOrg org,
                                                                       RecordingSink sink) throws Exception {
        okta.registerServiceApp(app(false));
        AtomicInteger pages = new AtomicInteger();
        RecordSink revoking = records -> {
            sink.write(records);
            if (pages.incrementAndGet() == 3) {
                okta.revokeAccessTokens();
            }
        };
        try (OktaClient client = client(okta, credentials(KEY.pkcs1Pem(), "kid-1", DpopMode.AUTO))) {
            run(client, revoking);
        }
        assertThat(sink.keys("users")).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(org));
        assertThat(tokenRequests(okta)).hasSize(2);
        assertThat(userRequests(okta)).hasSize(10);   // the 4th page twice: 401, then with the new token
    }

    @Test
    void aTokenRevokedWhileANonceChallengeIsAnsweredGetsARetryOfItsOwn(FakeOktaServer okta, FakeOrg org,
                                                                       RecordingSink sink) throws Exception {
        okta.registerServiceApp(app(true));
        okta.requireDpopNonceOnResources(true);
        // The first page meets the resource server's nonce challenge; the tokens are revoked before the call answers it, so
        // its retry meets 401 invalid_token: two causes, each worth one retry. (Seen in the runner's scenario test, where
        // the pipeline's revocation fell between an input's first request and its nonce retry: the input failed.)
        AtomicInteger revocations = new AtomicInteger();
        OkHttpClient revokingAfterTheNonceChallenge = new OkHttpClient.Builder().addNetworkInterceptor(chain -> {
            Response response = chain.proceed(chain.request());
            if (response.code() == 401 && response.header("DPoP-Nonce") != null && revocations.getAndIncrement() == 0) {
                okta.revokeAccessTokens();
            }
            return response;
        }).build();
        try (OktaClient client = builder(okta, credentials(KEY.pkcs8Pem(), "kid-1", DpopMode.AUTO))
                .okHttpClient(revokingAfterTheNonceChallenge).build()) {
            run(client, sink);
        }
        assertThat(revocations).hasValue(1);
        assertThat(sink.keys("users")).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(org));
        assertThat(okta.issuedTokens()).hasSize(2);
        // the first page three times (nonce challenge, revoked token, served), then once each
        assertThat(userRequests(okta)).hasSize(11);
    }

    @Test
    void aRepeated401ForTheSameCauseIsNotRetriedAgain(FakeOktaServer okta, RecordingSink sink) {
        okta.registerServiceApp(app(false));
        okta.authenticator("Bearer", r -> RequestAuthenticator.invalidToken());   // every token is refused
        try (OktaClient client = client(okta, credentials(KEY.pkcs8Pem(), "kid-1", DpopMode.OFF))) {
            assertThatThrownBy(() -> run(client, sink)).isInstanceOf(OktaAuthenticationException.class);
        }
        assertThat(userRequests(okta)).hasSize(2);   // one retry with a new token, not a second
        assertThat(tokenRequests(okta)).hasSize(2);
    }

    @Test
    void concurrentCallersWaitForOneTokenRequest(FakeOktaServer okta) throws Exception {
        okta.registerServiceApp(app(true));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (OktaClient client = client(okta, credentials(KEY.pkcs8Pem(), "kid-1", DpopMode.ON))) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return client.probe("/api/v1/users?limit=1", "okta.users.read");
                }));
            }
            start.countDown();
            for (Future<Integer> call : calls) {
                assertThat(call.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        // on: the first proof gets use_dpop_nonce, the second the token; the other seven callers waited for it
        assertThat(tokenRequests(okta)).hasSize(2);
        assertThat(okta.issuedTokens()).hasSize(1);
        assertThat(userRequests(okta)).hasSize(8);
    }

    @Test
    void aResourceServerNonceChallengeIsAnsweredAndRemembered(FakeOktaServer okta, FakeOrg org,
                                                             RecordingSink sink) throws Exception {
        okta.registerServiceApp(app(true));
        okta.requireDpopNonceOnResources(true);
        try (OktaClient client = client(okta, credentials(KEY.pkcs8Pem(), "kid-1", DpopMode.AUTO))) {
            run(client, sink);
        }
        assertThat(sink.keys("users")).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(org));
        assertThat(okta.issuedTokens()).hasSize(1);   // the token stayed valid; only the proof needed the nonce
        assertThat(userRequests(okta)).hasSize(10);   // the first page twice (401 use_dpop_nonce), then once each
    }

    @Test
    void onSendsProofsEvenToAnAppThatDoesNotRequireThemAndANewTokenNonceIsPickedUp(FakeOktaServer okta, FakeOrg org,
                                                                                    VirtualClock clock, RecordingSink sink)
            throws Exception {
        okta.registerServiceApp(app(false));
        okta.accessTokenLifetime(Duration.ofMinutes(5));
        try (OktaClient client = client(okta, credentials(KEY.pkcs8Pem(), "kid-1", DpopMode.ON))) {
            run(client, sink);
            okta.rotateDpopNonce();
            clock.advance(Duration.ofMinutes(10));
            run(client, sink);
        }
        assertThat(okta.issuedTokens()).hasSize(2).allSatisfy(t -> assertThat(t.dpop()).isTrue());
        // first token: nonce handshake (2 requests); second: the old nonce is refused once more (2 requests)
        assertThat(tokenRequests(okta)).hasSize(4).allSatisfy(r -> assertThat(r.header("DPoP")).isEqualTo("[hidden]"));
    }

    @Test
    void tokenRequestsAreRetriedOn5xxAndIoAndSignedAfreshForEachAttempt(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                                        RecordingSink sink) throws Exception {
        okta.registerServiceApp(app(false));
        okta.enqueueFault(Fault.status(503).onlyFor("/oauth2/v1/token"));
        // the server issues a token, then cuts the body: a retry that re-sent the same assertion (jti) or proof
        // would now be refused as a replay
        okta.enqueueFault(Fault.truncateBody().onlyFor("/oauth2/v1/token"));
        try (OktaClient client = client(okta, credentials(KEY.pkcs8Pem(), "kid-1", DpopMode.AUTO))) {
            run(client, sink);
        }
        assertThat(sink.keys("users")).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(org));
        // 503; a token issued but its body cut; a new assertion -> a token
        assertThat(tokenRequests(okta)).hasSize(3);
        assertThat(okta.issuedTokens()).hasSize(2);
        assertThat(clock.sleeps()).hasSize(2);
        assertThat(httpLog).filteredOn(l -> l.contains("POST /oauth2/v1/token")).allSatisfy(l ->
                assertThat(l).doesNotContain("client_assertion"));
    }

    @Test
    void tokenResponsesCutShortWithoutAnyLengthAreRequestedAgainNotFatal(FakeOktaServer okta, FakeOrg org,
                                                                         RecordingSink sink) throws Exception {
        okta.registerServiceApp(app(true));
        // DPoP auto: the first answer (invalid_dpop_proof) and the token itself both arrive cut short, with no
        // Content-Length, so HTTP sees no error; then a chunked body cut short (an I/O error, retried below)
        okta.enqueueFault(Fault.truncateUndelimitedBody().onlyFor("/oauth2/v1/token"));
        okta.enqueueFault(Fault.truncateUndelimitedBody().onlyFor("/oauth2/v1/token"));
        okta.enqueueFault(Fault.truncateChunkedBody().onlyFor("/oauth2/v1/token"));
        try (OktaClient client = client(okta, credentials(KEY.pkcs8Pem(), "kid-1", DpopMode.AUTO))) {
            run(client, sink);
        }
        assertThat(sink.keys("users")).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(org));
        assertThat(tokenRequests(okta)).hasSizeGreaterThanOrEqualTo(4);
        assertThat(okta.requests()).filteredOn(r -> r.path().startsWith("/api/")).allSatisfy(r ->
                assertThat(r.authScheme()).isEqualTo("DPoP"));
    }
}
