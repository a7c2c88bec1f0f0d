import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktainputs.api.OktaRecord;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.InputRunner;
import dev.oktainputs.core.Inputs;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.state.InMemoryCheckpointStore;
import dev.oktainputs.testkit.FakeOkta;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.RecordingSink;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

/** This project's OkHttp 4.12, MockWebServer 4 and Jackson 2.15 next to okta-inputs' shaded OkHttp 5 and Jackson. */
@FakeOkta(users = 300, seed = 11)
class NeighboursTest {

    @Test
    void theProjectSeesItsOwnOkHttpAndJacksonVersions() throws Exception {
        assertThat(okhttp3.OkHttp.VERSION).isEqualTo("4.12.0");
        assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString()).isEqualTo("2.15.4");
        assertThat(com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString()).isEqualTo("2.15.4");
        assertThat(Class.forName("dev.oktainputs.shaded.okhttp3.OkHttpClient").getProtectionDomain().getCodeSource()
                .getLocation().getPath()).contains("okta-inputs-shaded");
    }

    @Test
    void okHttp4sMockWebServerAndTheFakeOktaServerWorkSideBySide(FakeOktaServer okta, FakeOrg org, RecordingSink sink)
            throws Exception {
        try (MockWebServer theirs = new MockWebServer()) {
            theirs.enqueue(new MockResponse().setBody("{\"hello\":\"okhttp4\"}"));
            theirs.start();
            try (Response r = new OkHttpClient().newCall(new Request.Builder().url(theirs.url("/")).build()).execute()) {
                assertThat(new ObjectMapper().readTree(r.body().string()).get("hello").asText()).isEqualTo("okhttp4");
            }
            try (OktaClient client = okta.clientBuilder().build()) {
                OktaInput users = Inputs.byName("users");
                InputRunner.runOnce(users, InputContext.withDefaults(client, users), sink, new InMemoryCheckpointStore());
            }
        }
        assertThat(sink.keys("users")).doesNotHaveDuplicates().hasSize(org.userCount());
        OktaRecord first = sink.records("users").get(0);
        JsonNode user = new ObjectMapper().readTree(first.jsonString());          // the project's own Jackson 2.15
        assertThat(user.get("id").asText()).isEqualTo(first.key());
    }
}
