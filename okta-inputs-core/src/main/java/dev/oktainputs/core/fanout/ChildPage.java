package dev.oktainputs.core.fanout;

import dev.oktainputs.core.http.Page;

/**
 * One page of one parent's children, handed out by {@link FanOut} in deterministic order: parents in listing
 * order, each parent's pages in order, whatever order the requests completed in.
 *
 * @param parent        the parent, as prepared by the fan-out's {@code prepare} function
 * @param parentId      the parent's Okta id
 * @param page          the child page (empty when {@code vanished})
 * @param fromStart     true when this run listed the parent from its first page (false after resuming within it)
 * @param lastOfParent  true on the parent's last page
 * @param lastOfListing true on the last page of the last parent: nothing follows
 * @param position      where the fan-out stands once this page is written
 * @param vanished      true when the parent was deleted after this run listed it: Okta answered its child listing
 *                      with {@code 404 E0000007}, so it has no children any more (the page is then empty and the
 *                      parent's last)
 * @param <P>           the prepared parent type
 */
public record ChildPage<P>(P parent, String parentId, Page page, boolean fromStart, boolean lastOfParent,
                           boolean lastOfListing, FanOutPosition position, boolean vanished) {

    /** A page of a parent that still exists. */
    public ChildPage(P parent, String parentId, Page page, boolean fromStart, boolean lastOfParent,
                     boolean lastOfListing, FanOutPosition position) {
        this(parent, parentId, page, fromStart, lastOfParent, lastOfListing, position, false);
    }
}
