package dev.oktainputs.runner;

import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakeUser;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The org {@code okta-inputs demo} serves: users, groups, apps, admin roles, API tokens, org settings, policies,
 * devices, factors and a System Log, all drawn from the seed (so the README's posture answers are reproducible).
 */
final class DemoOrg {

    private DemoOrg() {
    }

    /**
     * @param users how many users
     * @param seed  the seed
     * @param clock the org's clock
     * @return the demo org
     */
    static FakeOrg build(int users, long seed, Clock clock) {
        FakeOrg org = FakeOrg.builder().seed(seed).users(users).clock(clock).build();
        org.directory().generate(DirectoryShape.of(Math.max(1, users / 30), 20, Math.max(1, users / 100), 40)
                .withAdmins(10).withAdminGroups(3).withCustomRoles(4).withApiTokens(6).withAppGroups(3));
        org.systemLog().generate(2_000, Duration.ofMinutes(30));
        org.trustedOrigins().add("Intranet", "https://intranet.example.com", "CORS", "REDIRECT");
        org.trustedOrigins().add("Support portal", "https://support.example.com", "REDIRECT");
        org.trustedOrigins().add("Status page", "https://status.example.com", "IFRAME_EMBED");
        org.networkZones().addSystemZones();
        org.networkZones().addIpZone("Offices", "POLICY", "203.0.113.0/24", "198.51.100.10-198.51.100.20");
        org.networkZones().addDynamicZone("Sanctioned countries", "BLOCKLIST", "ANY", "KP", "IR", "SY");
        org.identityProviders().add("SAML2", "Partner SSO");
        org.identityProviders().add("GOOGLE", "Google");
        org.identityProviders().add("OIDC", "Contractors");
        org.authorizationServers().add("default", "Default Authorization Server for your Applications", "api://default");
        org.authorizationServers().add("Orders API", "Tokens for the orders API", "api://orders");
        demoGroupRulesAndUserTypes(org);
        demoResourceSets(org);
        org.authenticators().addDefaults();
        String signOn = org.policies().add("OKTA_SIGN_ON", "Default Policy");
        org.policies().addRule(signOn, "Default Rule");
        org.policies().addRule(signOn, "Require MFA off-network");
        String password = org.policies().add("PASSWORD", "Default Policy");
        org.policies().addRule(password, "Default Rule");
        String mfa = org.policies().add("MFA_ENROLL", "Default Policy");
        org.policies().addRule(mfa, "Default Rule");
        org.policies().disableType("DEVICE_SIGNAL_COLLECTION"); // a feature this org lacks: skipped with a warning
        demoDevices(org);
        demoFactors(org);
        return org;
    }

    /**
     * Every user's MFA factors, drawn from the user's position: 1 in 20 has none, 1 in 20 only SMS, the others Okta
     * Verify push; of those, every third also FastPass ({@code signed_nonce}), every seventh a security key
     * ({@code webauthn}); 1 in 50 has its push factor suspended.
     */
    private static void demoFactors(FakeOrg org) {
        List<FakeUser> all = org.users();
        for (int i = 0; i < all.size(); i++) {
            String u = all.get(i).id();
            if (i % 20 == 0) {
                continue;
            }
            if (i % 20 == 1) {
                org.factors().enroll(u, "sms", "OKTA");
                continue;
            }
            String push = org.factors().enroll(u, "push", "OKTA");
            if (i % 3 == 0) {
                org.factors().enroll(u, "signed_nonce", "OKTA");
            }
            if (i % 7 == 0) {
                org.factors().enroll(u, "webauthn", "FIDO");
            }
            if (i % 50 == 2) {
                org.factors().setStatus(u, push, "SUSPENDED");
            }
        }
    }

    /** Two group rules on the demo's groups (one active) and three user types, two with custom attributes. */
    static void demoGroupRulesAndUserTypes(FakeOrg org) {
        List<String> groups = org.directory().groups().stream().map(g -> g.id()).toList();
        String active = org.groupRules().add("Engineers", "user.department==\"Engineering\"", groups.get(groups.size() - 1));
        org.groupRules().activate(active);
        org.groupRules().add("Contractors", "user.userType==\"Contractor\"", groups.get(0));
        String user = org.userTypes().addDefault();
        org.userTypes().addCustomProperty(user, "costCenter", "Cost center", "string");
        String contractor = org.userTypes().add("contractor", "Contractor", "External staff");
        org.userTypes().addCustomProperty(contractor, "contractEnd", "Contract end", "string");
        org.userTypes().addCustomProperty(contractor, "clearance", "Clearance level", "integer");
        org.userTypes().add("service", "Service account", "Non-human accounts");
    }

    /** Four devices, enrolled by the first users (if any), one of them shared. */
    static void demoDevices(FakeOrg org) {
        String[] u = org.users().stream().limit(3).map(x -> x.id()).toArray(String[]::new);
        org.devices().add("Shared iPad", "IOS", u);
        org.devices().add("Front desk kiosk", "WINDOWS");
        org.devices().add("MacBook Pro", "MACOS", Stream.of(u).limit(1).toArray(String[]::new));
        org.devices().add("Pixel 8", "ANDROID", Stream.of(u).skip(1).limit(1).toArray(String[]::new));
    }

    /** Two resource sets (a group and all users; all apps), each bound to one of the demo's custom roles. */
    static void demoResourceSets(FakeOrg org) {
        String group = org.directory().groups().get(0).id();
        List<String> roles = org.directory().roles().customRoleIds();
        String orn = "orn:okta:directory:00o1demo0rg0000000"; // the ORN's org id: a fixed placeholder
        String people = org.resourceSets().add("SF-IT-1", "First San Francisco IT Resource Set");
        org.resourceSets().addResource(people, orn + ":groups:" + group,
                "/api/v1/groups/" + group);
        org.resourceSets().addResource(people, orn + ":users", "/api/v1/users");
        org.resourceSets().bind(people, roles.get(0));
        String apps = org.resourceSets().add("SF-IT-2", "Second San Francisco IT Resource Set");
        org.resourceSets().addResource(apps, "orn:okta:idp:00o1demo0rg0000000:apps", "/api/v1/apps");
        org.resourceSets().bind(apps, roles.get(1));
    }

}
