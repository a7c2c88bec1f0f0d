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
        return List.of("resource_sets", "resource_set_bindings", "resource_set_resources");
    }

    @Override
    protected void fill(FakeOrg org) {
        String set = org.resourceSets().add("SF-IT-1", "First San Francisco IT Resource Set");
        org.resourceSets().addResource(set, "orn:okta:directory:00o1:groups:00g1", "/api/v1/groups/00g1");
        org.resourceSets().bind(set, "cr0WxyzJxGIr0ouum0g4");
    }
}
