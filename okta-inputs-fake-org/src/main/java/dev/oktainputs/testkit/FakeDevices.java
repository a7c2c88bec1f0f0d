package dev.oktainputs.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The org's devices (Identity Engine), served at {@code GET /api/v1/devices} the way Okta's management API does
 * (operation {@code listDevices}): a plain JSON array, {@code limit} 1..200 (default 200), the opaque {@code after}
 * cursor, the next page in a {@code Link} header (scope {@code okta.devices.read}). Each device is rendered like
 * Okta's {@code APIDevicesListAllResponse} example: {@code id}, {@code status}, {@code created}, {@code lastUpdated},
 * {@code profile}, {@code resourceType UDDevice}, {@code resourceDisplayName}, {@code resourceAlternateId},
 * {@code resourceId}, {@code _links}, and with {@code expand=user} {@code _embedded.users}: one entry per enrolled
 * user with {@code managementStatus}, {@code created}, {@code screenLockType} and the full {@code user}.
 * Mutations stamp {@code lastUpdated} with the org clock's current instant.
 */
public final class FakeDevices {

    /** Okta's default page size. */
    static final int DEFAULT_LIMIT = 200;
    /** Okta's maximum page size. */
    static final int MAX_LIMIT = 200;

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Device(String id, String status, String displayName, String platform, List<String> userIds,
                          Instant created, Instant lastUpdated) {
    }

    private final ListedSettings<Device> devices;
    private volatile int missingStatus;

    FakeDevices(Clock clock) {
        this.devices = new ListedSettings<>("device", clock);
    }

    /**
     * @param displayName the device's {@code profile.displayName}
     * @param platform    {@code WINDOWS}, {@code MACOS}, {@code IOS}, {@code ANDROID}, ...
     * @param userIds     the users who enrolled it (rendered from the org's users with {@code expand=user})
     * @return the new device's id ({@code guo…}, 20 characters like the spec's examples)
     */
    public String add(String displayName, String platform, String... userIds) {
        String id = Ids.unique("guo", 17);
        Instant now = devices.now();
        devices.put(id, new Device(id, "ACTIVE", Objects.requireNonNull(displayName, "displayName"),
                Objects.requireNonNull(platform, "platform"), List.of(userIds), now, now));
        return id;
    }

    /**
     * @param id     the device
     * @param status {@code ACTIVE}, {@code SUSPENDED}, {@code DEACTIVATED}, ...
     */
    public void setStatus(String id, String status) {
        synchronized (devices) {
            Device d = devices.get(id);
            devices.put(id, new Device(id, status, d.displayName(), d.platform(), d.userIds(), d.created(), devices.now()));
        }
    }

    /**
     * Unenrolls a user from a device (stamps the device's {@code lastUpdated}).
     *
     * @param id     the device
     * @param userId the user
     */
    public void removeUser(String id, String userId) {
        synchronized (devices) {
            Device d = devices.get(id);
            List<String> rest = new ArrayList<>(d.userIds());
            rest.remove(userId);
            devices.put(id, new Device(id, d.status(), d.displayName(), d.platform(), List.copyOf(rest), d.created(),
                    devices.now()));
        }
    }

    /**
     * @param id the device to delete
     * @return whether it existed
     */
    public boolean delete(String id) {
        return devices.remove(id);
    }

    /**
     * From now on the endpoint answers {@code E0000015} "You do not have permission to access the feature you are
     * requesting" with the given status, as an org without the Identity Engine's devices would.
     *
     * @param status 401, 403 or 404; 0 serves the list again
     */
    public void withoutFeature(int status) {
        this.missingStatus = status;
    }

    /** @return every (device, enrolled user) pair as {@code deviceId/userId}, sorted */
    public List<String> userKeys() {
        List<String> keys = new ArrayList<>();
        synchronized (devices) {
            for (String id : devices.ids()) {
                for (String user : devices.get(id).userIds()) {
                    keys.add(id + "/" + user);
                }
            }
        }
        keys.sort(null);
        return keys;
    }

    /** A hard-deleted user is no longer enrolled in any device (not a change of the devices' {@code lastUpdated}). */
    void userDeleted(String userId) {
        synchronized (devices) {
            for (String id : devices.ids()) {
                Device d = devices.get(id);
                if (d.userIds().contains(userId)) {
                    List<String> rest = new ArrayList<>(d.userIds());
                    rest.remove(userId);
                    devices.put(id, new Device(id, d.status(), d.displayName(), d.platform(), List.copyOf(rest), d.created(),
                            d.lastUpdated()));
                }
            }
        }
    }

    /** @return the ids of every device, sorted */
    public List<String> ids() {
        return devices.ids();
    }

    static void register(Routes routes) {
        routes.add(Route.get("/api/v1/devices", call -> {
            FakeOrg org = call.server().org();
            FakeDevices d = org.devices();
            if (d.missingStatus != 0) {
                return FakeResponse.oktaError(d.missingStatus, "E0000015",
                        "You do not have permission to access the feature you are requesting");
            }
            boolean users = "user".equals(call.request().queryParameter("expand"));
            return d.devices.page(call, DEFAULT_LIMIT, MAX_LIMIT, x -> json(x, org, users));
        }));
        // listDeviceUsers: a plain array of DeviceUser, not paged.
        routes.add(Route.get("/api/v1/devices/{id}/users", call -> {
            FakeOrg org = call.server().org();
            FakeDevices d = org.devices();
            if (d.missingStatus != 0) {
                return FakeResponse.oktaError(d.missingStatus, "E0000015",
                        "You do not have permission to access the feature you are requesting");
            }
            String id = call.pathParam("id");
            Device device;
            synchronized (d.devices) {
                device = d.devices.ids().contains(id) ? d.devices.get(id) : null;
            }
            if (device == null) {
                throw OktaApiException.notFound(id + " (Device)");
            }
            return FakeResponse.json(200, ListedSettings.json(deviceUsers(device, org)));
        }));
    }

    private static List<Object> deviceUsers(Device d, FakeOrg org) {
        List<Object> users = new ArrayList<>();
        for (String userId : d.userIds()) {
            org.user(userId).ifPresent(u -> users.add(ListedSettings.object("managementStatus", "NOT_MANAGED",
                    "created", Ids.oktaTime(d.created()), "screenLockType", "BIOMETRIC", "user", tree(u.json()))));
        }
        return users;
    }

    private static String json(Device d, FakeOrg org, boolean expandUsers) {
        String base = org.linkBaseUrl();
        String self = base + "/api/v1/devices/" + d.id();
        String lifecycle = "ACTIVE".equals(d.status()) ? "deactivate" : "activate";
        Map<String, Object> device = ListedSettings.object(
                "id", d.id(),
                "status", d.status(),
                "created", Ids.oktaTime(d.created()),
                "lastUpdated", Ids.oktaTime(d.lastUpdated()),
                "profile", ListedSettings.object("displayName", d.displayName(), "platform", d.platform(),
                        "registered", true, "secureHardwarePresent", false, "diskEncryptionType", "USER"),
                "resourceType", "UDDevice",
                "resourceDisplayName", ListedSettings.object("value", d.displayName(), "sensitive", false),
                "resourceAlternateId", null,
                "resourceId", d.id(),
                "_links", ListedSettings.object(
                        lifecycle, ListedSettings.link(self + "/lifecycle/" + lifecycle, "POST"),
                        "self", ListedSettings.link(self, "GET", "PATCH", "PUT"),
                        "users", ListedSettings.link(self + "/users", "GET")));
        if (expandUsers) {
            device.put("_embedded", ListedSettings.object("users", deviceUsers(d, org)));
        }
        return ListedSettings.json(device);
    }

    private static Object tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
