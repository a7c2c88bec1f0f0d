package dev.oktainputs.groups;

import java.time.Instant;
import java.util.Map;

/**
 * What the members of a group need of it while they are listed.
 *
 * @param id                    the group id
 * @param name                  {@code profile.name}
 * @param lastMembershipUpdated when its membership last changed (the edges' timestamp), or null
 * @param labels                the group's labels from import rules
 */
record GroupRef(String id, String name, Instant lastMembershipUpdated, Map<String, String> labels) {
}
