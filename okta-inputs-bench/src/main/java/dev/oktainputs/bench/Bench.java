package dev.oktainputs.bench;

import dev.oktainputs.testkit.DirectoryShape;
import dev.oktainputs.testkit.FakeGroup;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import dev.oktainputs.testkit.FakeUser;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The benchmark: okta-inputs against okta-sdk-java on the testkit's fake org (real HTTP on loopback, in this JVM),
 * each side in a fresh JVM of its own ({@link ChildJvm}). Prints one Markdown table and writes it to
 * {@code <out>/results.md}. See the module's README for the scenarios and how floors are computed.
 *
 * <pre>mvn -B -pl okta-inputs-bench -am verify -Pbench -DskipTests</pre>
 */
public final class Bench {

    /** The fake org's budget where a scenario wants a generous one: no bucket ever runs out. */
    static final int GENEROUS = 10_000_000;

    private final Settings s;
    private final Sides sides;
    private FakeOrg usersOrg;
    private boolean usersOrgWarm;
    private ChildJvm.Launch launcher;
    private boolean launcherTried;

    Bench(Settings settings) {
        this.s = settings;
        this.sides = new Sides(settings);
    }

    /**
     * @param args see {@link Settings}
     * @throws Exception when the harness itself fails (a failed side is a row, not an exception)
     */
    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        List<Row> rows = new Bench(settings).run(line -> System.out.println("bench: " + line));
        String table = ResultTable.markdown(rows);
        Files.createDirectories(settings.out());
        Files.writeString(settings.out().resolve("results.md"), table);
        System.out.println();
        System.out.print(table);
        System.out.println();
        System.out.println("(also in " + settings.out().resolve("results.md") + ")");
    }

    List<Row> run(Consumer<String> log) throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        for (String scenario : s.scenarios()) {
            long t0 = System.nanoTime();
            List<List<Row>> runs = new ArrayList<>();
            for (int i = 0; i < (scenario.equals("startup") ? 1 : s.repeat()); i++) { // startup takes its own median
                runs.add(scenario(scenario));
            }
            List<Row> got = medians(runs);
            for (Row r : got) {
                log.accept(String.format(Locale.ROOT, "%s / %s: %s, %,d records, %,d requests, %d 429s%s", r.scenario(), r.side(),
                        r.ok() ? ResultTable.seconds(r.wallNanos()) : "FAILED", r.records(), r.requests(), r.rateLimited(),
                        r.note().isEmpty() ? "" : " (" + r.note() + ")"));
            }
            log.accept(String.format(Locale.ROOT, "scenario %s took %.1f s", scenario, (System.nanoTime() - t0) / 1e9));
            rows.addAll(got);
        }
        return rows;
    }

    private List<Row> scenario(String scenario) throws IOException, InterruptedException {
        return switch (scenario) {
            case "users" -> usersFullSync();
            case "budget" -> usersTightBudget();
            case "systemlog" -> systemLog(s.heap(), "3. System Log", "systemlog", false);
            case "fanout" -> groupMembersFanOut();
            case "memory" -> memoryBound();
            case "startup" -> startup();
            default -> throw new IllegalArgumentException(scenario);
        };
    }

    /**
     * @param runs the rows of each run of one scenario (the same sides in the same order each time)
     * @return one row per side, each figure its median over the runs ({@code --repeat N}: single runs of a side's CPU
     *         time move by 10-15% on a shared 2-core machine, and a ratio of two such figures by more)
     */
    static List<Row> medians(List<List<Row>> runs) {
        if (runs.size() == 1) {
            return runs.get(0);
        }
        List<Row> rows = new ArrayList<>();
        for (int side = 0; side < runs.get(0).size(); side++) {
            List<Row> of = new ArrayList<>();
            for (List<Row> run : runs) {
                of.add(run.get(side));
            }
            Row m = Row.median(of);
            rows.add(m.withScenario(m.scenario() + ", median of " + runs.size()));
        }
        return rows;
    }

    /**
     * The users org. The testkit renders {@code profile.employeeNumber} as a JSON number; Okta's base user schema types
     * it as a string, and okta-sdk-java 24.0.0 fails on a number there (a ClassCastException in its
     * UserProfileDeserializer, surfacing as {@code ApiException{code=0}}). Rewritten as a string here so that the SDK
     * can read the org at all.
     */
    private FakeOrg usersOrg() {
        if (usersOrg == null) {
            usersOrg = FakeOrg.builder().seed(8).users(s.users()).clock(Clock.systemUTC()).build();
            long n = 100_000;
            for (FakeUser u : usersOrg.users()) {
                usersOrg.updateUser(u.id(), Map.of("employeeNumber", Long.toString(++n)));
            }
        }
        return usersOrg;
    }

    /** Requests served to warm the fake up before a scenario's first side ({@link ServerWarmUp}). */
    static final int WARM_UP_REQUESTS = 300;

    /** The users org, its listing served {@value #WARM_UP_REQUESTS} times first (once per harness run). */
    private FakeOrg warmUsersOrg() throws IOException, InterruptedException {
        FakeOrg org = usersOrg();
        if (!usersOrgWarm) {
            ServerWarmUp.run(org, WARM_UP_REQUESTS, List.of("/api/v1/users?limit=" + USERS_PAGE + "&filter="
                    + URLEncoder.encode(SdkUsersSync.FILTER, StandardCharsets.UTF_8).replace("+", "%20")));
            usersOrgWarm = true;
        }
        return org;
    }

    private FakeOktaServer server(FakeOrg org, Duration latency, Consumer<FakeOktaServer> limits) {
        return FakeOktaServer.builder(org).configure(srv -> {
            srv.latency(latency);
            srv.defaultRateLimit(GENEROUS);
            limits.accept(srv);
        }).start();
    }

    /** Users per page of both sides (Okta's maximum). */
    static final int USERS_PAGE = 200;

    /** 1. Every user, 20 ms per request, generous budget. Floor = pages × latency. */
    private List<Row> usersFullSync() throws IOException, InterruptedException {
        return usersSides("1. users full sync", "users", s.latency(), s.heap(), true, true);
    }

    /** @param extraRows whether to add okta-inputs as {@code ./okta-inputs} starts it and with a batch per page */
    private List<Row> usersSides(String scenario, String slug, Duration latency, String heap, boolean withSdk,
                                 boolean extraRows)
            throws IOException, InterruptedException {
        FakeOrg org = warmUsersOrg();
        long pages = Math.max(1, (s.users() + USERS_PAGE - 1) / USERS_PAGE);
        long floor = latency.toNanos() * pages;
        List<Row> rows = new ArrayList<>();
        try (FakeOktaServer server = server(org, latency, srv -> { })) {
            rows.add(sides.okta(scenario, slug, server, "  users: { page_size: " + USERS_PAGE + " }\n", "{}", heap, "users",
                    s.users(), floor));
        }
        ChildJvm.Launch cds = extraRows ? launcher() : null;
        if (cds != null) {
            // As users start it: ./okta-inputs, the runner's jar with its class-data sharing archive.
            try (FakeOktaServer server = server(org, latency, srv -> { })) {
                rows.add(sides.okta(scenario, slug + "-cds", server, "  users: { page_size: " + USERS_PAGE + " }\n", "{}", heap,
                        "users", s.users(), floor, cds).withSide(Sides.OKTA + ", " + LAUNCHER));
            }
        }
        if (extraRows) {
            // Like the floor client, a durable write and a checkpoint per page (the default gathers five pages).
            try (FakeOktaServer server = server(org, latency, srv -> { })) {
                rows.add(sides.okta(scenario, slug + "-per-page", server, "  users: { page_size: " + USERS_PAGE
                        + ", batch_max_records: 0 }\n", "{}", heap, "users", s.users(), floor)
                        .withSide(Sides.OKTA + ", " + PER_PAGE));
            }
        }
        try (FakeOktaServer server = server(org, latency, srv -> { })) {
            rows.add(sides.floor(scenario, slug, server, "floor-users", List.of(), heap, "users", s.users(), floor));
        }
        if (withSdk && s.sdk()) {
            try (FakeOktaServer server = server(org, latency, srv -> { })) {
                rows.add(sides.sdk(scenario, slug, server, "sdk-users", List.of(), heap, "users", s.users(), floor));
            }
        }
        return rows;
    }

    /**
     * 2. The users sync with the users bucket at {@code budget}/min and okta-inputs told to use {@code share} of it
     * (headroom 1 − share). Okta's windows are fixed 60 s windows that open with their first request, so the floor is
     * the full windows that must pass plus the last window's requests at the latency:
     * {@code (W − 1) × 60 s + (R − (W − 1) × A) × latency} with A requests allowed per window and W = ⌈R / A⌉.
     */
    private List<Row> usersTightBudget() throws IOException, InterruptedException {
        FakeOrg org = warmUsersOrg();
        long requests = Math.max(1, (s.users() + USERS_PAGE - 1) / USERS_PAGE);
        double headroom = 1 - s.share();
        long perWindow = s.budget() - (long) Math.ceil(s.budget() * headroom);
        long windows = (requests + perWindow - 1) / perWindow;
        long floor = Duration.ofSeconds(60).toNanos() * (windows - 1)
                + s.latency().toNanos() * (requests - (windows - 1) * perWindow);
        String scenario = String.format(Locale.ROOT, "2. users, %d/min budget, %.0f%% share", s.budget(), s.share() * 100);
        try (FakeOktaServer server = server(org, s.latency(), srv -> srv.rateLimit("/api/v1/users", s.budget()))) {
            return List.of(sides.okta(scenario, "budget", server, "  users: { page_size: " + USERS_PAGE + " }\n",
                    String.format(Locale.ROOT, "{ headroom: %.2f }", headroom), s.heap(), "users", s.users(), floor));
        }
    }

    /** 3. / 5. The System Log: {@code events} events over the last 50 minutes, no latency, polled from an hour ago. */
    private List<Row> systemLog(String heap, String scenario, String slug, boolean leanWindow)
            throws IOException, InterruptedException {
        FakeOrg org = FakeOrg.builder().seed(3).clock(Clock.systemUTC()).build();
        org.systemLog().generate(s.events(), Duration.ofMinutes(50));
        ServerWarmUp.run(org, WARM_UP_REQUESTS / 3, List.of("/api/v1/logs?limit=1000&since="
                + Instant.now().minus(Duration.ofHours(1))));
        List<Row> rows = new ArrayList<>();
        try (FakeOktaServer server = server(org, Duration.ZERO, srv -> { })) {
            rows.add(sides.okta(scenario, slug, server, "  system_log: { lookback: PT1H, detection: true }\n", "{}", heap, "system_log",
                    s.events(), 0));
        }
        if (!leanWindow) {
            // Like the floor client, a durable write and a checkpoint per page (the default gathers five pages).
            try (FakeOktaServer server = server(org, Duration.ZERO, srv -> { })) {
                rows.add(sides.okta(scenario, slug + "-per-page", server,
                        "  system_log: { lookback: PT1H, detection: true, batch_max_records: 0 }\n", "{}", heap, "system_log",
                        s.events(), 0).withSide(Sides.OKTA + ", " + PER_PAGE));
            }
        } else {
            // The uuid window (dedup_max_ids, default 100,000) is the input's main long-lived memory: the row shows a smaller one.
            try (FakeOktaServer server = server(org, Duration.ZERO, srv -> { })) {
                rows.add(sides.okta(scenario, slug + "-lean", server,
                        "  system_log: { lookback: PT1H, detection: true, dedup_max_ids: " + LEAN_DEDUP_IDS + " }\n", "{}", heap, "system_log",
                        s.events(), 0).withSide(Sides.OKTA + ", dedup_max_ids " + LEAN_DEDUP_IDS));
            }
        }
        String since = Instant.now().minus(Duration.ofHours(1)).toString();
        try (FakeOktaServer server = server(org, Duration.ZERO, srv -> { })) {
            rows.add(sides.floor(scenario, slug, server, "floor-logs", List.of(since), heap, "system_log", s.events(), 0));
        }
        if (!s.sdk()) {
            return rows;
        }
        try (FakeOktaServer server = server(org, Duration.ZERO, srv -> { })) {
            rows.add(sides.sdk(scenario, slug, server, "sdk-logs", List.of(since), heap, "system_log", s.events(), 0));
        }
        return rows;
    }

    /**
     * 4. {@code group_members} over {@code groups} groups, {@code concurrency} at a time, 20 ms per request. Floor =
     * ⌈pages / concurrency⌉ × latency, pages = the groups listing's pages + every group's member pages (at least one).
     */
    private List<Row> groupMembersFanOut() throws IOException, InterruptedException {
        FakeOrg org = FakeOrg.builder().seed(4).users(s.fanoutUsers()).clock(Clock.systemUTC())
                .directory(new DirectoryShape(s.groups(), s.avgMembers(), 0, 0, 0, 0, 0, 0, 0)).build();
        long pages = (s.groups() + 999) / 1000;
        long edges = 0;
        for (FakeGroup g : org.directory().groups()) {
            int members = org.directory().members(g.id()).size();
            edges += members;
            pages += Math.max(1, (members + 999) / 1000);
        }
        long floor = s.latency().toNanos() * ((pages + s.concurrency() - 1) / s.concurrency());
        List<String> listings = new ArrayList<>(List.of("/api/v1/groups?limit=1000"));
        for (FakeGroup g : org.directory().groups().subList(0, Math.min(50, org.directory().groups().size()))) {
            listings.add("/api/v1/groups/" + g.id() + "/users?limit=1000");
        }
        ServerWarmUp.run(org, WARM_UP_REQUESTS, listings);
        String scenario = String.format(Locale.ROOT, "4. group members, %,d groups, concurrency %d", s.groups(), s.concurrency());
        List<Row> rows = new ArrayList<>();
        try (FakeOktaServer server = server(org, s.latency(), srv -> { })) {
            rows.add(sides.okta(scenario, "fanout", server,
                    "  groups: { concurrency: " + s.concurrency() + " }\n", // the family: groups and group_members
                    "{ max_concurrent: " + s.concurrency() + " }", s.heap(), "group_members", edges, floor));
        }
        try (FakeOktaServer server = server(org, s.latency(), srv -> { })) {
            rows.add(sides.floor(scenario, "fanout", server, "floor-members", List.of(Integer.toString(s.concurrency())),
                    s.heap(), "group_members", edges, floor));
        }
        return rows;
    }

    /** Runs of each side in scenario 6, alternating. */
    static final int STARTUP_RUNS = 5;

    /** Users of scenario 6's org: one page. */
    static final int STARTUP_USERS = 200;

    /**
     * 6. Startup: okta-inputs as the build's class path runs it, okta-inputs as {@code ./okta-inputs} runs it (the
     * runner's executable jar with its class-data sharing archive, made here as the launcher makes it) and the floor
     * client each list a one-page users org {@value #STARTUP_RUNS} times, in turn; a row per side with the median of
     * each figure (a single start varies by 0.1-0.3 s on a shared machine).
     */
    private List<Row> startup() throws IOException, InterruptedException {
        FakeOrg org = FakeOrg.builder().seed(6).users(STARTUP_USERS).clock(Clock.systemUTC()).build();
        ServerWarmUp.run(org, WARM_UP_REQUESTS, List.of("/api/v1/users?limit=" + USERS_PAGE));
        String scenario = "6. startup, median of " + STARTUP_RUNS;
        ChildJvm.Launch launcher = launcher();
        String users = "  users: { page_size: " + USERS_PAGE + " }\n";
        List<Row> ours = new ArrayList<>();
        List<Row> oursCds = new ArrayList<>();
        List<Row> floor = new ArrayList<>();
        for (int i = 0; i < STARTUP_RUNS; i++) {
            try (FakeOktaServer server = server(org, Duration.ZERO, srv -> { })) {
                ours.add(sides.okta(scenario, "startup", server, users, "{}", s.heap(), "users", STARTUP_USERS, 0));
            }
            if (launcher != null) {
                try (FakeOktaServer server = server(org, Duration.ZERO, srv -> { })) {
                    oursCds.add(sides.okta(scenario, "startup", server, users, "{}", s.heap(), "users", STARTUP_USERS, 0, launcher)
                            .withSide(Sides.OKTA + ", " + LAUNCHER));
                }
            }
            try (FakeOktaServer server = server(org, Duration.ZERO, srv -> { })) {
                floor.add(sides.floor(scenario, "startup", server, "floor-users", List.of(), s.heap(), "users", STARTUP_USERS, 0));
            }
        }
        List<Row> rows = new ArrayList<>(List.of(Row.median(ours)));
        if (!oursCds.isEmpty()) {
            rows.add(Row.median(oursCds));
        }
        rows.add(Row.median(floor));
        return rows;
    }

    /** The side label of okta-inputs' rows started as {@code ./okta-inputs} starts it (scenarios 1 and 6). */
    static final String LAUNCHER = "launcher jar + CDS";

    /** @return how {@code ./okta-inputs} starts the CLI, made once per bench run; null when it cannot be made */
    private ChildJvm.Launch launcher() throws IOException, InterruptedException {
        if (!launcherTried) {
            launcherTried = true;
            launcher = LauncherArchive.make(s.out().resolve("cds"), s.timeout());
        }
        return launcher;
    }

    /** The side label of okta-inputs' extra rows in scenarios 1 and 3: one batch per page, as the floor client writes. */
    static final String PER_PAGE = "batch_max_records 0";

    /** okta-inputs' {@code dedup_max_ids} in the extra row of scenario 5's System Log. */
    static final int LEAN_DEDUP_IDS = 20_000;

    /**
     * 5. Scenarios 1 (without latency) and 3 again, each JVM limited to {@code -Xmx64m}; the System Log once more with
     * okta-inputs' uuid window at {@value #LEAN_DEDUP_IDS} ids.
     */
    private List<Row> memoryBound() throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>(usersSides("5. users, -Xmx" + s.smallHeap(), "memory-users", Duration.ZERO,
                s.smallHeap(), true, false));
        rows.addAll(systemLog(s.smallHeap(), "5. System Log, -Xmx" + s.smallHeap(), "memory-systemlog", true));
        return rows;
    }
}
