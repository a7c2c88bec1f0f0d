package dev.oktainputs.core.fanout;

import dev.oktainputs.api.Checkpoint;
import dev.oktainputs.core.OrgUrl;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Where a fan-out stands, as saved in a checkpoint: every parent before {@code parent} in listing order is
 * done; {@code parent} itself is done when {@code childNext} is null, otherwise its children continue at
 * {@code childNext}. {@code parentsPage} is the URL of the parent page that holds {@code parent}, so a resumed
 * run fetches that page again and carries on after (or within) that parent.
 *
 * @param parentsPage the parent page holding {@code parent}
 * @param parent      the id of the last parent written (fully or up to {@code childNext})
 * @param childNext   the next page of the parent's children, or null when the parent is complete
 */
public record FanOutPosition(HttpUrl parentsPage, String parent, HttpUrl childNext) {

    /** Checkpoint key of {@link #parentsPage()}. */
    public static final String PARENTS_PAGE = "parents_page";
    /** Checkpoint key of {@link #parent()}. */
    public static final String PARENT = "parent";
    /** Checkpoint key of {@link #childNext()}. */
    public static final String CHILD_NEXT = "child_next";

    /** Validates. */
    public FanOutPosition {
        Objects.requireNonNull(parentsPage, "parentsPage");
        Objects.requireNonNull(parent, "parent");
    }

    /**
     * @param org  the org, to store paths rather than absolute URLs
     * @param into the checkpoint values to add to
     */
    public void writeTo(OrgUrl org, Map<String, Object> into) {
        into.put(PARENTS_PAGE, org.relativize(parentsPage));
        into.put(PARENT, parent);
        if (childNext != null) {
            into.put(CHILD_NEXT, org.relativize(childNext));
        }
    }

    /**
     * @param org        the org
     * @param checkpoint a checkpoint
     * @return the position it names, or null when it names none
     */
    public static FanOutPosition readFrom(OrgUrl org, Checkpoint checkpoint) {
        String page = checkpoint.getString(PARENTS_PAGE);
        String parent = checkpoint.getString(PARENT);
        if (page == null || parent == null) {
            return null;
        }
        String next = checkpoint.getString(CHILD_NEXT);
        return new FanOutPosition(org.resolve(page), parent, next == null ? null : org.resolve(next));
    }
}
