package dev.oktainputs.core.labels;

/**
 * What an import rule is matched against: an app, a group, or an edge that joins both (an app's group
 * assignment). Names are optional (null when the record does not carry them); ids are Okta ids.
 *
 * @param appId     the app's id, or null
 * @param appName   the app's label (display name), or null
 * @param groupId   the group's id, or null
 * @param groupName the group's {@code profile.name}, or null
 */
public record LabelTarget(String appId, String appName, String groupId, String groupName) {

    /**
     * @param id   the app id
     * @param name its label, may be null
     * @return a target for an app record or an edge of that app
     */
    public static LabelTarget app(String id, String name) {
        return new LabelTarget(id, name, null, null);
    }

    /**
     * @param id   the group id
     * @param name its name, may be null
     * @return a target for a group record or an edge of that group
     */
    public static LabelTarget group(String id, String name) {
        return new LabelTarget(null, null, id, name);
    }
}
