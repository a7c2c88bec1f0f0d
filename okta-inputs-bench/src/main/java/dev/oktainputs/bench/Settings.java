package dev.oktainputs.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the benchmark runs, from its command line:
 * {@code [--out DIR] [--users N] [--events N] [--groups N] [--latency-ms N] [--repeat N] [--no-sdk] [SCENARIO...]} with scenarios
 * {@code users budget systemlog fanout memory startup} or {@code all} (the default).
 *
 * @param out          where outputs, logs and {@code results.md} go
 * @param users        users of the users scenarios (1, 2, 5)
 * @param events       System Log events (3, 5)
 * @param groups       groups of the fan-out (4)
 * @param fanoutUsers  users of the fan-out org (members are drawn from them; Everyone has them all)
 * @param avgMembers   average members per group in the fan-out
 * @param latency      per-request latency of scenarios 1, 2 and 4
 * @param budget       the users bucket's budget per minute in scenario 2
 * @param share        the share of the budget okta-inputs may use in scenario 2
 * @param concurrency  fan-out concurrency and the client's max in-flight requests in scenario 4
 * @param heap         -Xmx of the measured JVMs in scenarios 1-4
 * @param smallHeap    -Xmx of scenario 5
 * @param timeout      how long one side may take
 * @param scenarios    which scenarios
 * @param repeat       runs of each scenario (its sides in turn each time); each row then holds each figure's median
 * @param sdk          whether okta-sdk-java's sides run (off with {@code --no-sdk}: quicker rounds of ours against the floor)
 */
record Settings(Path out, int users, int events, int groups, int fanoutUsers, int avgMembers, Duration latency,
                int budget, double share, int concurrency, String heap, String smallHeap, Duration timeout,
                Set<String> scenarios, int repeat, boolean sdk) {

    static final List<String> ALL = List.of("users", "budget", "systemlog", "fanout", "memory", "startup");

    static Settings parse(String[] args) {
        Path out = Path.of("target", "bench");
        int users = 100_000;
        int events = 1_000_000;
        int groups = 5_000;
        long latencyMs = 20;
        int repeat = 1;
        boolean sdk = true;
        Set<String> scenarios = new LinkedHashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--users" -> users = Integer.parseInt(value(args, ++i, a));
                case "--events" -> events = Integer.parseInt(value(args, ++i, a));
                case "--groups" -> groups = Integer.parseInt(value(args, ++i, a));
                case "--latency-ms" -> latencyMs = Long.parseLong(value(args, ++i, a));
                case "--repeat" -> repeat = Math.max(1, Integer.parseInt(value(args, ++i, a)));
                case "--no-sdk" -> sdk = false;
                case "all" -> scenarios.addAll(ALL);
                default -> {
                    if (!ALL.contains(a)) {
                        throw new IllegalArgumentException("unknown argument '" + a + "'. Scenarios: " + ALL
                                + " or all; options: --out DIR --users N --events N --groups N --latency-ms N --repeat N --no-sdk");
                    }
                    scenarios.add(a);
                }
            }
        }
        if (scenarios.isEmpty()) {
            scenarios.addAll(ALL);
        }
        return new Settings(out, users, events, groups, 10_000, 20, Duration.ofMillis(latencyMs), 600, 0.5, 8, "1g", "64m",
                Duration.ofMinutes(20), scenarios, repeat, sdk);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
