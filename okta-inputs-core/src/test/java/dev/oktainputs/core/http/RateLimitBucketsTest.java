package dev.oktainputs.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The governor's keys: one per endpoint template, so two of Okta's buckets never share one (rl-global-mgmt). */
class RateLimitBucketsTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "get | /api/v1/users | GET /api/v1/users",
        // GET /api/v1/users/{idOrLogin} is a bucket of its own; a user's factors and roles fall under "most other"
        "GET | /api/v1/users/00u1a2b3c4d5e6f7g8h9 | GET /api/v1/users/{id}",
        "GET | /api/v1/users/alice%40example.com | GET /api/v1/users/{id}",
        "GET | /api/v1/users/00u1a2b3c4d5e6f7g8h9/factors | GET /api/v1/users/{id}/factors",
        "GET | /api/v1/users/00u1a2b3c4d5e6f7g8h9/roles | GET /api/v1/users/{id}/roles",
        // groups: the listing, members and rules vs a group by id
        "GET | /api/v1/groups | GET /api/v1/groups",
        "GET | /api/v1/groups/rules | GET /api/v1/groups/rules",
        "GET | /api/v1/groups/00gABCDEFGHIJKLMNOPQ/users | GET /api/v1/groups/{id}/users",
        "GET | /api/v1/groups/00g1a2b3c4d5e6f7g8h9 | GET /api/v1/groups/{id}",
        // apps: one small bucket for the listing and all below an app; an app by id alone
        "GET | /api/v1/apps | GET /api/v1/apps",
        "GET | /api/v1/apps/0oa1a2b3c4d5e6f7g8h9/users | GET /api/v1/apps",
        "GET | /api/v1/apps/0oa1a2b3c4d5e6f7g8h9/groups | GET /api/v1/apps",
        "GET | /api/v1/apps/0oa1a2b3c4d5e6f7g8h9 | GET /api/v1/apps/{id}",
        "GET | /api/v1/logs | GET /api/v1/logs",
        // names where ids were expected, and ids where names were
        "GET | /api/v1/iam/resource-sets/iamoJDFKaJxGIr0oX0g4/resources | GET /api/v1/iam/resource-sets/{id}/resources",
        "GET | /api/v1/authorizationServers/default/policies | GET /api/v1/authorizationServers/default/policies",
        "GET | /api/v1/devices/guo1a2b3c4d5e6f7g8h9/users | GET /api/v1/devices/{id}/users",
        "POST | /oauth2/v1/token | POST /oauth2/v1/token"
    })
    void eachEndpointTemplateIsOneKeyAndOktasBucketsAreNeverMixed(String method, String path, String key) {
        assertThat(RateLimitBuckets.keyFor(method, path)).isEqualTo(key);
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
