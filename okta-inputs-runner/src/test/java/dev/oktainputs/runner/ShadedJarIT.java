package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The CLI jar {@code okta-inputs.jar} ({@code ./okta-inputs}) holds the fake org that {@code demo} runs
 * (okta-inputs-fake-org) but no test framework: the runner depends on okta-inputs-testkit at test scope only.
 * Failsafe runs after {@code package}, so the shaded jar exists.
 */
class ShadedJarIT {

    /** Test frameworks and what they bring; none belongs in the CLI. */
    private static final List<String> FORBIDDEN = List.of("org/junit/", "org/assertj/", "org/opentest4j/",
            "org/apiguardian/", "net/bytebuddy/");

    private static List<String> entries() throws IOException {
        Path jar = Path.of(System.getProperty("okta.inputs.jar", "target/okta-inputs.jar"));
        assertThat(jar).as("the shaded jar (built by `package` before failsafe runs)").isRegularFile();
        try (JarFile f = new JarFile(jar.toFile())) {
            return f.stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void holdsNoTestFrameworkClass() throws IOException {
        List<String> entries = entries();
        assertThat(entries).filteredOn(e -> FORBIDDEN.stream().anyMatch(e::startsWith))
                .as("test-framework entries in okta-inputs.jar").isEmpty();
        assertThat(entries).as("the testkit's JUnit extension and conformance suite")
                .doesNotContain("dev/oktainputs/testkit/FakeOktaExtension.class", "dev/oktainputs/testkit/FakeOkta.class")
                .noneMatch(e -> e.startsWith("dev/oktainputs/testkit/conformance/"));
    }

    @Test
    void holdsTheCliAndTheFakeOrgThatDemoRuns() throws IOException {
        assertThat(entries()).contains("dev/oktainputs/runner/Main.class", "dev/oktainputs/testkit/FakeOktaServer.class",
                "dev/oktainputs/testkit/FakeOrg.class", "dev/oktainputs/testkit/VirtualClock.class",
                "mockwebserver3/MockWebServer.class");
    }
}
