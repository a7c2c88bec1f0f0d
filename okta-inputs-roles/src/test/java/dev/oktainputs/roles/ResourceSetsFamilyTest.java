package dev.oktainputs.roles;

import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.conformance.InputFamilySuite;
import java.util.List;

/**
 * The {@code resource_sets} family: its members, and the OAuth scope it declares is the one Okta (the fake) asks for
 * on its endpoint, so a service app granted exactly the declared scopes can run it and one without cannot.
 */
class ResourceSetsFamilyTest extends InputFamilySuite {

    @Override
    protected String family() {
        return "resource_sets";
    }

    @Override
    protected List<String> expectedMembers() {
        return List.of("resource_sets");
    }

    @Override
    protected void fill(FakeOrg org) {
        org.resourceSets().add("SF-IT-1", "First San Francisco IT Resource Set");
    }
}
