package dev.oktainputs.bench;

import dev.oktainputs.testkit.FakeOktaServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Runs okta-inputs' side and okta-sdk-java's side of a scenario against a server and turns them into rows. */
final class Sides {

    static final String OKTA = "okta-inputs";
    static final String SDK = "okta-sdk-java";
    static final String FLOOR = "floor";

    private final Settings settings;

    Sides(Settings settings) {
        this.settings = settings;
    }

    /**
     * okta-inputs' CLI, {@code okta-inputs run --once}, with a fresh state directory (so a full sync).
     *
     * @param inputs   the YAML of the {@code inputs:} map's entries, e.g. {@code "  users: {}\n"}
     * @param http     the YAML of the {@code http:} map, e.g. {@code "{ headroom: 0.5 }"}
     * @param stream   the stream whose file is counted
     * @param expected the lines it must have
     */
    Row okta(String scenario, String slug, FakeOktaServer server, String inputs, String http, String heap, String stream,
             long expected, long floorNanos) throws IOException, InterruptedException {
        return okta(scenario, slug, server, inputs, http, heap, stream, expected, floorNanos, ChildJvm.Launch.PLAIN);
    }

    /** @param launch how the side's JVM starts (the launcher's jar and class-data sharing archive) */
    Row okta(String scenario, String slug, FakeOktaServer server, String inputs, String http, String heap, String stream,
             long expected, long floorNanos, ChildJvm.Launch launch) throws IOException, InterruptedException {
        Path dir = fresh(settings.out().resolve(slug).resolve("okta-inputs"));
        Path config = dir.resolve("okta.yaml");
        Files.writeString(config, "org_url: " + server.orgUrl() + "\n"
                + "auth:\n  api_key: ${OKTA_API_KEY}\n"
                + "http: " + http + "\n"
                + "inputs:\n" + inputs
                + "sink:\n  type: file\n  path: " + dir.resolve("out") + "\n"
                + "state_dir: " + dir.resolve("state") + "\n");
        ChildJvm.Metrics m = ChildJvm.run(dir, "side", heap, server.apiToken(), settings.timeout(), launch,
                List.of("okta", "run", "--once", "--config", config.toString()));
        return row(scenario, OKTA, m, server, ChildJvm.countLines(dir.resolve("out").resolve(stream + ".jsonl")), expected,
                floorNanos);
    }

    /**
     * okta-sdk-java's side.
     *
     * @param kind {@code sdk-users} or {@code sdk-logs}
     * @param more the side's arguments after the org URL and the output file
     */
    Row sdk(String scenario, String slug, FakeOktaServer server, String kind, List<String> more, String heap, String stream,
            long expected, long floorNanos) throws IOException, InterruptedException {
        return client(SDK, scenario, slug, server, kind, more, heap, stream, expected, floorNanos);
    }

    /**
     * The floor client's side ({@link FloorSync}).
     *
     * @param kind {@code floor-users} or {@code floor-logs}
     * @param more the side's arguments after the org URL and the output file
     */
    Row floor(String scenario, String slug, FakeOktaServer server, String kind, List<String> more, String heap, String stream,
              long expected, long floorNanos) throws IOException, InterruptedException {
        return client(FLOOR, scenario, slug, server, kind, more, heap, stream, expected, floorNanos);
    }

    private Row client(String side, String scenario, String slug, FakeOktaServer server, String kind, List<String> more,
                       String heap, String stream, long expected, long floorNanos) throws IOException, InterruptedException {
        Path dir = fresh(settings.out().resolve(slug).resolve(side));
        Path file = dir.resolve(stream + ".jsonl");
        List<String> args = new ArrayList<>(List.of(kind, server.orgUrl(), file.toString()));
        args.addAll(more);
        ChildJvm.Metrics m = ChildJvm.run(dir, "side", heap, server.apiToken(), settings.timeout(), args);
        return row(scenario, side, m, server, ChildJvm.countLines(file), expected, floorNanos);
    }

    private static Row row(String scenario, String side, ChildJvm.Metrics m, FakeOktaServer server, long lines, long expected,
                           long floorNanos) throws IOException {
        boolean ok = m.ok() && lines == expected;
        String note = "";
        if (!ok) {
            note = m.exitCode() == -1 ? "timed out"
                    : m.exitCode() == ChildJvm.OUT_OF_MEMORY ? "out of memory after " + String.format(java.util.Locale.ROOT, "%,d", lines)
                            + " records"
                    : m.exitCode() != 0 ? "exit " + m.exitCode() + lastLine(m.errLog())
                    : lines + " of " + expected + " records";
        }
        List<dev.oktainputs.testkit.RecordedOktaRequest> requests = server.requests();
        writeArrivals(requests, m.errLog().resolveSibling("requests.tsv"));
        long startup = requests.isEmpty() || m.startEpochMillis() == 0 ? 0
                : (requests.get(0).receivedAt().toEpochMilli() - m.startEpochMillis()) * 1_000_000;
        return new Row(scenario, side, ok, m.wallNanos(), startup, floorNanos, m.cpuNanos(), m.allocatedBytes(), m.peakHeapBytes(),
                m.maxRssBytes(), server.rateLimitedCount(), server.requestCount(), lines, note);
    }

    /**
     * Writes when each request reached the fake org (microseconds since the epoch) and what it asked for, a line each:
     * the gaps between them show where a side's wall time goes (the latency, the fake's and the kernel's share, the
     * side's own).
     */
    private static void writeArrivals(List<dev.oktainputs.testkit.RecordedOktaRequest> requests, Path file) throws IOException {
        StringBuilder tsv = new StringBuilder("arrival_us\ttarget\n");
        for (var r : requests) {
            tsv.append(r.receivedAt().getEpochSecond() * 1_000_000L + r.receivedAt().getNano() / 1000).append('\t')
                    .append(r.target()).append('\n');
        }
        Files.writeString(file, tsv);
    }

    private static String lastLine(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i).strip();
            if (!l.isEmpty()) {
                return " (" + (l.length() > 120 ? l.substring(0, 120) + "…" : l) + ")";
            }
        }
        return "";
    }

    static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
