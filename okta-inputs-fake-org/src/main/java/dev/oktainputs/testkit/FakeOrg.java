package dev.oktainputs.testkit;


import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * An in-memory Okta org, generated deterministically from a seed: the same seed, user count and clock start give
 * byte-for-byte the same users (and the same sequence of mutations gives the same result).
 *
 * <pre>{@code
 * FakeOrg org = FakeOrg.builder().seed(42).users(1000).clock(clock).build();
 * }</pre>
 *
 * <p>Users are kept ordered by id as pre-rendered compact JSON strings (about 1 KB each, so 100,000 users take
 * roughly 150 MB; a user once listed also keeps its UTF-8 bytes, which pages are cut from, so about twice that when
 * all have been listed). Reads are lock-free snapshots; mutations are serialised, thread-safe and stamp
 * {@code lastUpdated} with the clock's current instant at millisecond precision.
 */
public final class FakeOrg {

        private final long seed;
    private final Clock clock;
    private final String apiToken;
    private final String linkBaseUrl;
    private final OrgUsers users;
    private final FakeSystemLog systemLog;
    private final FakeDirectory directory;
    private final FakeTrustedOrigins trustedOrigins;
    private final FakeNetworkZones networkZones;
    private final FakeAuthenticators authenticators;
    private final FakePolicies policies;
    private final FakeIdentityProviders identityProviders;
    private final FakeCustomAuthorizationServers authorizationServers;
    private final FakeGroupRules groupRules;
    private final FakeUserTypes userTypes;
    private final FakeDevices devices;
    private final FakeResourceSets resourceSets;
    private final FakeFactors factors;

    private FakeOrg(Builder b) {
        this.seed = b.seed;
        this.clock = b.clock != null ? b.clock : new VirtualClock(Instant.parse("2025-01-01T00:00:00Z"));
        SplittableRandom tokens = new SplittableRandom(Ids.mix(seed ^ 0x7A11E7L));
        this.apiToken = b.apiToken != null ? b.apiToken : "00" + Ids.base62(tokens, 40);
        this.linkBaseUrl = b.linkBaseUrl != null ? b.linkBaseUrl
                : String.format("https://dev-%08d.okta.com", Math.floorMod(seed, 100_000_000L));
        this.users = new OrgUsers(seed, linkBaseUrl, clock, b.users);
        this.systemLog = new FakeSystemLog(seed, clock);
        this.trustedOrigins = new FakeTrustedOrigins(clock);
        this.networkZones = new FakeNetworkZones(clock);
        this.authenticators = new FakeAuthenticators(clock);
        this.devices = new FakeDevices(clock);
        this.policies = new FakePolicies(clock);
        this.identityProviders = new FakeIdentityProviders(clock);
        this.authorizationServers = new FakeCustomAuthorizationServers(clock);
        this.groupRules = new FakeGroupRules(clock);
        this.userTypes = new FakeUserTypes(clock);
        this.resourceSets = new FakeResourceSets(clock);
        this.factors = new FakeFactors(this, clock);
        this.directory = new FakeDirectory(this, seed);
        if (b.directory != null) {
            directory.generate(b.directory);
        }
    }

    /** @return a builder: seed 0, no users, a {@link VirtualClock} at 2025-01-01T00:00:00Z */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the seed the org was generated from */
    public long seed() {
        return seed;
    }

    /** @return the clock that stamps mutations (and that the server uses by default) */
    public Clock clock() {
        return clock;
    }

    /** @return the SSWS API token the server accepts ({@code 00} + 40 base62 characters unless overridden) */
    public String apiToken() {
        return apiToken;
    }

    /** @return the nominal org URL used in the users' {@code _links} (not the loopback server's URL) */
    public String linkBaseUrl() {
        return linkBaseUrl;
    }

    /** @return a snapshot of all users, ordered by id (DEPROVISIONED included, hard-deleted ones not) */
    public List<FakeUser> users() {
        return List.copyOf(users.index().values());
    }

    /** @return the number of users */
    public int userCount() {
        return users.index().size();
    }

    /**
     * @param id a user id
     * @return the user, if it exists
     */
    public Optional<FakeUser> user(String id) {
        return Optional.ofNullable(users.index().get(id));
    }

    /** @return the org's System Log (empty until events are generated or appended), served at {@code /api/v1/logs} */
    public FakeSystemLog systemLog() {
        return systemLog;
    }

    /** @return groups, memberships, apps, assignments, admin roles and API tokens (empty unless generated) */
    public FakeDirectory directory() {
        return directory;
    }

    /**
     * @return the org's trusted origins ({@code /api/v1/trustedOrigins}); none until added
     */
    public FakeTrustedOrigins trustedOrigins() {
        return trustedOrigins;
    }

    /**
     * @return the org's network zones ({@code /api/v1/zones}); none until added, not even the system zones
     *         ({@link FakeNetworkZones#addSystemZones()})
     */
    public FakeNetworkZones networkZones() {
        return networkZones;
    }

    /** @return the org's authenticators ({@code /api/v1/authenticators}); none until added */
    public FakeAuthenticators authenticators() {
        return authenticators;
    }

    /** @return the users' MFA factors ({@code /api/v1/users/{id}/factors}); none until enrolled */
    public FakeFactors factors() {
        return factors;
    }

    /** @return the org's devices ({@code /api/v1/devices}); none until added */
    public FakeDevices devices() {
        return devices;
    }

    /** @return the org's policies and rules ({@code /api/v1/policies}); none until added, every type enabled */
    public FakePolicies policies() {
        return policies;
    }

    /**
     * @return the org's identity providers ({@code /api/v1/idps}); none until added
     */
    public FakeIdentityProviders identityProviders() {
        return identityProviders;
    }

    /**
     * @return the org's custom authorization servers ({@code /api/v1/authorizationServers}); none until added
     */
    public FakeCustomAuthorizationServers authorizationServers() {
        return authorizationServers;
    }

    /**
     * @return the org's group rules ({@code /api/v1/groups/rules}); none until added
     */
    public FakeGroupRules groupRules() {
        return groupRules;
    }

    /**
     * @return the org's user types and their schemas ({@code /api/v1/meta/types/user},
     *         {@code /api/v1/meta/schemas/user/{id}}); none until added, not even the default type
     *         ({@link FakeUserTypes#addDefault()})
     */
    public FakeUserTypes userTypes() {
        return userTypes;
    }

    /** @return the org's resource sets ({@code /api/v1/iam/resource-sets}); none until added */
    public FakeResourceSets resourceSets() {
        return resourceSets;
    }

    /** The live, id-ordered index the server pages through. */
    NavigableMap<String, FakeUser> index() {
        return users.index();
    }

    /**
     * Changes a profile attribute ({@code costCenter}) of {@code n} users chosen deterministically among those not
     * DEPROVISIONED, stamping their {@code lastUpdated}.
     *
     * @param n how many users; at most the number of users not DEPROVISIONED
     * @return the ids of the changed users, in the order they were changed
     */
    public synchronized List<String> updateUsers(int n) {
        return users.updateUsers(n);
    }

    /**
     * Sets profile attributes of one user (a {@code null} value writes JSON null) and stamps {@code lastUpdated}.
     *
     * @param id             the user id
     * @param profileChanges attribute name to new value (String, Number, Boolean, null or a List of those)
     * @return the user after the change
     * @throws NoSuchElementException when there is no such user
     */
    public synchronized FakeUser updateUser(String id, Map<String, ?> profileChanges) {
        return users.updateUser(id, profileChanges);
    }

    /**
     * Changes a user's status, stamping {@code statusChanged} and {@code lastUpdated}.
     *
     * @param id     the user id
     * @param status the new status, e.g. {@code SUSPENDED}
     * @return the user after the change
     */
    public synchronized FakeUser setStatus(String id, String status) {
        return users.setStatus(id, status);
    }

    /**
     * Deprovisions (deactivates) a user: status DEPROVISIONED. It then disappears from plain lists but still shows
     * with {@code filter} and {@code search}.
     *
     * @param id the user id
     * @return the user after the change
     */
    public FakeUser deprovisionUser(String id) {
        return setStatus(id, "DEPROVISIONED");
    }

    /**
     * Adds users created now (ACTIVE, some STAGED).
     *
     * @param n how many
     * @return their ids, in creation order
     */
    public synchronized List<String> addUsers(int n) {
        List<String> ids = users.add(n);
        directory.usersChanged();
        return ids;
    }

    /**
     * Deletes the user, group, app or resource set with this id, as {@link #deleteUser},
     * {@link FakeDirectory#deleteGroup}, {@link FakeDirectory#deleteApp} or {@link FakeResourceSets#delete} would.
     *
     * @param id a user, group, app or resource set id
     * @return whether something was deleted (false when nothing has that id)
     */
    public boolean deleteObject(String id) {
        if (deleteUser(id)) {
            return true;
        }
        synchronized (directory) {
            if (directory.group(id).isPresent()) {
                directory.deleteGroup(id);
                return true;
            }
            if (directory.app(id).isPresent()) {
                directory.deleteApp(id);
                return true;
            }
        }
        return resourceSets.delete(id);
    }

    /**
     * Hard-deletes a user: it disappears from every listing.
     *
     * @param id the user id
     * @return whether the user existed
     */
    public synchronized boolean deleteUser(String id) {
        boolean removed = users.remove(id);
        if (removed) {
            factors.userDeleted(id);
            devices.userDeleted(id);
            directory.userDeleted(id); // Okta drops a deleted user's memberships, assignments, roles and tokens too
        }
        return removed;
    }

    @Override
    public String toString() {
        return "FakeOrg{seed=" + seed + ", users=" + users.index().size() + "}";
    }

    /** Configures a {@link FakeOrg}. */
    public static final class Builder {
        private long seed;
        private int users;
        private Clock clock;
        private String apiToken;
        private String linkBaseUrl;
        private DirectoryShape directory;

        private Builder() {
        }

        /**
         * @param shape groups, apps, admin roles and API tokens to generate from the seed after the users
         * @return this builder
         */
        public Builder directory(DirectoryShape shape) {
            this.directory = Objects.requireNonNull(shape, "shape");
            return this;
        }

        /**
         * @param seed drives every generated value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param users how many users to generate (statuses mixed: ~78% ACTIVE, ~5% DEPROVISIONED, ...)
         * @return this builder
         */
        public Builder users(int users) {
            if (users < 0) {
                throw new IllegalArgumentException("users must not be negative");
            }
            this.users = users;
            return this;
        }

        /**
         * @param clock the org's time; generated timestamps lie before its current instant
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param apiToken the SSWS token to accept instead of the seed-derived one
         * @return this builder
         */
        public Builder apiToken(String apiToken) {
            this.apiToken = Objects.requireNonNull(apiToken, "apiToken");
            return this;
        }

        /**
         * @param linkBaseUrl the nominal org URL for {@code _links}, default {@code https://dev-NNNNNNNN.okta.com}
         * @return this builder
         */
        public Builder linkBaseUrl(String linkBaseUrl) {
            this.linkBaseUrl = Objects.requireNonNull(linkBaseUrl, "linkBaseUrl");
            return this;
        }

        /** @return the generated org */
        public FakeOrg build() {
            return new FakeOrg(this);
        }
    }
}
