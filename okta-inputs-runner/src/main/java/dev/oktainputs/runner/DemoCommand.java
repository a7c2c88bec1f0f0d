package dev.oktainputs.runner;

import dev.oktainputs.core.InputFamilies;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code okta-inputs demo}: starts the fake Okta org (okta-inputs-fake-org) in this process (a few thousand users
 * that keep changing), writes a real configuration file for it, and runs every input on a 15-second schedule into
 * JSON Lines files, and (a second pipeline, {@link DemoDatabase}) into the DuckDB file {@code okta.duckdb} that
 * {@code okta-inputs query} reads. Ctrl-C (or {@code --for}) stops it cleanly.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run every input against an embedded fake Okta org and write JSON Lines; Ctrl-C stops.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "okta-demo-out", description = "Output directory (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--users", defaultValue = "3000", description = "Users in the fake org (default: ${DEFAULT-VALUE}).")
    private int users;

    @Option(names = "--seed", defaultValue = "2026", description = "Seed of the fake org (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--for", paramLabel = "DURATION", description = "Stop by itself after this long, e.g. PT1M.")
    private Duration duration;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (users < 0 || users > 200_000) {
            throw new dev.oktainputs.core.error.OktaConfigurationException("--users", "must be between 0 and 200000");
        }
        Clock clock = Clock.systemUTC();
        FakeOrg org = DemoOrg.build(users, seed, clock);
        // user_factors' full pass makes one request per user; Okta's "/api/v1" bucket (600-1,200 a minute) would spread
        // the demo's first pass over minutes, so the demo org is generous there. Two pipelines (files and DuckDB) read
        // the org every 15 s: at Okta's common 600 a minute, each fan-out's per-group bucket (100 groups, 8 passes a
        // minute) would starve the second pipeline, so the other buckets allow 2,400.
        try (FakeOktaServer server = FakeOktaServer.builder(org).clock(clock)
                .rateLimit(dev.oktainputs.testkit.FakeFactors.BUCKET, 12_000).configure(s -> s.defaultRateLimit(2_400)).start()) {
            Files.createDirectories(out);
            Path config = writeConfig(server, "sink:\n  type: file\n  path: ./records\n", "./state", "demo-config.yaml");
            Path duckdbConfig = writeConfig(server, "sink:\n  type: duckdb\n  path: ./okta.duckdb\n", "./state-duckdb",
                    "demo-duckdb.yaml");
            err.println("fake Okta org: " + server.orgUrl() + " with " + org.userCount() + " users (changing as we go)");
            err.println("config:        " + config.toAbsolutePath() + " (and " + duckdbConfig.getFileName() + " for the database)");
            err.println("output:        " + out.toAbsolutePath().resolve("records") + " and " + out.toAbsolutePath().resolve("okta.duckdb"));
            Map<String, String> env = Map.of("OKTA_DEMO_TOKEN", org.apiToken());
            RunnerConfig cfg = new ConfigLoader(env).load(config);
            RunnerConfig dbCfg = new ConfigLoader(env).load(duckdbConfig);
            ScheduledExecutorService changes = liveChanges(org);
            CountDownLatch stop = new CountDownLatch(1);
            if (duration != null) {
                changes.schedule(stop::countDown, duration.toMillis(), TimeUnit.MILLISECONDS);
            }
            int code;
            DemoDatabase database = DemoDatabase.start(dbCfg, err, stop);
            try {
                code = RunCommand.run(cfg, spec.commandLine().getOut(), err, false, stop);
            } finally {
                stop.countDown();   // the database pipeline stops with the file pipeline
                changes.shutdownNow();
            }
            code = Math.max(code, database.await());
            summary(err, cfg.sink().path());
            err.println("database:      " + dbCfg.sink().path() + ", e.g. ./okta-inputs query --config " + duckdbConfig
                    + " \"SELECT * FROM admins\"");
            return code;
        }
    }

    private Path writeConfig(FakeOktaServer server, String sink, String stateDir, String name) throws IOException {
        StringBuilder inputs = new StringBuilder();
        for (String family : InputFamilies.discover().names()) {
            inputs.append("  ").append(family).append(": { cron: \"0/15 * * * * ?\"")
                    .append(family.equals("users") ? ", full_sync_every: 4" : "")
                    .append(family.equals("system_log") ? ", detection: true" : "").append(" }\n");
        }
        String yaml = "# Written by `okta-inputs demo`: the same format `okta-inputs run --config` reads.\n"
                + "org_url: " + server.orgUrl() + "\n"
                + "auth:\n  api_key: ${OKTA_DEMO_TOKEN}\n"
                + "inputs:\n" + inputs
                + sink
                + "state_dir: " + stateDir + "\n";
        Path file = out.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    /**
     * Keeps the fake org alive: a few updates every 5 s, a new user every 20 s, a deleted user every 45 s, a factor
     * enrolled or removed every 10 s.
     */
    private static ScheduledExecutorService liveChanges(FakeOrg org) {
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-org-changes");
            t.setDaemon(true);
            return t;
        });
        Random random = new Random(7);
        ex.scheduleAtFixedRate(() -> org.updateUsers(3), 5, 5, TimeUnit.SECONDS);
        ex.scheduleAtFixedRate(() -> org.systemLog().append(20), 2, 2, TimeUnit.SECONDS);
        ex.scheduleAtFixedRate(() -> org.addUsers(1), 20, 20, TimeUnit.SECONDS);
        ex.scheduleAtFixedRate(() -> {
            List<dev.oktainputs.testkit.FakeUser> all = org.users();
            if (!all.isEmpty()) {
                org.deleteUser(all.get(random.nextInt(all.size())).id());
            }
        }, 45, 45, TimeUnit.SECONDS);
        ex.scheduleAtFixedRate(() -> { // a user enrolls a security key, or another loses a factor (System Log events)
            List<dev.oktainputs.testkit.FakeUser> all = org.users();
            if (!all.isEmpty()) {
                String u = all.get(random.nextInt(all.size())).id();
                List<String> factors = org.factors().ids(u);
                if (factors.isEmpty() || random.nextBoolean()) {
                    org.factors().enroll(u, "webauthn", "FIDO");
                } else {
                    org.factors().remove(u, factors.get(0));
                }
            }
        }, 10, 10, TimeUnit.SECONDS);
        return ex;
    }

    private static void summary(PrintWriter err, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        err.println("records written:");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                try (Stream<String> lines = Files.lines(f)) {
                    err.printf("  %-40s %,d lines%n", f.toAbsolutePath(), lines.count());
                }
            }
        }
    }
}
