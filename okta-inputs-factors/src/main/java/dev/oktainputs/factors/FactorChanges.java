package dev.oktainputs.factors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.error.OktaPermissionException;
import dev.oktainputs.core.error.OktaProtocolException;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.http.Page;
import dev.oktainputs.core.http.PageCursor;
import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.http.PageRequest;
import dev.oktainputs.core.json.JsonTrees;
import dev.oktainputs.core.time.OktaTime;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;

/**
 * Which users' factors may have changed since the previous run: the users the System Log names in factor lifecycle
 * events (read with a polling cursor that the checkpoint carries from run to run, so no event is skipped or read twice
 * across runs), then the users created or updated since (the users listing's {@code lastUpdated} filter).
 *
 * <p>From an event, the {@code target} entries of type {@code User} are taken (the user whose factor changed); the
 * {@code actor} only when it is a user and the event names no user target. An admin who resets someone's factor is
 * not re-read for it: the admin's own factors did not change.
 */
final class FactorChanges {

    /** The System Log event types that mean a user's factors changed (Okta's event-type catalog). */
    static final List<String> EVENT_TYPES = List.of(
            "user.mfa.factor.activate",
            "user.mfa.factor.deactivate",
            "user.mfa.factor.reset_all",
            "user.mfa.factor.suspend",
            "user.mfa.factor.unsuspend",
            "user.mfa.factor.update",
            "system.mfa.factor.deactivate",
            "user.lifecycle.delete.completed");
    /** The scope of the System Log. */
    static final String LOGS_SCOPE = "okta.logs.read";

    /** What a read found. */
    record Found(Set<String> users, int fromEvents, int updated, HttpUrl logNext, Instant serverTime) {
    }

    private final OktaClient client;
    private final OrgUrl org;
    private final int logPageSize;

    FactorChanges(OktaClient client, int logPageSize) {
        this.client = client;
        this.org = client.orgUrl();
        this.logPageSize = logPageSize;
    }

    /** @return the first polling request for factor events at or after {@code since} */
    HttpUrl firstLogPage(Instant since) {
        String filter = EVENT_TYPES.stream().map(t -> "eventType eq \"" + t + "\"").collect(Collectors.joining(" or "));
        return org.httpUrl().newBuilder().addPathSegments("api/v1/logs")
                .addQueryParameter("since", OktaTime.format(since))
                .addQueryParameter("filter", filter)
                .addQueryParameter("sortOrder", "ASCENDING")
                .addQueryParameter("limit", Integer.toString(logPageSize)).build();
    }

    /**
     * Reads the factor events from {@code logPage} to the end of the log (the first empty page), then the users updated
     * since {@code since}.
     *
     * @param logPage    where the log cursor stands (the previous run's last next link, or {@link #firstLogPage})
     * @param users      the users listing of {@code since}
     * @param cursors    receives each cursor while it is in use, so that the run can wake it up
     * @return the users to read again, in the order found, and the cursor to continue from next run
     */
    Found read(HttpUrl logPage, PageRequest users, java.util.function.Consumer<PageCursor> cursors) {
        Set<String> ids = new LinkedHashSet<>();
        Instant serverTime = null;
        HttpUrl next = logPage;
        try (PageCursor log = new PageCursor(client, PageRequest.array(logPage, LOGS_SCOPE))) {
            cursors.accept(log);
            while (log.hasNext()) {
                HttpUrl at = log.nextUrl();
                Page page = log.fetch();
                if (serverTime == null) {
                    serverTime = page.serverTime();
                }
                for (PageItem event : page.items()) {
                    usersOf(event, ids);
                }
                next = page.next() != null ? page.next() : at;
                if (page.items().isEmpty() || page.next() == null) {
                    break;
                }
            }
        } catch (OktaPermissionException e) {
            throw new LogsRefused(e);
        }
        int fromEvents = ids.size();
        try (PageCursor listing = new PageCursor(client, users)) {
            cursors.accept(listing);
            while (listing.hasNext()) {
                Page page = listing.fetch();
                if (serverTime == null) {
                    serverTime = page.serverTime();
                }
                for (PageItem user : page.items()) {
                    if (user.id() != null) {
                        ids.add(user.id());
                    }
                }
            }
        }
        return new Found(ids, fromEvents, ids.size() - fromEvents, next, serverTime);
    }

    /** The System Log refused the factor events (403: no okta.logs.read, or an admin who may not read the log). */
    static final class LogsRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LogsRefused(OktaPermissionException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static void usersOf(PageItem event, Set<String> into) {
        JsonNode e;
        try {
            e = JsonTrees.read(event.json());
        } catch (IOException ex) {
            throw new OktaProtocolException("a System Log event is not JSON: " + ex.getMessage(),
                    dev.oktainputs.core.error.OktaErrorDetails.NONE, ex);
        }
        boolean found = false;
        for (JsonNode t : e.path("target")) {
            if ("User".equals(t.path("type").asText()) && t.hasNonNull("id")) {
                into.add(t.get("id").asText());
                found = true;
            }
        }
        JsonNode actor = e.path("actor");
        if (!found && "User".equals(actor.path("type").asText()) && actor.hasNonNull("id")) {
            into.add(actor.get("id").asText());
        }
    }
}
