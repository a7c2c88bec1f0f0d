package dev.oktainputs.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * The users of a {@link FakeOrg}: the id-ordered store the server pages through, generated from the org's seed, and
 * the changes tests make to it (each stamps {@code lastUpdated} with the org's clock). {@link FakeOrg} holds its lock
 * around every change and tells the directory what a change means for it.
 */
final class OrgUsers {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Clock clock;
    private final UserGenerator generator;
    private final ConcurrentSkipListMap<String, FakeUser> users = new ConcurrentSkipListMap<>();

    OrgUsers(long seed, String linkBaseUrl, Clock clock, int count) {
        this.clock = clock;
        this.generator = new UserGenerator(seed, linkBaseUrl);
        long now = clock.millis();
        for (int i = 0; i < count; i++) {
            FakeUser u = generator.historic(now);
            users.put(u.id(), u);
        }
    }

    NavigableMap<String, FakeUser> index() {
        return users;
    }

    List<String> updateUsers(int n) {
        List<String> candidates = new ArrayList<>();
        for (FakeUser u : users.values()) {
            if (!"DEPROVISIONED".equals(u.status())) {
                candidates.add(u.id());
            }
        }
        if (n < 0 || n > candidates.size()) {
            throw new IllegalArgumentException("cannot update " + n + " of " + candidates.size() + " users");
        }
        List<String> changed = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int j = i + generator.nextInt(candidates.size() - i);
            String id = candidates.set(j, candidates.get(i));
            candidates.set(i, id);
            updateUser(id, Map.of("costCenter", generator.nextCostCenter()));
            changed.add(id);
        }
        return changed;
    }

    FakeUser updateUser(String id, Map<String, ?> profileChanges) {
        return mutate(id, node -> {
            ObjectNode profile = (ObjectNode) node.get("profile");
            profileChanges.forEach((k, v) -> profile.set(k, MAPPER.valueToTree(v)));
        });
    }

    FakeUser setStatus(String id, String status) {
        Objects.requireNonNull(status, "status");
        return mutate(id, node -> {
            node.put("status", status);
            node.put("statusChanged", node.get("lastUpdated").asText());
        });
    }

    List<String> add(int n) {
        long now = clock.instant().truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            FakeUser u = generator.created(now);
            users.put(u.id(), u);
            ids.add(u.id());
        }
        return ids;
    }

    boolean remove(String id) {
        return users.remove(id) != null;
    }

    private FakeUser mutate(String id, Consumer<ObjectNode> change) {
        FakeUser current = users.get(id);
        if (current == null) {
            throw new NoSuchElementException("no user " + id);
        }
        try {
            ObjectNode node = (ObjectNode) MAPPER.readTree(current.json());
            node.put("lastUpdated", Ids.oktaTime(clock.instant()));
            change.accept(node);
            FakeUser updated = FakeUser.fromTree(node, MAPPER.writeValueAsString(node));
            users.put(id, updated);
            return updated;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
