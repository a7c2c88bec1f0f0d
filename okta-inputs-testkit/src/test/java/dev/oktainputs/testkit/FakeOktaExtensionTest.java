package dev.oktainputs.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@FakeOkta(users = 50, seed = 7, start = "2024-05-01T12:00:00Z")
class FakeOktaExtensionTest {

    private static final List<FakeOktaServer> SERVERS = new CopyOnWriteArrayList<>();

    private final FakeOrg constructorOrg;

    FakeOktaExtensionTest(FakeOrg org) {
        this.constructorOrg = org;
    }

    @Test
    void injectsOneFixturePerTestIntoConstructorAndMethod(FakeOktaServer server, FakeOrg org, VirtualClock clock,
                                                           RecordingSink sink) throws IOException {
        SERVERS.add(server);
        assertThat(org).isSameAs(constructorOrg).isSameAs(server.org());
        assertThat(org.clock()).isSameAs(clock).isSameAs(server.clock());
        assertThat(clock.instant()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(org.userCount()).isEqualTo(50);
        assertThat(sink.records()).isEmpty();
        assertThat(new Http(server).get("/api/v1/users").status()).isEqualTo(200);
    }

    @Test
    void eachTestGetsAFreshOrg(FakeOktaServer server, FakeOrg org, VirtualClock clock) {
        SERVERS.add(server);
        assertThat(org.userCount()).isEqualTo(50);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        org.deleteUser(org.users().get(0).id());
        clock.advance(Duration.ofHours(1));
    }

    @Test
    void eachTestGetsAFreshOrgToo(FakeOktaServer server, FakeOrg org, VirtualClock clock) {
        eachTestGetsAFreshOrg(server, org, clock);
    }

    @Test
    @FakeOkta(users = 3, seed = 1)
    void methodAnnotationOverridesTheClasses(FakeOrg org) {
        assertThat(org.userCount()).isEqualTo(3);
    }

    @AfterAll
    static void serversAreClosedAfterEachTest() {
        assertThat(SERVERS).hasSize(3);
        for (FakeOktaServer server : SERVERS) {
            assertThatThrownBy(() -> new Http(server).get("/api/v1/users")).isInstanceOf(IOException.class);
        }
    }

    @Nested
    class NestedTests {
        @Test
        void seeTheEnclosingClassesSettings(FakeOrg org) {
            assertThat(org.userCount()).isEqualTo(50);
        }
    }
}

class FakeOktaExtensionProgrammaticTest {

    @RegisterExtension
    static final FakeOktaExtension OKTA = FakeOktaExtension.builder().users(10).seed(3).apiToken("00token")
            .start(Instant.parse("2030-01-01T00:00:00Z"))
            .server(s -> s.rateLimit("/api/v1/users", 1).configure(x -> x.linkStyle(LinkStyle.COMMA_JOINED)))
            .build();

    @Test
    void appliesTheBuilderSettings(FakeOktaServer server, FakeOrg org, VirtualClock clock) throws IOException {
        assertThat(org.userCount()).isEqualTo(10);
        assertThat(server.apiToken()).isEqualTo("00token");
        assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        Http http = new Http(server);
        assertThat(http.get("/api/v1/users").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/users").status()).isEqualTo(429);
    }
}
