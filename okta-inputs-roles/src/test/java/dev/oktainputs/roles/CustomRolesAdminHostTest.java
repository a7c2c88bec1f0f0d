package dev.oktainputs.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.error.OktaProtocolException;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.core.state.InMemoryIdSetStore;
import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordedOktaRequest;
import dev.oktainputs.testkit.RecordingSink;
import dev.oktainputs.testkit.VirtualClock;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * Okta writes the links of {@code /api/v1/iam/roles} on the org's admin host ({@code acme-admin.okta.com} for
 * {@code acme.okta.com}); the fake does the same when it serves an Okta host name over TLS.
 */
class CustomRolesAdminHostTest {

    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryIdSetStore idSets = new InMemoryIdSetStore();
    private final OktaInput input = new CustomRolesInput();
    private final VirtualClock clock = VirtualClock.startingAt("2025-01-01T00:00:00Z");

    private FakeOktaServer server() {
        FakeOrg org = FakeOrg.builder().clock(clock).users(50).seed(7).directory(DirectoryShape.of(5, 2, 0, 0).withCustomRoles(45)).build();
        return FakeOktaServer.builder(org).oktaHost("acme.okta.com").start();
    }

    private InputRunner.Result run(FakeOktaServer okta, RecordingSink sink) throws Exception {
        try (OktaClient client = okta.clientBuilder().build()) {
            InputContext context = new InputContext(client, InputOptions.parse(input.name(), input.options(), Map.of()), idSets);
            return InputRunner.runOnce(input, context, sink, checkpoints);
        }
    }

    @Test
    void theFakeLinksCustomRolesOnTheAdminHostAsOktaDoes() throws Exception {
        try (FakeOktaServer okta = server()) {
            OkHttpClient http = okta.httpClient();
            Request request = new Request.Builder().url(okta.orgUrl() + "/api/v1/iam/roles")
                    .header("Authorization", "SSWS " + okta.apiToken()).build();
            try (Response response = http.newCall(request).execute()) {
                assertThat(response.code()).isEqualTo(200);
                String port = okta.orgUrl().substring(okta.orgUrl().lastIndexOf(':'));
                assertThat(response.body().string())
                        .contains("\"next\":{\"href\":\"https://acme-admin.okta.com" + port + "/api/v1/iam/roles?after=");
            }
        }
    }

    @Test
    void nextLinksOnTheAdminHostAreFollowedOnTheOrgOrigin() throws Exception {
        try (FakeOktaServer okta = server()) {
            RecordingSink sink = new RecordingSink();
            InputRunner.Result result = run(okta, sink);

            assertThat(sink.keys("custom_roles")).hasSize(45).doesNotHaveDuplicates();
            assertThat(result.batches()).isEqualTo(1); // pages of 20, 20, 5: one batch (batch_max_records 1000)
            String host = okta.orgUrl().substring("https://".length());
            assertThat(okta.requests()).hasSize(3).allSatisfy(r -> {
                assertThat(r.header("Host")).isEqualTo(host); // never the admin host: credentials stay on the org
                assertThat(r.authScheme()).isEqualTo("SSWS");
            });
            assertThat(okta.requests().get(1).queryParameter("after")).isNotNull();
        }
    }

    @Test
    void aNextLinkOnAnotherOriginFailsTheRunAfterWritingItsPage() throws Exception {
        try (FakeOktaServer okta = server()) {
            okta.linkOrigin("https://acme.evil.example:8443");
            RecordingSink sink = new RecordingSink();

            assertThatThrownBy(() -> run(okta, sink))
                    .isInstanceOf(OktaProtocolException.class)
                    .hasMessageContaining("another origin (https://acme.evil.example:8443)")
                    .hasMessageContaining("than the org " + okta.orgUrl())
                    .hasMessageContaining("Fix:")
                    .hasMessageNotContaining(okta.apiToken());
            assertThat(sink.keys("custom_roles")).hasSize(20); // the page read is written
            Checkpoint saved = checkpoints.load(OrgUrl.parse(okta.orgUrl()).toString(), "custom_roles").orElseThrow();
            assertThat(saved.getString("next")).isEqualTo("/api/v1/iam/roles"); // resumes by re-reading it, skips nothing
            assertThat(okta.requests()).extracting(RecordedOktaRequest::path).containsExactly("/api/v1/iam/roles");

            okta.linkOrigin(null); // Okta's own links again: the next run resumes from that page and completes
            RecordingSink again = new RecordingSink();
            run(okta, again);
            assertThat(again.keys("custom_roles")).hasSize(45);
        }
    }
}
