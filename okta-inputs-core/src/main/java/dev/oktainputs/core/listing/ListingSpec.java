package dev.oktainputs.core.listing;

import dev.oktainputs.core.http.PageItem;
import dev.oktainputs.core.json.JsonRedaction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a plain listing input plugs into {@link ListingRun}: the endpoint, its paging quirks, whether it can
 * filter on {@code lastUpdated} (and on which further change timestamps), and labels. A new listing input is its {@code OktaInput} plus one spec.
 *
 * <pre>{@code
 * ListingSpec.builder("groups", "/api/v1/groups", "okta.groups.read")
 *         .pageSize(1000).incrementalOn("lastUpdated").labels(item -> rules.labels(...)).build();
 * }</pre>
 */
public final class ListingSpec {

    private final String stream;
    private final String path;
    private final String scope;
    private final int pageSize;
    private final String itemsField;
    private final String filterAttribute;
    private final List<String> alsoChangedBy;
    private final Function<PageItem, Map<String, String>> labels;
    private final Function<String, Map<String, String>> deleteLabels;
    private final List<String> redacted;
    private final Map<String, String> query;

    private ListingSpec(Builder b) {
        this.stream = b.stream;
        this.path = b.path;
        this.scope = b.scope;
        this.pageSize = b.pageSize;
        this.itemsField = b.itemsField;
        this.filterAttribute = b.filterAttribute;
        this.alsoChangedBy = List.copyOf(b.alsoChangedBy);
        this.labels = b.labels;
        this.deleteLabels = b.deleteLabels;
        this.redacted = List.copyOf(b.redacted);
        this.query = Collections.unmodifiableMap(new LinkedHashMap<>(b.query));
    }

    /**
     * @param stream the stream name, e.g. {@code groups}
     * @param path   the list endpoint, e.g. {@code /api/v1/groups}
     * @param scope  the OAuth scope it needs, named in permission errors
     * @return a builder
     */
    public static Builder builder(String stream, String path, String scope) {
        return new Builder(stream, path, scope);
    }

    /** @return the stream name */
    public String stream() {
        return stream;
    }

    /** @return the list endpoint's path */
    public String path() {
        return path;
    }

    /** @return the OAuth scope */
    public String scope() {
        return scope;
    }

    /** @return the {@code limit} to send, or 0 for endpoints that are not paged */
    public int pageSize() {
        return pageSize;
    }

    /** @return null for a JSON-array body, else the body field that wraps the items (next link in the body) */
    public String itemsField() {
        return itemsField;
    }

    /** @return the attribute incremental runs filter on ({@code lastUpdated}), or null when every run lists all */
    public String filterAttribute() {
        return filterAttribute;
    }

    /**
     * @return further timestamp attributes that mark a change between full syncs (e.g. a group's
     *         {@code lastMembershipUpdated}): incremental runs ask for {@code filterAttribute ge "<since>" or
     *         other ge "<since>"}, and an object's version is the latest of all of them. Empty for most endpoints.
     */
    public List<String> alsoChangedBy() {
        return alsoChangedBy;
    }

    /** @return labels for an item */
    public Function<PageItem, Map<String, String>> labels() {
        return labels;
    }

    /** @return labels for a DELETE of an id */
    public Function<String, Map<String, String>> deleteLabels() {
        return deleteLabels;
    }

    /**
     * @return dotted paths of the values replaced by {@link JsonRedaction#REDACTED} in each record (secrets of
     *         something else that Okta lists, e.g. an identity provider's client secret); empty for none
     */
    public List<String> redacted() {
        return redacted;
    }

    /** @return further query parameters every first request sends (e.g. {@code type} for policies), in order; often none */
    public Map<String, String> query() {
        return query;
    }

    /** Builds a {@link ListingSpec}. */
    public static final class Builder {
        private final String stream;
        private final String path;
        private final String scope;
        private int pageSize;
        private String itemsField;
        private String filterAttribute;
        private final List<String> alsoChangedBy = new ArrayList<>();
        private Function<PageItem, Map<String, String>> labels = item -> Map.of();
        private Function<String, Map<String, String>> deleteLabels = id -> Map.of();
        private final List<String> redacted = new ArrayList<>();
        private final Map<String, String> query = new LinkedHashMap<>();

        private Builder(String stream, String path, String scope) {
            this.stream = Objects.requireNonNull(stream, "stream");
            this.path = Objects.requireNonNull(path, "path");
            this.scope = scope;
        }

        /**
         * @param pageSize the {@code limit} parameter; 0 (default) sends none
         * @return this
         */
        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /**
         * @param itemsField the body field wrapping the items, e.g. {@code roles}
         * @return this
         */
        public Builder wrappedIn(String itemsField) {
            this.itemsField = itemsField;
            return this;
        }

        /**
         * @param attribute the timestamp attribute {@code filter} supports, e.g. {@code lastUpdated}
         * @return this
         */
        public Builder incrementalOn(String attribute) {
            this.filterAttribute = attribute;
            this.alsoChangedBy.clear();
            return this;
        }

        /**
         * Incremental on several timestamps: a run between full syncs asks for objects where any of them is at or
         * after {@code since} ({@code filter=a ge "…" or b ge "…"}), and an object counts as changed when the latest
         * of them moved. Record timestamps stay the first attribute's.
         *
         * @param attribute    the main timestamp attribute, e.g. {@code lastUpdated}
         * @param alsoChangedBy further top-level timestamp attributes the endpoint's {@code filter} supports, e.g.
         *                     {@code lastMembershipUpdated}
         * @return this
         */
        public Builder incrementalOn(String attribute, String... alsoChangedBy) {
            this.filterAttribute = Objects.requireNonNull(attribute, "attribute");
            this.alsoChangedBy.clear();
            Collections.addAll(this.alsoChangedBy, alsoChangedBy);
            return this;
        }

        /**
         * @param labels labels of an item (import rules)
         * @return this
         */
        public Builder labels(Function<PageItem, Map<String, String>> labels) {
            this.labels = Objects.requireNonNull(labels);
            return this;
        }

        /**
         * @param deleteLabels labels of a DELETE by id
         * @return this
         */
        public Builder deleteLabels(Function<String, Map<String, String>> deleteLabels) {
            this.deleteLabels = Objects.requireNonNull(deleteLabels);
            return this;
        }

        /**
         * @param name  a query parameter the endpoint requires or takes, e.g. {@code type}
         * @param value its value, e.g. {@code PASSWORD}
         * @return this
         */
        public Builder query(String name, String value) {
            query.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param paths dotted paths of values that are credentials of something else, replaced by
         *              {@link JsonRedaction#REDACTED} before a record is written, e.g.
         *              {@code protocol.credentials.client.client_secret}
         * @return this
         */
        public Builder redact(String... paths) {
            redacted.addAll(List.of(paths));
            return this;
        }

        /**
         * @return the spec
         */
        public ListingSpec build() {
            return new ListingSpec(this);
        }
    }
}
