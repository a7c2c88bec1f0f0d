package dev.oktainputs.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.conformance.InputFamilySuite;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code devices} family: its one member and its scope (a service app granted exactly the declared scope runs it,
 * one without is told which scope).
 */
class DevicesFamilyTest extends InputFamilySuite {

    @Override
    protected String family() {
        return "devices";
    }

    @Override
    protected List<String> expectedMembers() {
        return List.of("devices");
    }

    @Override
    protected void fill(FakeOrg org) {
        org.devices().add("Example device name 1", "WINDOWS");
    }

    @Test
    void declaresItsScopeProbeAndSchedule() {
        OktaInput input = new DevicesInput();
        assertThat(input.requiredScopes()).containsExactly("okta.devices.read");
        assertThat(input.probePath()).isEqualTo("/api/v1/devices?limit=1");
        assertThat(input.defaultSchedule()).isEqualTo(OktaInput.DEFAULT_SCHEDULE);
    }
}
