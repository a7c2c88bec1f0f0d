package dev.oktainputs.testkit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users, groups, apps and resource sets to delete right after the first response that lists them is prepared
 * ({@link FakeOktaServer#deleteRightAfterListing(String)}): a parent deleted while a client's fan-out runs.
 * Thread-safe.
 */
final class ListingDeletions {

    private final FakeOrg org;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    ListingDeletions(FakeOrg org) {
        this.org = org;
    }

    /**
     * @param id the id of a user, group, app or resource set of the org
     * @throws IllegalArgumentException when nothing in the org has that id
     */
    void add(String id) {
        if (org.user(id).isEmpty() && org.directory().group(id).isEmpty() && org.directory().app(id).isEmpty()
                && !org.resourceSets().ids().contains(id)) {
            throw new IllegalArgumentException("no user, group, app or resource set has id " + id);
        }
        pending.add(id);
    }

    /**
     * Deletes each pending object that {@code response} lists: a 200 whose body holds {@code "id":"<id>"}, to a
     * request whose path does not name the id.
     *
     * @param request  the request answered
     * @param response the response about to be sent
     */
    void prepared(RecordedOktaRequest request, FakeResponse response) {
        if (pending.isEmpty() || response.status() != 200) {
            return;
        }
        String body = null;
        for (String id : pending) {
            if (request.path().contains(id)) {
                continue;
            }
            body = body != null ? body : response.body();
            if (body.contains("\"id\":\"" + id + "\"") && pending.remove(id)) {
                org.deleteObject(id);
            }
        }
    }
}
