package dev.oktainputs.testkit;

import java.time.Instant;
import java.util.Objects;

/** One app of a {@link FakeDirectory}, immutable: its JSON as the fake server sends it (Okta's app shape). */
public final class FakeApp {

    private final String id;
    private final String name;
    private final String label;
    private final String status;
    private final String signOnMode;
    private final long created;
    private final long lastUpdated;
    private final String json;

    FakeApp(String id, String name, String label, String status, String signOnMode, long created, long lastUpdated,
            String linkBase) {
        this.id = Objects.requireNonNull(id);
        this.name = name;
        this.label = label;
        this.status = status;
        this.signOnMode = signOnMode;
        this.created = created;
        this.lastUpdated = lastUpdated;
        this.json = DirectoryJson.app(this, linkBase);
    }

    FakeApp relabelled(String newLabel, long millis, String linkBase) {
        return new FakeApp(id, name, newLabel, status, signOnMode, created, millis, linkBase);
    }

    /** @return the id, {@code 0oa} + 17 base62 characters */
    public String id() {
        return id;
    }

    /** @return the app's technical name, e.g. {@code oidc_client} or {@code bookmark} */
    public String name() {
        return name;
    }

    /** @return the display name ({@code label}) */
    public String label() {
        return label;
    }

    /** @return ACTIVE or INACTIVE */
    public String status() {
        return status;
    }

    /** @return e.g. {@code SAML_2_0}, {@code OPENID_CONNECT}, {@code BOOKMARK} */
    public String signOnMode() {
        return signOnMode;
    }

    /** @return {@code created} */
    public Instant created() {
        return Instant.ofEpochMilli(created);
    }

    /** @return {@code lastUpdated} */
    public Instant lastUpdated() {
        return Instant.ofEpochMilli(lastUpdated);
    }

    /** @return the compact JSON exactly as served */
    public String json() {
        return json;
    }

    @Override
    public String toString() {
        return "FakeApp{" + id + " '" + label + "' " + status + "}";
    }
}
