package dev.oktainputs.testkit;

import java.time.Instant;
import java.util.Objects;

/**
 * One group of a {@link FakeDirectory}, immutable: its JSON exactly as the fake server sends it (Okta's group
 * shape) plus the fields the server filters on. A change replaces the instance.
 */
public final class FakeGroup {

    /** Okta's group types. */
    public enum Type {
        /** A group managed in Okta. */
        OKTA_GROUP,
        /** A group imported from an app (e.g. Active Directory). */
        APP_GROUP,
        /** The {@code Everyone} group: every user is a member. */
        BUILT_IN
    }

    private final String id;
    private final Type type;
    private final String name;
    private final String sourceAppId;
    private final long created;
    private final long lastUpdated;
    private final long lastMembershipUpdated;
    private final String json;

    FakeGroup(String id, Type type, String name, String sourceAppId, long created, long lastUpdated,
              long lastMembershipUpdated, String linkBase) {
        this.id = Objects.requireNonNull(id);
        this.type = type;
        this.name = name;
        this.sourceAppId = sourceAppId;
        this.created = created;
        this.lastUpdated = lastUpdated;
        this.lastMembershipUpdated = lastMembershipUpdated;
        this.json = DirectoryJson.group(this, linkBase);
    }

    FakeGroup withMembershipUpdated(long millis, String linkBase) {
        return new FakeGroup(id, type, name, sourceAppId, created, lastUpdated, millis, linkBase);
    }

    FakeGroup renamed(String newName, long millis, String linkBase) {
        return new FakeGroup(id, type, newName, sourceAppId, created, millis, lastMembershipUpdated, linkBase);
    }

    /** @return the id, {@code 00g} + 17 base62 characters */
    public String id() {
        return id;
    }

    /** @return OKTA_GROUP, APP_GROUP or BUILT_IN */
    public Type type() {
        return type;
    }

    /** @return {@code profile.name} */
    public String name() {
        return name;
    }

    /** @return for an APP_GROUP the id of the app it comes from, else null */
    public String sourceAppId() {
        return sourceAppId;
    }

    /** @return {@code created} */
    public Instant created() {
        return Instant.ofEpochMilli(created);
    }

    /** @return {@code lastUpdated} (the profile's last change) */
    public Instant lastUpdated() {
        return Instant.ofEpochMilli(lastUpdated);
    }

    /** @return {@code lastMembershipUpdated} (the last membership change) */
    public Instant lastMembershipUpdated() {
        return Instant.ofEpochMilli(lastMembershipUpdated);
    }

    long lastUpdatedMillis() {
        return lastUpdated;
    }

    long lastMembershipUpdatedMillis() {
        return lastMembershipUpdated;
    }

    long createdMillis() {
        return created;
    }

    /** @return the compact JSON exactly as served */
    public String json() {
        return json;
    }

    @Override
    public String toString() {
        return "FakeGroup{" + id + " " + type + " '" + name + "'}";
    }
}
