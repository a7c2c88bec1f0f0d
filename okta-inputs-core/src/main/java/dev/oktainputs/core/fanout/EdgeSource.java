package dev.oktainputs.core.fanout;

import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.http.PageRequest;
import java.time.Instant;

/**
 * What an edge input plugs into {@link FanOutRun}: which parents to list, how to list each parent's children,
 * and how a child becomes an edge record. About 40 lines for a new edge stream.
 *
 * @param <P> what is kept of each parent while its children are listed
 */
public interface EdgeSource<P> {

    /**
     * @param org   the org
     * @param since null to list every parent; otherwise list only the parents whose edges changed at or after
     *              {@code since} (only asked when {@link #filtersParents()} is true)
     * @return the first page of the parent listing
     */
    PageRequest parents(OrgUrl org, Instant since);

    /** @return true when {@link #parents} can list just the parents whose edges changed (groups can, apps cannot) */
    default boolean filtersParents() {
        return false;
    }

    /**
     * @param item a parent as listed
     * @return what edges of this parent need (called once per parent, in listing order)
     */
    P parent(PageItem item);

    /**
     * @param org    the org
     * @param parent the parent
     * @return the first page of its children
     */
    PageRequest children(OrgUrl org, P parent);

    /**
     * @param parent the parent
     * @param child  one child as listed
     * @return the edge, or null to skip the child
     */
    Edge edge(P parent, PageItem child);
}
