package dev.oktainputs.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The governor's keys: one per endpoint template, so two of Okta's buckets never share one (rl-global-mgmt). */
class RateLimitBucketsTest {

    @Test
    void eachEndpointTemplateIsOneKeyAndOktasBucketsAreNeverMixed() {
        assertThat(RateLimitBuckets.keyFor("get", "/api/v1/users")).isEqualTo("GET /api/v1/users");
        // GET /api/v1/users/{idOrLogin} is a bucket of its own; a user's factors and roles fall under "most other"
        assertThat(RateLimitBuckets.keyFor("GET", "/api/v1/users/00u1a2b3c4d5e6f7g8h9")).isEqualTo("GET /api/v1/users/{id}");
        assertThat(RateLimitBuckets.keyFor("GET", "/api/v1/users/alice%40example.com")).isEqualTo("GET /api/v1/users/{id}");
        assertThat(RateLimitBuckets.keyFor("GET", "/api/v1/users/00u1a2b3c4d5e6f7g8h9/factors"))
                .isEqualTo("GET /api/v1/users/{id}/factors");
        assertThat(RateLimitBuckets.keyFor("GET", "/api/v1/users/00u1a2b3c4d5e6f7g8h9/roles"))
                .isEqualTo("GET /api/v1/users/{id}/roles");
        // groups: the listing, members and rules vs a group by id
        assertThat(RateLimitBuckets.keyFor("GET", "/api/v1/groups")).isEqualTo("GET /api/v1/groups");
        assertThat(RateLimitBuckets.keyFor("GET", "/api/v1/groups/rules")).isEqualTo("GET /api/v1/groups/rules");
        assertThat(RateLimitBuckets.keyFor("GET", "/api/v1/groups/00gABCDEFGHIJKLMNOPQ/users"))
                .isEqualTo("GET /api/v1/groups/{id}/users");
        assertThat(RateLimitBuckets.keyFor("GET", "/api/v1/groups/00g1a2b3c4d5e6f7g8h9")).isEqualTo("GET /api/v1/groups/{id}");
        // apps: one small bucket for the listing and all below an app; an app by id alone
        assertThat(RateLimitBuckets.keyFor("GET", "/api/v1/apps")).isEqualTo("GET /api/v1/apps");
        assertThat(RateLimitBuckets.keyFor("GET", "/api/v1/apps/0oa1a2b3c4d5e6f7g8h9/users")).isEqualTo("GET /api/v1/apps");
        assertThat(RateLimitBuckets.keyFor("GET", "/api/v1/apps/0oa1a2b3c4d5e6f7g8h9/groups")).isEqualTo("GET /api/v1/apps");
        assertThat(RateLimitBuckets.keyFor("GET", "/api/v1/apps/0oa1a2b3c4d5e6f7g8h9")).isEqualTo("GET /api/v1/apps/{id}");
        assertThat(RateLimitBuckets.keyFor("GET", "/api/v1/logs")).isEqualTo("GET /api/v1/logs");
        // names where ids were expected, and ids where names were
        assertThat(RateLimitBuckets.keyFor("GET", "/api/v1/iam/resource-sets/iamoJDFKaJxGIr0oX0g4/resources"))
                .isEqualTo("GET /api/v1/iam/resource-sets/{id}/resources");
        assertThat(RateLimitBuckets.keyFor("GET", "/api/v1/authorizationServers/default/policies"))
                .isEqualTo("GET /api/v1/authorizationServers/default/policies");
        assertThat(RateLimitBuckets.keyFor("GET", "/api/v1/devices/guo1a2b3c4d5e6f7g8h9/users"))
                .isEqualTo("GET /api/v1/devices/{id}/users");
        assertThat(RateLimitBuckets.keyFor("POST", "/oauth2/v1/token")).isEqualTo("POST /oauth2/v1/token");
    }

    @Test
    void keysStayFewWhateverTheIds() {
        Random random = new Random(5);
        String abc = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder id = new StringBuilder("00");
            for (int k = 0; k < 18; k++) {
                id.append(abc.charAt(random.nextInt(abc.length())));
            }
            keys.add(RateLimitBuckets.keyFor("GET", "/api/v1/users/" + id + "/factors"));
            keys.add(RateLimitBuckets.keyFor("GET", "/api/v1/groups/" + id + "/users"));
            keys.add(RateLimitBuckets.keyFor("GET", "/api/v1/users/" + id + "/roles/" + id + "/targets/groups"));
        }
        assertThat(keys).containsExactlyInAnyOrder("GET /api/v1/users/{id}/factors", "GET /api/v1/groups/{id}/users",
                "GET /api/v1/users/{id}/roles/{id}/targets/groups");
    }
}
