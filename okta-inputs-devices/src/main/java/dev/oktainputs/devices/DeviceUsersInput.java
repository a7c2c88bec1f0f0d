package dev.oktainputs.devices;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktainputs.core.InputContext;
import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.fanout.Edge;
import dev.oktainputs.core.fanout.EdgeSource;
import dev.oktainputs.core.fanout.FanOutInput;
import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.http.PageRequest;
import dev.oktainputs.core.json.JsonEnvelope;
import dev.oktainputs.core.json.JsonTrees;
import dev.oktainputs.core.time.OktaTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code device_users} input (family {@code device_users}): one edge per (device, enrolled user), key
 * {@code deviceId/userId}, JSON {@code {"deviceId","userId","deviceUser":{…as Okta sent it…}}} where {@code deviceUser}
 * is Okta's {@code DeviceUser} ({@code created}, {@code managementStatus}, {@code screenLockType}, {@code user}).
 * Lists every device ({@code GET /api/v1/devices}), then each device's users ({@code GET
 * /api/v1/devices/{id}/users}, one request per device); users no longer enrolled and the users of deleted devices are
 * DELETEs. An org without the Identity Engine's devices gets one warning and an empty run.
 */
public final class DeviceUsersInput extends FanOutInput {

    /** The input's and stream's name. */
    public static final String NAME = "device_users";

    /** Devices per page of the parent listing. */
    public static final InputOption<Integer> DEVICES_PAGE_SIZE = InputOption.integer("devices_page_size", 200, 1, 200,
            "Devices per request when listing the devices whose users to read (/api/v1/devices; Okta's maximum is 200).");

    /** Declares the input; found by {@link java.util.ServiceLoader}. */
    public DeviceUsersInput() {
        super(NAME, NAME, List.of(DevicesInput.SCOPE), "/api/v1/devices?limit=1", List.of(DEVICES_PAGE_SIZE));
    }

    @Override
    public List<String> keyIds() {
        return List.of("device_id", "user_id");
    }

    @Override
    public boolean optionalFeature() {
        return true;
    }

    @Override
    protected List<EdgeSource<?>> sources(InputContext context) {
        int pageSize = context.options().get(DEVICES_PAGE_SIZE);
        return List.of(new EdgeSource<String>() {
            @Override
            public PageRequest parents(OrgUrl org, Instant since) {
                return PageRequest.array(org.httpUrl().newBuilder().addPathSegments("api/v1/devices")
                        .addQueryParameter("limit", Integer.toString(pageSize)).build(), DevicesInput.SCOPE);
            }

            @Override
            public String parent(PageItem item) {
                return item.id();
            }

            @Override
            public PageRequest children(OrgUrl org, String deviceId) {
                return PageRequest.array(org.httpUrl().newBuilder().addPathSegments("api/v1/devices")
                        .addPathSegment(deviceId).addPathSegment("users").build(), DevicesInput.SCOPE);
            }

            @Override
            public Edge edge(String deviceId, PageItem child) {
                JsonNode deviceUser;
                try {
                    deviceUser = JsonTrees.read(child.json());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                String userId = deviceUser.path("user").path("id").asText(null);
                if (userId == null) {
                    return null;
                }
                Instant created = OktaTime.parse(deviceUser.path("created").asText(null));
                byte[] json = JsonEnvelope.create().string("deviceId", deviceId).string("userId", userId)
                        .raw("deviceUser", child.json()).toBytes();
                return new Edge(deviceId + "/" + userId, created, created, json, Map.of());
            }
        });
    }
}
