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
        FakeOrg org = FakeOrg.builder().seed(seed).users(users).clock(clock).build();
        org.directory().generate(dev.oktainputs.testkit.DirectoryShape.of(Math.max(1, users / 30), 20, Math.max(1, users / 100), 40)
                .withAdmins(10).withAdminGroups(3).withCustomRoles(4).withApiTokens(6).withAppGroups(3));
        org.systemLog().generate(2_000, Duration.ofMinutes(30));
        org.trustedOrigins().add("Intranet", "https://intranet.example.com", "CORS", "REDIRECT");
        org.trustedOrigins().add("Support portal", "https://support.example.com", "REDIRECT");
        org.trustedOrigins().add("Status page", "https://status.example.com", "IFRAME_EMBED");
        org.networkZones().addSystemZones();
        org.networkZones().addIpZone("Offices", "POLICY", "203.0.113.0/24", "198.51.100.10-198.51.100.20");
        org.networkZones().addDynamicZone("Sanctioned countries", "BLOCKLIST", "ANY", "KP", "IR", "SY");
        org.identityProviders().add("SAML2", "Partner SSO");
        org.identityProviders().add("GOOGLE", "Google");
        org.identityProviders().add("OIDC", "Contractors");
        org.authorizationServers().add("default", "Default Authorization Server for your Applications", "api://default");
        org.authorizationServers().add("Orders API", "Tokens for the orders API", "api://orders");
        demoGroupRulesAndUserTypes(org);
        demoResourceSets(org);
        org.authenticators().addDefaults();
        String signOn = org.policies().add("OKTA_SIGN_ON", "Default Policy");
        org.policies().addRule(signOn, "Default Rule");
        org.policies().addRule(signOn, "Require MFA off-network");
        String password = org.policies().add("PASSWORD", "Default Policy");
        org.policies().addRule(password, "Default Rule");
        String mfa = org.policies().add("MFA_ENROLL", "Default Policy");
        org.policies().addRule(mfa, "Default Rule");
        org.policies().disableType("DEVICE_SIGNAL_COLLECTION"); // a feature this org lacks: skipped with a warning
        demoDevices(org);
        try (FakeOktaServer server = FakeOktaServer.builder(org).clock(clock).start()) {
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

    /** Two group rules on the demo's groups (one active) and three user types, two with custom attributes. */
    private static void demoGroupRulesAndUserTypes(FakeOrg org) {
        List<String> groups = org.directory().groups().stream().map(g -> g.id()).toList();
        String active = org.groupRules().add("Engineers", "user.department==\"Engineering\"", groups.get(groups.size() - 1));
        org.groupRules().activate(active);
        org.groupRules().add("Contractors", "user.userType==\"Contractor\"", groups.get(0));
        String user = org.userTypes().addDefault();
        org.userTypes().addCustomProperty(user, "costCenter", "Cost center", "string");
        String contractor = org.userTypes().add("contractor", "Contractor", "External staff");
        org.userTypes().addCustomProperty(contractor, "contractEnd", "Contract end", "string");
        org.userTypes().addCustomProperty(contractor, "clearance", "Clearance level", "integer");
        org.userTypes().add("service", "Service account", "Non-human accounts");
    }

    /** Four devices, enrolled by the first users (if any), one of them shared. */
    private static void demoDevices(FakeOrg org) {
        String[] u = org.users().stream().limit(3).map(x -> x.id()).toArray(String[]::new);
        org.devices().add("Shared iPad", "IOS", u);
        org.devices().add("Front desk kiosk", "WINDOWS");
        org.devices().add("MacBook Pro", "MACOS", Stream.of(u).limit(1).toArray(String[]::new));
        org.devices().add("Pixel 8", "ANDROID", Stream.of(u).skip(1).limit(1).toArray(String[]::new));
    }

    /** Two resource sets (a group and all users; all apps), each bound to one of the demo's custom roles. */
    private static void demoResourceSets(FakeOrg org) {
        String group = org.directory().groups().get(0).id();
        List<String> roles = org.directory().roles().customRoleIds();
        String orn = "orn:okta:directory:00o1demo0rg0000000"; // the ORN's org id: a fixed placeholder
        String people = org.resourceSets().add("SF-IT-1", "First San Francisco IT Resource Set");
        org.resourceSets().addResource(people, orn + ":groups:" + group,
                "/api/v1/groups/" + group);
        org.resourceSets().addResource(people, orn + ":users", "/api/v1/users");
        org.resourceSets().bind(people, roles.get(0));
        String apps = org.resourceSets().add("SF-IT-2", "Second San Francisco IT Resource Set");
        org.resourceSets().addResource(apps, "orn:okta:idp:00o1demo0rg0000000:apps", "/api/v1/apps");
        org.resourceSets().bind(apps, roles.get(1));
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

    /** Keeps the fake org alive: a few updates every 5 s, a new user every 20 s, a deleted user every 45 s. */
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
