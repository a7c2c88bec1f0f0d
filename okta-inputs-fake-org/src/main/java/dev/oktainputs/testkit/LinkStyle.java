package dev.oktainputs.testkit;

/** How the {@link FakeOktaServer} sends paging links. */
public enum LinkStyle {
    /** Okta's usual form: one {@code link:} header line per relation ({@code self}, then {@code next}). */
    SEPARATE_LINES,
    /** One {@code Link:} header line with the relations comma-joined, which clients must also accept. */
    COMMA_JOINED
}
