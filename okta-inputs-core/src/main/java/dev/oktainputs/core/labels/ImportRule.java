package dev.oktainputs.core.labels;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One import rule, the shape of Teleport's {@code okta_import_rule} resource: a priority and mappings, each
 * mapping a list of matches (any of which applies it) and the labels it adds. Rules are applied in ascending
 * priority, so on a conflicting label key the rule with the higher priority wins.
 *
 * @param name     the rule's {@code metadata.name} (or its position when unnamed), for messages and ordering
 * @param priority its priority; higher wins
 * @param mappings its mappings, in order
 */
public record ImportRule(String name, long priority, List<Mapping> mappings) {

    /** Copies. */
    public ImportRule {
        Objects.requireNonNull(name, "name");
        mappings = List.copyOf(mappings);
    }

    /**
     * One mapping: when any of {@code match} matches, {@code addLabels} are added.
     *
     * @param match     the matches (any one suffices)
     * @param addLabels the labels to add
     */
    public record Mapping(List<Match> match, Map<String, String> addLabels) {

        /** Copies. */
        public Mapping {
            match = List.copyOf(match);
            addLabels = Map.copyOf(addLabels);
        }

        boolean matches(LabelTarget target) {
            for (Match m : match) {
                if (m.matches(target)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * One match: an app or group whose id is listed, or whose name any regex finds a match in (Teleport uses
     * unanchored Go regexes; write {@code ^…$} to match whole names).
     *
     * @param appIds           app ids
     * @param groupIds         group ids
     * @param appNameRegexes   regexes on the app's label
     * @param groupNameRegexes regexes on the group's name
     */
    public record Match(Set<String> appIds, Set<String> groupIds, List<Pattern> appNameRegexes,
                        List<Pattern> groupNameRegexes) {

        /** Copies. */
        public Match {
            appIds = Set.copyOf(appIds);
            groupIds = Set.copyOf(groupIds);
            appNameRegexes = List.copyOf(appNameRegexes);
            groupNameRegexes = List.copyOf(groupNameRegexes);
        }

        boolean matches(LabelTarget t) {
            if (t.appId() != null && appIds.contains(t.appId())) {
                return true;
            }
            if (t.groupId() != null && groupIds.contains(t.groupId())) {
                return true;
            }
            return finds(appNameRegexes, t.appName()) || finds(groupNameRegexes, t.groupName());
        }

        private static boolean finds(List<Pattern> patterns, String name) {
            if (name == null) {
                return false;
            }
            for (Pattern p : patterns) {
                if (p.matcher(name).find()) {
                    return true;
                }
            }
            return false;
        }
    }
}
