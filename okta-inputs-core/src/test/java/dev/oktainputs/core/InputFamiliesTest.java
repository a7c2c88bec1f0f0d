package dev.oktainputs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktainputs.api.Checkpoint;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InputFamiliesTest {

    private static OktaInput input(String name, String family, String schedule) {
        return new OktaInput() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String family() {
                return family;
            }

            @Override
            public String defaultSchedule() {
                return schedule;
            }

            @Override
            public Set<String> requiredScopes() {
                return Set.of();
            }

            @Override
            public InputRun open(InputContext context, Checkpoint checkpoint) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void anInputJoinsTheFamilyItDeclaresAndTheFamilyNamedInputComesFirst() {
        InputFamilies families = InputFamilies.of(List.of(input("group_members", "groups", "*/30 * * * *"),
                input("zones", "zones", "@hourly"), input("groups", "groups", "*/30 * * * *"),
                input("a_group_thing", "groups", "*/30 * * * *")));

        assertThat(families.names()).containsExactly("groups", "zones");
        assertThat(families.inputNames("groups")).containsExactly("groups", "a_group_thing", "group_members");
        assertThat(families.familyOf("group_members")).isEqualTo("groups");
        assertThat(families.familyOf("zones")).isEqualTo("zones");
        assertThat(families.familyOf("not_here")).isEqualTo("not_here");
        assertThat(families.members("not_here")).isEmpty();
        assertThat(families.defaultSchedule("zones")).isEqualTo("@hourly");
        assertThat(families.defaultSchedule("groups")).isEqualTo(OktaInput.DEFAULT_SCHEDULE);
    }

    @Test
    void aFamilyWithoutTheInputOfItsNameStillExists() {
        InputFamilies families = InputFamilies.of(List.of(input("role_assignments", "roles", "*/30 * * * *"),
                input("custom_roles", "roles", "*/30 * * * *")));
        assertThat(families.names()).containsExactly("roles");
        assertThat(families.inputNames("roles")).containsExactly("custom_roles", "role_assignments");
    }

    @Test
    void oneFamilyRunsOnOneDefaultSchedule() {
        assertThatThrownBy(() -> InputFamilies.of(List.of(input("a", "f", "* * * * *"), input("b", "f", "@daily"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'f'").hasMessageContaining("@daily");
    }

    @Test
    void anInputCannotBeNamedLikeAnotherFamily() {
        assertThatThrownBy(() -> InputFamilies.of(List.of(input("groups", "directory", "* * * * *"),
                input("group_members", "groups", "* * * * *"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("input 'groups' belongs to family 'directory'");
    }

    @Test
    void theInputsOnTheClasspathFormTheirFamilies() {
        // core has no input of its own: discovery finds none here, and that is an empty set of families, not an error
        assertThat(InputFamilies.discover(InputFamiliesTest.class.getClassLoader()).names()).isEmpty();
    }
}
