package dev.oktainputs.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * One page cut out of an id-ordered collection: the rendered items and, when more follow, the id the next page's
 * {@code after} cursor points past. Ordering by id keeps cursors valid while objects change, as Okta's do.
 *
 * @param items       the rendered JSON objects
 * @param nextAfterId the last id on this page when another page follows, else null
 */
record Slice(List<String> items, String nextAfterId) {

    static <V> Slice of(NavigableMap<String, V> byId, String afterId, int limit, Predicate<V> include,
                        BiFunction<String, V, String> render) {
        NavigableMap<String, V> rest = afterId == null ? byId : byId.tailMap(afterId, false);
        List<String> page = new ArrayList<>(Math.min(limit, 256));
        String lastId = null;
        for (var e : rest.entrySet()) {
            if (!include.test(e.getValue())) {
                continue;
            }
            if (page.size() == limit) {
                return new Slice(page, lastId);
            }
            String json = render.apply(e.getKey(), e.getValue());
            if (json != null) {
                page.add(json);
                lastId = e.getKey();
            }
        }
        return new Slice(page, null);
    }
}
