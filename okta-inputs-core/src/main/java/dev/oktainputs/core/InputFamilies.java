package dev.oktainputs.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The names users configure are stream families: each input declares its {@link OktaInput#family()} (its own name
 * unless it joins another, as {@code group_members} joins {@code groups}), and a family is every input present that
 * declares it. The runner's YAML ({@code inputs.<family>}), the Kafka connector's {@code okta.inputs} and
 * {@code okta-inputs demo} all expand families through this one resolver, so an input on the classpath, ours or a
 * third party's, joins its family without any list being edited.
 *
 * <p>Families are ordered by name; a family's inputs start with the one named like the family, then by name.
 */
public final class InputFamilies {

    private final Map<String, List<OktaInput>> families;
    private final Map<String, String> familyOfInput;

    private InputFamilies(Map<String, List<OktaInput>> families, Map<String, String> familyOfInput) {
        this.families = families;
        this.familyOfInput = familyOfInput;
    }

    /**
     * @return the families of every input on the classpath ({@link Inputs#discover()})
     */
    public static InputFamilies discover() {
        return of(Inputs.discover().values());
    }

    /**
     * @param loader where to look for inputs
     * @return the families of every input visible to {@code loader}
     */
    public static InputFamilies discover(ClassLoader loader) {
        return of(Inputs.discover(loader).values());
    }

    /**
     * @param inputs the inputs present
     * @return their families
     * @throws IllegalStateException when a family's inputs declare different default schedules, or an input is named
     *         like a family it does not belong to (then one configured name would mean two things)
     */
    public static InputFamilies of(Collection<? extends OktaInput> inputs) {
        Map<String, List<OktaInput>> byFamily = new TreeMap<>();
        Map<String, String> familyOf = new TreeMap<>();
        for (OktaInput input : inputs) {
            byFamily.computeIfAbsent(input.family(), f -> new ArrayList<>()).add(input);
            familyOf.put(input.name(), input.family());
        }
        Map<String, List<OktaInput>> families = new LinkedHashMap<>();
        byFamily.forEach((family, members) -> {
            members.sort(Comparator.comparing((OktaInput i) -> !i.name().equals(family)).thenComparing(OktaInput::name));
            Set<String> schedules = new java.util.TreeSet<>();
            members.forEach(m -> schedules.add(m.defaultSchedule()));
            if (schedules.size() > 1) {
                throw new IllegalStateException("the inputs of family '" + family + "' declare different default schedules "
                        + schedules + "; a family runs on one schedule");
            }
            String other = familyOf.get(family);
            if (other != null && !other.equals(family)) {
                throw new IllegalStateException("input '" + family + "' belongs to family '" + other
                        + "' but another input declares a family of that name");
            }
            families.put(family, List.copyOf(members));
        });
        return new InputFamilies(Collections.unmodifiableMap(families), Collections.unmodifiableMap(familyOf));
    }

    /**
     * @return every family by name, each with its inputs
     */
    public Map<String, List<OktaInput>> all() {
        return families;
    }

    /**
     * @return the family names, ordered
     */
    public Set<String> names() {
        return families.keySet();
    }

    /**
     * @param family a configured name
     * @return its inputs, empty when no input present belongs to it
     */
    public List<OktaInput> members(String family) {
        return families.getOrDefault(family, List.of());
    }

    /**
     * @param family a configured name
     * @return the names of its inputs, empty when no input present belongs to it
     */
    public List<String> inputNames(String family) {
        return members(family).stream().map(OktaInput::name).toList();
    }

    /**
     * @param input an input name, e.g. {@code group_members}
     * @return the family it belongs to, e.g. {@code groups}; a name no input present has stands for itself
     */
    public String familyOf(String input) {
        return familyOfInput.getOrDefault(input, input);
    }

    /**
     * @param family a family present
     * @return the cron its inputs declare ({@link OktaInput#defaultSchedule()})
     * @throws IllegalArgumentException when no input present belongs to {@code family}
     */
    public String defaultSchedule(String family) {
        List<OktaInput> members = members(family);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("no input of family '" + family + "'");
        }
        return members.get(0).defaultSchedule();
    }
}
