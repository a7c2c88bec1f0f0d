package dev.oktainputs.bench;

import com.okta.sdk.authc.credentials.TokenClientCredentials;
import com.okta.sdk.client.ClientBuilder;
import com.okta.sdk.client.Clients;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.common.PagedList;
import com.okta.sdk.resource.model.User;
import java.nio.file.Path;
import java.util.List;

/**
 * A full users sync with okta-sdk-java as its documentation shows it: {@code UserApi.listUsers} page by page (200 per
 * page, the pager's {@code after} cursor taken from the {@code Link: rel="next"} header), SSWS token. It asks for the
 * same listing as okta-inputs' full pass ({@code filter=lastUpdated gt "1970-…"}, which includes DEPROVISIONED users),
 * so both sides write the same users.
 */
final class SdkUsersSync {

    static final String FILTER = "lastUpdated gt \"1970-01-01T00:00:00.000Z\"";

    private SdkUsersSync() {
    }

    /** @return the lines written */
    static long run(String orgUrl, String token, Path out) throws Exception {
        ApiClient client = client(orgUrl, token);
        UserApi users = new UserApi(client);
        try (SdkJsonLines sink = new SdkJsonLines(out, client.getObjectMapper())) {
            String after = null;
            do {
                List<User> page = users.listUsers(null, null, after, 200, FILTER, null, null, null);
                for (User u : page) {
                    sink.add("users", u.getId(), u.getLastUpdated(), u);
                }
                sink.endPage();
                after = nextAfter(page);
            } while (after != null);
            return sink.lines();
        }
    }

    /** An SDK client for a loopback fake org: plain http is refused unless the SDK's testing switch is on. */
    static ApiClient client(String orgUrl, String token) {
        System.setProperty(ClientBuilder.DEFAULT_CLIENT_TESTING_DISABLE_HTTPS_CHECK_PROPERTY_NAME, "true");
        return Clients.builder().setOrgUrl(orgUrl).setClientCredentials(new TokenClientCredentials(token)).build();
    }

    /** @return the {@code after} cursor of the page's next link, or null on the last page */
    static String nextAfter(List<?> page) {
        if (page instanceof PagedList<?> paged && paged.hasMoreItems()) {
            return paged.getAfter();
        }
        return null;
    }
}
