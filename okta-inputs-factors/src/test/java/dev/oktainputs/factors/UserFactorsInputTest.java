package dev.oktainputs.factors;

import static dev.oktainputs.testkit.InputHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.testkit.FakeOktaExtension;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakeUser;
import dev.oktainputs.testkit.InputHarness;
import dev.oktainputs.testkit.RecordedOktaRequest;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UserFactorsInputTest {

    @RegisterExtension
    static FakeOktaExtension okta = FakeOktaExtension.builder().users(2_000).seed(11).build();

    private final InputHarness harness = new InputHarness(new UserFactorsInput());

    /** The state the records build up, folded by key: key → status. */
    private static void fold(Map<String, String> state, RecordingSink sink) {
        for (OktaRecord r : sink.records(UserFactorsInput.NAME)) {
            if (r.op() == OktaRecord.Op.DELETE) {
                state.remove(r.key());
            } else {
                state.put(r.key(), json(sink, UserFactorsInput.NAME, r.key()).get("status").asText());
            }
        }
    }

    private static Map<String, String> truth(FakeOrg org) {
        Map<String, String> t = new TreeMap<>();
        for (String key : org.factors().keys()) {
            String user = key.substring(0, key.indexOf('/'));
            String factor = key.substring(key.indexOf('/') + 1);
            t.put(key, org.factors().active(user).containsKey(factor) ? "ACTIVE" : "SUSPENDED");
        }
        return t;
    }

    private static long factorRequests(List<RecordedOktaRequest> requests) {
        return requests.stream().filter(r -> r.path().endsWith("/factors")).count();
    }

    @Test
    void aOnePercentChangeCostsAboutOnePercentOfAFullPassAndEveryChangeArrives(FakeOktaServer okta, FakeOrg org,
                                                                             VirtualClock clock, RecordingSink sink)
            throws Exception {
        List<FakeUser> users = org.users();
        for (int i = 0; i < users.size(); i++) {
            org.factors().enroll(users.get(i).id(), "push", "OKTA");
            if (i % 2 == 0) {
                org.factors().enroll(users.get(i).id(), "signed_nonce", "OKTA");
            }
        }
        clock.advance(Duration.ofMinutes(5)); // the users were created and enrolled before the first run
        Map<String, String> state = new TreeMap<>();
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink);
            int fullPass = okta.takeRequests().size();
            assertThat(fullPass).isEqualTo(2_000 + 10); // 10 pages of 200 users, one factors request per user
            fold(state, sink);
            assertThat(state).isEqualTo(truth(org));

            // 1% of the users change their factors in four ways, a few more change their profile.
            clock.advance(Duration.ofMinutes(30));
            List<String> changed = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String u = users.get(i * 97).id();
                changed.add(u);
                switch (i % 4) {
                    case 0 -> org.factors().enroll(u, "webauthn", "FIDO");
                    case 1 -> org.factors().remove(u, org.factors().ids(u).get(0));
                    case 2 -> org.factors().resetAll(u);
                    default -> org.factors().setStatus(u, org.factors().ids(u).get(0), "SUSPENDED");
                }
            }
            for (int i = 0; i < 300; i++) { // other events: never read (the request filters on the factor event types)
                org.systemLog().append(i % 2 == 0 ? "user.session.start" : "user.authentication.sso", null, null);
            }
            clock.advance(Duration.ofMinutes(1));
            sink.clear();
            harness.run(client, sink);
            List<RecordedOktaRequest> incremental = okta.takeRequests();
            assertThat(factorRequests(incremental)).isEqualTo(20);
            assertThat(incremental.stream().filter(r -> r.path().endsWith("/factors")).map(r -> r.path().split("/")[4]))
                    .containsExactlyInAnyOrderElementsOf(changed);
            assertThat((double) incremental.size() / fullPass).isLessThanOrEqualTo(0.02);
            fold(state, sink);
            assertThat(state).isEqualTo(truth(org));
            assertThat(sink.records(UserFactorsInput.NAME)).extracting(r -> r.op().name())
                    .containsOnly("UPSERT", "DELETE");

            // The next run reads the log from where this one stopped: nothing changed, no user is read again.
            clock.advance(Duration.ofMinutes(30));
            sink.clear();
            harness.run(client, sink);
            assertThat(factorRequests(okta.takeRequests())).isZero();
            assertThat(sink.records(UserFactorsInput.NAME)).isEmpty();
        }
    }

    @Test
    void aDeletedUserNamedByTheLogLosesItsFactorsAndTheFullPassCatchesWhatTheLogDidNotSay(FakeOktaServer okta,
                                                                                           FakeOrg org, VirtualClock clock,
                                                                                           RecordingSink sink)
            throws Exception {
        List<FakeUser> users = org.users().subList(0, 3);
        for (FakeUser u : users) {
            org.factors().enroll(u.id(), "sms", "OKTA");
            org.factors().enroll(u.id(), "push", "OKTA");
        }
        clock.advance(Duration.ofMinutes(5));
        try (OktaClient client = okta.clientBuilder().build()) {
            Map<String, ?> options = Map.of("full_sync_every", 2);
            harness.run(client, sink, options);
            assertThat(sink.keys(UserFactorsInput.NAME)).hasSize(6);

            // Run 2 (incremental): user 0 is deleted and the log says so.
            clock.advance(Duration.ofMinutes(30));
            FakeUser gone = users.get(0);
            List<String> goneKeys = org.factors().ids(gone.id()).stream().map(f -> gone.id() + "/" + f).toList();
            org.systemLog().appendForUser("user.lifecycle.delete.completed", gone.id(), gone.login(), gone.firstName());
            org.deleteUser(gone.id());
            // User 1 is deleted too, but no event names it (as if the log had lost it).
            FakeUser silent = users.get(1);
            List<String> silentKeys = org.factors().ids(silent.id()).stream().map(f -> silent.id() + "/" + f).toList();
            org.deleteUser(silent.id());
            clock.advance(Duration.ofMinutes(1));
            sink.clear();
            harness.run(client, sink, options);
            assertThat(sink.records(UserFactorsInput.NAME)).extracting(r -> r.op() + " " + r.key())
                    .containsExactlyInAnyOrderElementsOf(goneKeys.stream().map(k -> "DELETE " + k).toList());

            // Run 3 is a full pass (full_sync_every 2: every other run): what the log missed is deleted now.
            clock.advance(Duration.ofMinutes(30));
            sink.clear();
            harness.run(client, sink, options);
            assertThat(sink.records(UserFactorsInput.NAME).stream().filter(r -> r.op() == OktaRecord.Op.DELETE)
                    .map(OktaRecord::key)).containsExactlyInAnyOrderElementsOf(silentKeys);
        }
    }

    @Test
    void aSystemLogThatRefusesTurnsTheRunIntoAFullPassInsteadOfFailingIt(FakeOktaServer okta, FakeOrg org, VirtualClock clock,
                                                                        RecordingSink sink) throws Exception {
        List<FakeUser> users = org.users().subList(0, 40);
        for (FakeUser u : users) {
            org.factors().enroll(u.id(), "push", "OKTA");
        }
        clock.advance(Duration.ofMinutes(5));
        Map<String, String> state = new TreeMap<>();
        try (OktaClient client = okta.clientBuilder().build()) {
            harness.run(client, sink);
            fold(state, sink);
            okta.takeRequests();

            // The log now answers 403 (a service app without okta.logs.read, an admin who may not read it).
            okta.faultEvery(1, dev.oktainputs.testkit.Fault.status(403).onlyFor("/api/v1/logs"));
            try {
                for (int run = 0; run < 2; run++) {
                    clock.advance(Duration.ofMinutes(30));
                    String u = users.get(run).id();
                    org.factors().enroll(u, "webauthn", "FIDO");
                    org.factors().remove(u, org.factors().ids(u).get(0));
                    clock.advance(Duration.ofMinutes(1));
                    sink.clear();
                    harness.run(client, sink); // does not throw
                    List<RecordedOktaRequest> requests = okta.takeRequests();
                    assertThat(requests).anyMatch(r -> r.path().equals("/api/v1/logs"));
                    assertThat(factorRequests(requests)).as("run %d reads every user's factors", run).isEqualTo(org.users().size());
                    fold(state, sink);
                    assertThat(state).isEqualTo(truth(org));
                }
            } finally {
                okta.clearFaults();
            }

            // Allowed again: the next run reads only what the log names.
            clock.advance(Duration.ofMinutes(30));
            org.factors().enroll(users.get(5).id(), "webauthn", "FIDO");
            clock.advance(Duration.ofMinutes(1));
            sink.clear();
            harness.run(client, sink);
            assertThat(factorRequests(okta.takeRequests())).isEqualTo(1);
            fold(state, sink);
            assertThat(state).isEqualTo(truth(org));
        }
    }
}
