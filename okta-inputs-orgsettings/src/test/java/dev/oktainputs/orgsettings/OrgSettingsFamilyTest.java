package dev.oktainputs.orgsettings;

import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.conformance.InputFamilySuite;
import java.util.List;

/**
 * The {@code org_settings} family: its members, and for each the OAuth scope it declares is the one Okta (the fake)
 * asks for on its endpoint, so a service app granted exactly the declared scopes can run it and one without cannot.
 */
class OrgSettingsFamilyTest extends InputFamilySuite {

    @Override
    protected String family() {
        return "org_settings";
    }

    @Override
    protected List<String> expectedMembers() {
        return List.of("authorization_servers", "identity_providers", "network_zones", "trusted_origins");
    }

    @Override
    protected void fill(FakeOrg org) {
        org.networkZones().addIpZone("Offices", "POLICY", "203.0.113.0/24");
        org.identityProviders().add("SAML2", "Partner SSO");
        org.authorizationServers().add("Orders API", "Orders", "api://orders");
        org.trustedOrigins().add("Intranet", "https://intranet.example.com", "CORS");
    }
}
