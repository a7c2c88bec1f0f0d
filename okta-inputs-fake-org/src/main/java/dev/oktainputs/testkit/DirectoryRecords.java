package dev.oktainputs.testkit;

import java.util.List;

/** The small immutable records a {@link FakeDirectory} keeps; JSON is rendered from them when served. */
final class DirectoryRecords {

    private DirectoryRecords() {
    }

    /** A user's direct assignment to an app (scope USER). */
    record AppAssignment(long created, long lastUpdated) {
    }

    /** A group's assignment to an app. */
    record GroupAssignment(int priority, long lastUpdated) {
    }

    /** A standard admin role assigned to a user or a group. */
    record Grant(String id, String type, String label, long created, long lastUpdated) {
    }

    /** A custom admin role. */
    record CustomRole(String id, String label, String description, List<String> permissions, long created,
                      long lastUpdated) {
    }

    /** An API token (Okta never lists the secret, so neither does the fake). */
    record ApiToken(String id, String name, String userId, String clientName, long created, long lastUpdated,
                    long expiresAt) {
    }
}
