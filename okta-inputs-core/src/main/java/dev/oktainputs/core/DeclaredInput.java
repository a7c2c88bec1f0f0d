package dev.oktainputs.core;

import dev.oktainputs.core.config.InputOption;
import dev.oktainputs.core.labels.ImportRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An input whose declaration — family, name, scopes, probe and options — is stated once, in its constructor: the base
 * of core's {@link dev.oktainputs.core.listing.ListingInput} and {@link dev.oktainputs.core.fanout.FanOutInput}.
 */
public abstract class DeclaredInput implements OktaInput {

    private final String family;
    private final String name;
    private final Set<String> scopes;
    private final String probePath;
    private final List<InputOption<?>> options;

    /**
     * @param family    the family it joins (its own name for none)
     * @param name      the input's and stream's name
     * @param scopes    the OAuth scopes it needs, in the order {@code check} reports them
     * @param probePath the cheap call {@code check} makes, e.g. {@code /api/v1/groups?limit=1}
     * @param options   every option it accepts, in the order they are documented
     */
    protected DeclaredInput(String family, String name, Collection<String> scopes, String probePath,
                            List<InputOption<?>> options) {
        this.family = Objects.requireNonNull(family, "family");
        this.name = Objects.requireNonNull(name, "name");
        this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
        this.probePath = probePath;
        this.options = List.copyOf(options);
    }

    /**
     * @param own    the input's own options, with {@link ImportRules#OPTION} if it labels records
     * @param shared the options its base reads, e.g. {@code full_sync_every}
     * @return the input's own options, then the shared ones, then {@code import_rules} when it takes them
     */
    protected static List<InputOption<?>> options(List<InputOption<?>> own, List<InputOption<?>> shared) {
        List<InputOption<?>> all = new ArrayList<>();
        own.stream().filter(o -> o != ImportRules.OPTION).forEach(all::add);
        all.addAll(shared);
        if (own.contains(ImportRules.OPTION)) {
            all.add(ImportRules.OPTION);
        }
        return all;
    }

    @Override
    public final String family() {
        return family;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<String> requiredScopes() {
        return scopes;
    }

    @Override
    public final String probePath() {
        return probePath;
    }

    @Override
    public final List<InputOption<?>> options() {
        return options;
    }
}
