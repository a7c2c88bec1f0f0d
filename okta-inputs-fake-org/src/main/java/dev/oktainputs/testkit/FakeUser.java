package dev.oktainputs.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * One user of a {@link FakeOrg}, immutable: its JSON exactly as the fake server sends it (a compact, pre-rendered
 * string in Okta's user shape) plus the few fields the server indexes for paging, filtering and {@code q}.
 * A mutation of the org replaces the instance; a snapshot taken earlier keeps the old state.
 */
public final class FakeUser {

    private final String id;
    private final String status;
    private final long lastUpdatedMillis;
    private final long createdMillis;
    private final String firstName;
    private final String lastName;
    private final String email;
    private final String login;
    private final String json;
    /** {@link #json} in UTF-8, encoded once when first served (benign race: any thread's copy is the same bytes). */
    private volatile byte[] jsonUtf8;

    FakeUser(String id, String status, long lastUpdatedMillis, long createdMillis, String firstName,
             String lastName, String email, String login, String json) {
        this.id = Objects.requireNonNull(id, "id");
        this.status = Objects.requireNonNull(status, "status");
        this.lastUpdatedMillis = lastUpdatedMillis;
        this.createdMillis = createdMillis;
        this.firstName = firstName;
        this.lastName = lastName;
        this.email = email;
        this.login = login;
        this.json = Objects.requireNonNull(json, "json");
    }

    /** Reads the indexed fields back from a user's JSON tree (after a mutation). */
    static FakeUser fromTree(JsonNode node, String json) {
        JsonNode profile = node.path("profile");
        return new FakeUser(node.path("id").asText(), node.path("status").asText(),
                Instant.parse(node.path("lastUpdated").asText()).toEpochMilli(),
                Instant.parse(node.path("created").asText()).toEpochMilli(),
                textOrNull(profile, "firstName"), textOrNull(profile, "lastName"),
                textOrNull(profile, "email"), textOrNull(profile, "login"), json);
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** @return the Okta id, {@code 00u} followed by 17 base62 characters */
    public String id() {
        return id;
    }

    /** @return the status, e.g. {@code ACTIVE} or {@code DEPROVISIONED} */
    public String status() {
        return status;
    }

    /** @return {@code lastUpdated}, millisecond precision */
    public Instant lastUpdated() {
        return Instant.ofEpochMilli(lastUpdatedMillis);
    }

    long lastUpdatedMillis() {
        return lastUpdatedMillis;
    }

    /** @return {@code created}, millisecond precision */
    public Instant created() {
        return Instant.ofEpochMilli(createdMillis);
    }

    long createdMillis() {
        return createdMillis;
    }

    /** @return {@code profile.firstName} */
    public String firstName() {
        return firstName;
    }

    /** @return {@code profile.lastName} */
    public String lastName() {
        return lastName;
    }

    /** @return {@code profile.email} */
    public String email() {
        return email;
    }

    /** @return {@code profile.login} */
    public String login() {
        return login;
    }

    /** @return the compact JSON exactly as served */
    public String json() {
        return json;
    }

    /** @return {@link #json()} in UTF-8, as the server writes it; not to be modified */
    byte[] jsonUtf8() {
        byte[] b = jsonUtf8;
        if (b == null) {
            b = json.getBytes(StandardCharsets.UTF_8);
            jsonUtf8 = b;
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FakeUser && ((FakeUser) o).json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    /** Names the user without its profile (which is personal data in real orgs). */
    @Override
    public String toString() {
        return "FakeUser{" + id + " " + status + " lastUpdated=" + lastUpdated() + "}";
    }
}
