package dev.oktainputs.testkit;

/**
 * How big a {@link FakeOrg}'s directory is: groups and memberships, apps and their assignments, admin roles and
 * API tokens. Generated from the org's seed by {@link FakeDirectory#generate(DirectoryShape)}; the same seed,
 * users and shape give the same directory. Counts are averages where they say so (sizes vary per group and app,
 * some apps need several pages of users).
 *
 * @param groups           groups, including the BUILT_IN {@code Everyone} group (whose members are all users) when
 *                         at least 1; about 10% of the others are APP_GROUPs
 * @param avgMembers       average members of the other groups
 * @param apps             apps (about 10% INACTIVE)
 * @param avgAppUsers      average users assigned directly to an app
 * @param avgAppGroups     average groups assigned to an app
 * @param adminUsers       users with one or two standard admin roles
 * @param adminGroups      groups (never Everyone) holding a standard admin role
 * @param customRoles      custom admin roles ({@code /api/v1/iam/roles})
 * @param apiTokens        API tokens, owned by admin users
 */
public record DirectoryShape(int groups, int avgMembers, int apps, int avgAppUsers, int avgAppGroups,
                             int adminUsers, int adminGroups, int customRoles, int apiTokens) {

    /** Validates. */
    public DirectoryShape {
        if (groups < 0 || avgMembers < 0 || apps < 0 || avgAppUsers < 0 || avgAppGroups < 0 || adminUsers < 0
                || adminGroups < 0 || customRoles < 0 || apiTokens < 0) {
            throw new IllegalArgumentException("directory sizes must not be negative: " + this);
        }
    }

    /** @return nothing at all */
    public static DirectoryShape empty() {
        return new DirectoryShape(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * Groups and apps of the given sizes, plus a few admins, custom roles and API tokens.
     *
     * @param groups      groups (Everyone included)
     * @param avgMembers  average members per group
     * @param apps        apps
     * @param avgAppUsers average direct users per app
     * @return the shape (3 groups per app on average, 20 admin users, 3 admin groups, 5 custom roles, 10 tokens)
     */
    public static DirectoryShape of(int groups, int avgMembers, int apps, int avgAppUsers) {
        return new DirectoryShape(groups, avgMembers, apps, avgAppUsers, Math.min(3, groups), 20, Math.min(3, Math.max(0, groups - 1)),
                5, 10);
    }

    /**
     * @param n admin users
     * @return a copy with this many admin users
     */
    public DirectoryShape withAdmins(int n) {
        return new DirectoryShape(groups, avgMembers, apps, avgAppUsers, avgAppGroups, n, adminGroups, customRoles, apiTokens);
    }

    /**
     * @param n admin groups
     * @return a copy with this many admin groups
     */
    public DirectoryShape withAdminGroups(int n) {
        return new DirectoryShape(groups, avgMembers, apps, avgAppUsers, avgAppGroups, adminUsers, n, customRoles, apiTokens);
    }

    /**
     * @param n custom roles
     * @return a copy with this many custom roles
     */
    public DirectoryShape withCustomRoles(int n) {
        return new DirectoryShape(groups, avgMembers, apps, avgAppUsers, avgAppGroups, adminUsers, adminGroups, n, apiTokens);
    }

    /**
     * @param n tokens
     * @return a copy with this many API tokens
     */
    public DirectoryShape withApiTokens(int n) {
        return new DirectoryShape(groups, avgMembers, apps, avgAppUsers, avgAppGroups, adminUsers, adminGroups, customRoles, n);
    }

    /**
     * @param n groups per app
     * @return a copy with this average of groups per app
     */
    public DirectoryShape withAppGroups(int n) {
        return new DirectoryShape(groups, avgMembers, apps, avgAppUsers, n, adminUsers, adminGroups, customRoles, apiTokens);
    }
}
