package dev.oktainputs.testkit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The org's network zones, served at {@code GET /api/v1/zones} the way Okta's management API does (scope
 * {@code okta.networkZones.read}): a plain JSON array, every zone in one response unless {@code limit} asks for
 * fewer (Okta's default is {@code -1}, all), the next page in a {@code link} header. Zones render like the
 * {@code RetrieveAllZones} example of Okta's management OpenAPI spec: {@code type} ({@code IP} or {@code DYNAMIC}),
 * {@code id} ({@code nzo…}), {@code name}, {@code status}, {@code usage} ({@code POLICY} or {@code BLOCKLIST}),
 * {@code created}, {@code lastUpdated}, {@code system}, then {@code gateways} / {@code proxies} (IP zones: address
 * objects {@code {"type": "CIDR" | "RANGE", "value": ...}}, or null) or {@code locations} / {@code proxyType} /
 * {@code asns} (dynamic zones), and {@code _links}. Changes stamp {@code lastUpdated} with the org clock.
 */
public final class FakeNetworkZones {

    private record Zone(String id, String type, String name, String status, String usage, boolean system,
                        List<String> gateways, List<String> countries, String proxyType, Instant created,
                        Instant lastUpdated) {

        Zone with(String newStatus, List<String> newGateways, Instant now) {
            return new Zone(id, type, name, newStatus, usage, system, newGateways, countries, proxyType, created, now);
        }
    }

    private final ListedSettings<Zone> zones;

    FakeNetworkZones(Clock clock) {
        this.zones = new ListedSettings<>("network zone", clock);
    }

    /**
     * @param name     a unique name, e.g. {@code Offices}
     * @param usage    {@code POLICY} or {@code BLOCKLIST}
     * @param gateways its gateway addresses, each a CIDR ({@code 10.0.0.0/8}) or a range ({@code 1.2.3.4-1.2.3.9})
     * @return the new zone's id
     */
    public String addIpZone(String name, String usage, String... gateways) {
        return add(name, "IP", usage, false, List.of(gateways), List.of(), null);
    }

    /**
     * @param name      a unique name, e.g. {@code Sanctioned countries}
     * @param usage     {@code POLICY} or {@code BLOCKLIST}
     * @param proxyType {@code ANY}, {@code TorAnonymizer}, {@code NotTorAnonymizer} or null
     * @param countries ISO 3166-1 country codes, e.g. {@code KP}
     * @return the new zone's id
     */
    public String addDynamicZone(String name, String usage, String proxyType, String... countries) {
        return add(name, "DYNAMIC", usage, false, List.of(), List.of(countries), proxyType);
    }

    /**
     * Adds the system zones every Okta org has: {@code LegacyIpZone} (IP, POLICY) and {@code BlockedIpZone} (IP,
     * BLOCKLIST), both without addresses.
     *
     * @return their ids, in that order
     */
    public List<String> addSystemZones() {
        return List.of(add("LegacyIpZone", "IP", "POLICY", true, null, List.of(), null),
                add("BlockedIpZone", "IP", "BLOCKLIST", true, null, List.of(), null));
    }

    private String add(String name, String type, String usage, boolean system, List<String> gateways,
                       List<String> countries, String proxyType) {
        Objects.requireNonNull(name, "name");
        String id = Ids.unique("nzo", 17);
        Instant now = zones.now();
        zones.put(id, new Zone(id, type, name, "ACTIVE", Objects.requireNonNull(usage, "usage"), system, gateways,
                countries, proxyType, now, now));
        return id;
    }

    /**
     * Replaces an IP zone's gateways.
     *
     * @param id       the zone
     * @param gateways the new gateway addresses
     */
    public void setGateways(String id, String... gateways) {
        synchronized (zones) {
            Zone z = zones.get(id);
            zones.put(id, z.with(z.status(), List.of(gateways), zones.now()));
        }
    }

    /**
     * Deactivates a zone (it stays listed, with {@code status INACTIVE}).
     *
     * @param id the zone
     */
    public void deactivate(String id) {
        synchronized (zones) {
            Zone z = zones.get(id);
            zones.put(id, z.with("INACTIVE", z.gateways(), zones.now()));
        }
    }

    /**
     * @param id the zone to delete; Okta refuses to delete system zones, and so does this
     * @return whether it existed
     */
    public boolean delete(String id) {
        synchronized (zones) {
            if (zones.ids().contains(id) && zones.get(id).system()) {
                throw new IllegalArgumentException("system zone " + id + " cannot be deleted");
            }
            return zones.remove(id);
        }
    }

    /**
     * @return the ids of every zone, sorted
     */
    public List<String> ids() {
        return zones.ids();
    }

    static void register(Routes routes) {
        routes.add(Route.get("/api/v1/zones", call -> call.server().org().networkZones().zones.page(call,
                ListedSettings.ALL, Integer.MAX_VALUE, z -> json(z, call.server().org().linkBaseUrl()))));
    }

    private static List<Map<String, Object>> addresses(List<String> values) {
        return values.stream().map(v -> ListedSettings.object("type", v.contains("-") ? "RANGE" : "CIDR", "value", v))
                .toList();
    }

    private static String json(Zone z, String base) {
        Map<String, Object> m = ListedSettings.object();
        m.put("type", z.type());
        m.put("id", z.id());
        m.put("name", z.name());
        m.put("status", z.status());
        m.put("usage", z.usage());
        m.put("created", Ids.oktaTime(z.created()));
        m.put("lastUpdated", Ids.oktaTime(z.lastUpdated()));
        m.put("system", z.system());
        if (z.type().equals("IP")) {
            m.put("gateways", z.gateways() == null ? null : addresses(z.gateways()));
            m.put("proxies", null);
        } else {
            m.put("locations", z.countries().stream().map(c -> ListedSettings.object("country", c, "region", null)).toList());
            m.put("proxyType", z.proxyType());
            m.put("asns", List.of());
        }
        String self = base + "/api/v1/zones/" + z.id();
        String lifecycle = "ACTIVE".equals(z.status()) ? "deactivate" : "activate";
        Map<String, Object> links = ListedSettings.object();
        links.put("self", ListedSettings.link(self, "GET", "PUT", "DELETE"));
        links.put(lifecycle, ListedSettings.link(self + "/lifecycle/" + lifecycle, "POST"));
        m.put("_links", links);
        return ListedSettings.json(m);
    }
}
