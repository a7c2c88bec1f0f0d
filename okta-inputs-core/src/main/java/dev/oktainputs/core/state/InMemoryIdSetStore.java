package dev.oktainputs.core.state;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link IdSetStore} in memory, for tests and one-shot jobs. */
public final class InMemoryIdSetStore implements IdSetStore {

    private final Map<String, Set<String>> files = new ConcurrentHashMap<>();

    @Override
    public Set<String> load(String org, String stream, long generation, int segments) {
        Set<String> ids = new HashSet<>();
        if (generation > 0) {
            ids.addAll(require(key(org, stream, generation, 0)));
        }
        for (int s = 1; s <= segments; s++) {
            ids.addAll(require(key(org, stream, generation, s)));
        }
        return ids;
    }

    private Set<String> require(String key) {
        Set<String> ids = files.get(key);
        if (ids == null) {
            throw new IllegalStateException("id set " + key.replace('\n', ' ') + " is missing");
        }
        return ids;
    }

    @Override
    public void saveBase(String org, String stream, long generation, Collection<String> ids) {
        files.put(key(org, stream, generation, 0), Set.copyOf(ids));
    }

    @Override
    public void saveSegment(String org, String stream, long generation, int segment, Collection<String> ids) {
        files.put(key(org, stream, generation, segment), Set.copyOf(ids));
    }

    @Override
    public void retainOnly(String org, String stream, long generation, int segments) {
        String prefix = org + "\n" + stream + "\n";
        files.keySet().removeIf(k -> {
            if (!k.startsWith(prefix)) {
                return false;
            }
            String[] gs = k.substring(prefix.length()).split("\n");
            return Long.parseLong(gs[0]) != generation || Integer.parseInt(gs[1]) > segments;
        });
    }

    /**
     * @param org    the org
     * @param stream the stream
     * @return how many files (bases and segments) are held for the stream
     */
    public int fileCount(String org, String stream) {
        String prefix = org + "\n" + stream + "\n";
        return (int) files.keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }

    private static String key(String org, String stream, long generation, int segment) {
        return org + "\n" + stream + "\n" + generation + "\n" + segment;
    }
}
