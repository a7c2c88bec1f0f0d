import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.testkit.FakeOkta;
import dev.oktainputs.testkit.FakeOktaServer;
import dev.oktainputs.testkit.FakeOrg;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quick start (QuickStart.java, pasted from it), run as its own program against the fake org, twice. */
@FakeOkta(users = 1500, seed = 7)
class QuickStartRunsTest {

    @Test
    void theFirstRunReadsEveryUserAndTheSecondContinuesFromTheCheckpoint(FakeOktaServer okta, FakeOrg org,
            @TempDir Path dir) throws Exception {
        List<String> first = quickStart(okta, dir);
        assertThat(first).filteredOn(l -> l.startsWith("UPSERT ")).hasSize(org.userCount());
        assertThat(first.get(first.size() - 1)).isEqualTo(org.userCount() + " records, 0 deletes");
        assertThat(dir.resolve("okta-state")).isNotEmptyDirectory();

        List<String> second = quickStart(okta, dir);
        assertThat(second.get(second.size() - 1)).isEqualTo("0 records, 0 deletes");
    }

    private static List<String> quickStart(FakeOktaServer okta, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "QuickStart").directory(dir.toFile());
        pb.environment().put("OKTA_ORG_URL", okta.orgUrl());
        pb.environment().put("OKTA_API_KEY", okta.apiToken());
        Path stderr = dir.resolve("stderr.txt");
        pb.redirectError(stderr.toFile());
        Process p = pb.start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor()).as("QuickStart's exit code; its stderr:%n%s", Files.readString(stderr)).isZero();
        return lines;
    }
}
