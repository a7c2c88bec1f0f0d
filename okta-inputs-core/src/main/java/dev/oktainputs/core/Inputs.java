package dev.oktainputs.core;

import dev.oktainputs.core.error.OktaConfigurationException;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds inputs on the classpath by name, through {@link ServiceLoader}. */
public final class Inputs {

    private Inputs() {
    }

    /** @return every input on the classpath, by name (sorted) */
    public static Map<String, OktaInput> discover() {
        return discover(Thread.currentThread().getContextClassLoader());
    }

    /**
     * @param loader where to look
     * @return every input visible to {@code loader}, by name (sorted)
     */
    public static Map<String, OktaInput> discover(ClassLoader loader) {
        Map<String, OktaInput> found = new TreeMap<>();
        for (OktaInput input : ServiceLoader.load(OktaInput.class, loader)) {
            OktaInput previous = found.putIfAbsent(input.name(), input);
            if (previous != null && previous.getClass() != input.getClass()) {
                throw new IllegalStateException("two inputs are named '" + input.name() + "': "
                        + previous.getClass().getName() + " and " + input.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(found);
    }

    /**
     * The scopes an OAuth service app must request for these inputs: the union of their
     * {@link OktaInput#requiredScopes()}.
     *
     * @param inputs the enabled inputs
     * @return their scopes, sorted
     */
    public static java.util.SortedSet<String> requiredScopes(java.util.Collection<? extends OktaInput> inputs) {
        java.util.SortedSet<String> scopes = new java.util.TreeSet<>();
        inputs.forEach(i -> scopes.addAll(i.requiredScopes()));
        return java.util.Collections.unmodifiableSortedSet(scopes);
    }

    /**
     * @param name an input name, e.g. {@code users}
     * @return the input
     * @throws OktaConfigurationException naming the available inputs when there is none of that name
     */
    public static OktaInput byName(String name) {
        Map<String, OktaInput> all = discover();
        OktaInput input = all.get(name);
        if (input == null) {
            throw new OktaConfigurationException("inputs." + name, "no input of that name on the classpath. Available: "
                    + String.join(", ", all.keySet()) + ". Add the module that provides it (e.g. okta-inputs-" + name + ").");
        }
        return input;
    }
}
