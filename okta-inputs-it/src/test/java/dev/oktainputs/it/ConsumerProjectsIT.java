package dev.oktainputs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * okta-inputs as another team gets it: our artifacts installed into a throwaway local repository, then two consumer
 * projects from src/it built with Maven against it, each with the README's quick start and the testkit README's
 * example pasted in: {@code plain} (the BOM, okta-inputs-users, okta-inputs-testkit) and {@code okhttp4} (OkHttp 4.12 and
 * Jackson 2.15 of its own, okta-inputs-shaded and okta-inputs-testkit-shaded). Both must compile and pass their tests.
 */
class ConsumerProjectsIT {

    private static final Path ROOT = Path.of(System.getProperty("okta.inputs.root")).toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("okta.inputs.version");
    private static final Path WORK = Path.of(System.getProperty("it.work")).toAbsolutePath();
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL);
    /** A bound for a consumer build on a loaded machine (downloads on a fresh one included); not a speed assertion. */
    private static final long BUILD_LIMIT_MINUTES = 15;

    private static ThrowawayRepository repo;

    @BeforeAll
    static void installOurArtifacts() throws IOException {
        repo = new ThrowawayRepository(ROOT, WORK.resolve("repository"), VERSION);
        List<Path> installed = repo.install();
        assertThat(installed).allMatch(p -> p.startsWith(WORK));
    }

    @Test
    void everyPublishedModuleIsInstalledWithItsSourcesAndJavadoc() throws IOException {
        for (String id : repo.published()) {
            Path dir = repo.dir().resolve("dev/oktainputs").resolve(id).resolve(VERSION);
            assertThat(dir.resolve(id + "-" + VERSION + ".jar")).isRegularFile();
            if (!id.endsWith("-shaded")) {    // the shaded jars bundle the modules whose sources and javadoc are these
                assertThat(dir.resolve(id + "-" + VERSION + "-sources.jar")).as(id).isRegularFile();
                assertThat(dir.resolve(id + "-" + VERSION + "-javadoc.jar")).as(id).isRegularFile();
            }
        }
        assertThat(repo.published()).contains("okta-inputs-users", "okta-inputs-testkit", "okta-inputs-shaded")
                .doesNotContain("okta-inputs-bench", "okta-inputs-it", "okta-inputs-parent");
    }

    @Test
    void thePlainConsumerCompilesAndItsTestsPass() throws Exception {
        Map<String, int[]> tests = build("plain");
        assertThat(tests).containsOnlyKeys("UsersSyncTest", "QuickStartRunsTest");
    }

    @Test
    void theConsumerWithOkHttp4AndJackson215CompilesAndItsTestsPass() throws Exception {
        Map<String, int[]> tests = build("okhttp4");
        assertThat(tests).containsOnlyKeys("UsersSyncTest", "QuickStartRunsTest", "NeighboursTest");
    }

    /** Copies the project, pastes the README snippets, runs {@code mvn verify}; returns test class → {tests, failures}. */
    private static Map<String, int[]> build(String name) throws Exception {
        Path project = WORK.resolve("projects").resolve(name);
        deleteTree(project);
        Path it = ROOT.resolve("okta-inputs-it/src/it");
        copyTree(it.resolve("common"), project);
        copyTree(it.resolve(name), project);
        Path pom = project.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("@okta-inputs.version@", VERSION));
        write(project.resolve("src/main/java/QuickStart.java"), snippet(ROOT.resolve("README.md"), "class QuickStart"));
        write(project.resolve("src/test/java/UsersSyncTest.java"),
                snippet(ROOT.resolve("okta-inputs-testkit/README.md"), "class UsersSyncTest"));
        Path settings = WORK.resolve("settings.xml");
        Files.writeString(settings, ThrowawayRepository.settings(Path.of(System.getProperty("it.local.repository"))));

        List<String> command = new ArrayList<>(List.of(mvn(), "-B", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repo.dir(), "-Dstyle.color=never", "--no-transfer-progress", "verify"));
        if ("offline=true".equals(System.getProperty("it.offline"))) {
            command.addAll(List.of("-o", "-Daether.offline.protocols=file"));   // the file:// repository stays readable
        }
        Path log = WORK.resolve(name + "-build.log");
        Process p = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(BUILD_LIMIT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the " + name + " build did not end within " + BUILD_LIMIT_MINUTES + " minutes; " + log);
        }
        assertThat(p.exitValue()).as("mvn verify of src/it/%s failed:%n%s", name, tail(log)).isZero();
        Map<String, int[]> tests = surefireResults(project.resolve("target/surefire-reports"));
        assertThat(tests).as("tests that ran in " + name).isNotEmpty()
                .allSatisfy((cls, counts) -> assertThat(counts[0]).as(cls + " tests run").isPositive())
                .allSatisfy((cls, counts) -> assertThat(counts[1]).as(cls + " failures and errors").isZero());
        return tests;
    }

    /** The one java block of a Markdown file that contains {@code marker}. */
    static String snippet(Path markdown, String marker) throws IOException {
        Matcher m = JAVA_BLOCK.matcher(Files.readString(markdown));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).contains(marker)) {
                found.add(m.group(1));
            }
        }
        assertThat(found).as("java blocks with '%s' in %s", marker, markdown).hasSize(1);
        return found.get(0);
    }

    private static Map<String, int[]> surefireResults(Path reports) throws IOException {
        Map<String, int[]> result = new TreeMap<>();
        Pattern suite = Pattern.compile("<testsuite [^>]*?name=\"([^\"]+)\"[^>]*?tests=\"(\\d+)\"[^>]*?errors=\"(\\d+)\""
                + "[^>]*?failures=\"(\\d+)\"");
        try (Stream<Path> files = Files.list(reports)) {
            for (Path f : files.filter(x -> x.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
                Matcher m = suite.matcher(Files.readString(f));
                if (m.find()) {
                    result.put(m.group(1), new int[] {Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)) + Integer.parseInt(m.group(4))});
                }
            }
        }
        return result;
    }

    private static String mvn() {
        String home = System.getProperty("it.maven.home");
        boolean windows = System.getProperty("os.name").toLowerCase().contains("win");
        return Path.of(home, "bin", windows ? "mvn.cmd" : "mvn").toString();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
