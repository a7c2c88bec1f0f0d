package dev.oktainputs.core.check;

import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.OrgUrl;
import dev.oktainputs.core.auth.ConnectionSettings;
import dev.oktainputs.core.config.FieldProblem;
import dev.oktainputs.core.config.InputOptions;
import dev.oktainputs.core.error.OktaConfigurationException;
import dev.oktainputs.core.error.OktaException;
import dev.oktainputs.core.http.OktaClient;
import dev.oktainputs.core.listing.FeatureGuardedRun;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The {@code check} operation, for the runner's {@code okta-inputs check} and a Kafka connector's
 * {@code validate()}. Two steps:
 * <ol>
 *   <li>Static validation of every setting at once — org URL, credentials, DPoP mode, the private key, each
 *       input's options — each problem naming its field. When any is found, no request is made.</li>
 *   <li>One cheap authenticated call per enabled input ({@link OktaInput#probePath()}), reported per input as
 *       OK or the classified error. A service app gets one token per distinct scope set, so a scope that is not
 *       granted fails only the inputs that need it.</li>
 * </ol>
 *
 * <pre>{@code
 * ConnectionCheck.Result r = ConnectionCheck.of(settings).input(Inputs.byName("users"), Map.of()).run();
 * r.problems().forEach(p -> System.out.println(p.field() + ": " + p.message()));
 * r.inputs().forEach(i -> System.out.println(i.input() + " " + i.status() + " " + i.message()));
 * }</pre>
 */
public final class ConnectionCheck {

    /** The outcome for one input. */
    public enum Status {
        /** The probe answered 2xx. */
        OK,
        /** The probe (or getting a token for it) failed; see the message. */
        FAILED,
        /**
         * The org does not have the input's feature ({@link OktaInput#optionalFeature()}; Okta answered {@code E0000015}
         * or 404): the input will run empty with one warning. Not a failure.
         */
        UNAVAILABLE,
        /** Not checked: the settings have problems, or the input declares no probe. */
        NOT_CHECKED
    }

    /**
     * One input's outcome.
     *
     * @param input   the input's name
     * @param scopes  the scopes it needs
     * @param probe   the path probed, or null
     * @param status  the outcome
     * @param message what happened and, on failure, how to fix it
     * @param error   the classified failure, or null
     */
    public record InputCheck(String input, Set<String> scopes, String probe, Status status, String message, OktaException error) {
    }

    /**
     * The whole report.
     *
     * @param problems the settings' problems (static validation), each naming its field
     * @param inputs   one entry per input, in the order given
     */
    public record Result(List<FieldProblem> problems, List<InputCheck> inputs) {

        /** @return true when the settings are valid and every input's probe succeeded or was not declared */
        public boolean ok() {
            return problems.isEmpty() && inputs.stream().noneMatch(i -> i.status() == Status.FAILED);
        }

        /** @return a human-readable report, one line per problem and per input */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(ok() ? "check OK" : "check FAILED");
            problems.forEach(p -> sb.append("\n  ").append(p));
            inputs.forEach(i -> sb.append("\n  ").append(i.input()).append(": ").append(i.status()).append(" - ").append(i.message()));
            return sb.toString();
        }
    }

    private final ConnectionSettings settings;
    private final Map<String, OktaInput> inputs = new LinkedHashMap<>();
    private final Map<String, Map<String, ?>> options = new HashMap<>();
    private Consumer<OktaClient.Builder> client = b -> { };

    private ConnectionCheck(ConnectionSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param settings the org and credentials to check
     * @return a check with no input yet
     */
    public static ConnectionCheck of(ConnectionSettings settings) {
        return new ConnectionCheck(settings);
    }

    /**
     * @param input      an enabled input
     * @param rawOptions its configured options, validated in the static step
     * @return this
     */
    public ConnectionCheck input(OktaInput input, Map<String, ?> rawOptions) {
        inputs.put(input.name(), input);
        options.put(input.name(), Map.copyOf(rawOptions));
        return this;
    }

    /**
     * @param customizer adjusts each client the check builds (clock, timeouts, HTTP log, retry policy)
     * @return this
     */
    public ConnectionCheck client(Consumer<OktaClient.Builder> customizer) {
        this.client = Objects.requireNonNull(customizer, "customizer");
        return this;
    }

    /** @return the report; never throws for bad settings or failed probes */
    public Result run() {
        List<FieldProblem> problems = new ArrayList<>(settings.problems());
        inputs.forEach((name, input) -> {
            try {
                InputOptions.parse(name, input.options(), options.get(name));
            } catch (OktaConfigurationException e) {
                e.problems().forEach(p -> problems.add(FieldProblem.parse(p)));
            }
        });
        List<InputCheck> results = new ArrayList<>();
        if (!problems.isEmpty()) {
            inputs.values().forEach(i -> results.add(new InputCheck(i.name(), i.requiredScopes(), i.probePath(),
                    Status.NOT_CHECKED, "not checked: fix the settings' problems first", null)));
            return new Result(List.copyOf(problems), List.copyOf(results));
        }
        // One client per distinct scope set for a service app (one for an API token): a scope Okta does not grant
        // then fails only the inputs that need it.
        Map<Set<String>, List<OktaInput>> groups = new LinkedHashMap<>();
        inputs.values().forEach(i -> groups.computeIfAbsent(settings.isServiceApp() ? new TreeSet<>(i.requiredScopes())
                : Set.of(), k -> new ArrayList<>()).add(i));
        Map<String, InputCheck> byName = new HashMap<>();
        OrgUrl org = settings.orgUrl();
        groups.forEach((scopes, members) -> probe(org, scopes, members, byName));
        inputs.keySet().forEach(name -> results.add(byName.get(name)));
        return new Result(List.of(), List.copyOf(results));
    }

    private void probe(OrgUrl org, Set<String> scopes, List<OktaInput> members, Map<String, InputCheck> out) {
        Set<String> all = new TreeSet<>(scopes);
        members.forEach(i -> all.addAll(i.requiredScopes()));
        OktaClient.Builder b;
        try {
            b = OktaClient.builder(org, settings.credentials(all));
        } catch (OktaConfigurationException e) {
            members.forEach(i -> out.put(i.name(), new InputCheck(i.name(), i.requiredScopes(), i.probePath(), Status.FAILED,
                    e.getMessage(), e)));
            return;
        }
        client.accept(b);
        Map<String, InputCheck> byProbe = new HashMap<>();
        try (OktaClient c = b.build()) {
            for (OktaInput input : members) {
                String path = input.probePath();
                if (path == null) {
                    out.put(input.name(), new InputCheck(input.name(), input.requiredScopes(), null, Status.NOT_CHECKED,
                            "not checked: the input declares no probe", null));
                    continue;
                }
                InputCheck done = byProbe.get(path);
                String scope = input.requiredScopes().isEmpty() ? null : new TreeSet<>(input.requiredScopes()).first();
                if (done == null) {
                    try {
                        int status = c.probe(path, scope);
                        done = new InputCheck(input.name(), input.requiredScopes(), path, Status.OK, "GET " + path + " answered "
                                + status + " with the " + c.credentialsKind() + (scope == null ? "" : " (" + all + ")"), null);
                    } catch (OktaException e) {
                        done = new InputCheck(input.name(), input.requiredScopes(), path, Status.FAILED, e.getMessage(), e);
                    }
                    byProbe.put(path, done);
                }
                if (done.status() == Status.FAILED && input.optionalFeature() && done.error() != null
                        && FeatureGuardedRun.featureMissing(done.error())) {
                    out.put(input.name(), new InputCheck(input.name(), input.requiredScopes(), path, Status.UNAVAILABLE,
                            "this org does not have the feature (GET " + path + " answered " + done.error().status()
                                    + (done.error().errorCode() == null ? "" : " " + done.error().errorCode())
                                    + "): the input will run empty with one warning; nothing to fix unless the org should"
                                    + " have it", null));
                    continue;
                }
                out.put(input.name(), new InputCheck(input.name(), input.requiredScopes(), path, done.status(), done.message(),
                        done.error()));
            }
        }
    }
}
