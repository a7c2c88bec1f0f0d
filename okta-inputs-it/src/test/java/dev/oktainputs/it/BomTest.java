package dev.oktainputs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** okta-inputs-bom manages every published module of the build, at the build's version, and nothing else. */
class BomTest {

    private static final Path ROOT = Path.of("..");
    /** Modules that are not published: nothing may depend on them. */
    private static final List<String> UNPUBLISHED = List.of("okta-inputs-bom", "okta-inputs-bench", "okta-inputs-it");

    private static List<String> all(Pattern p, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void theBomManagesExactlyThePublishedModulesAtTheParentsVersion() throws Exception {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        String bom = Files.readString(ROOT.resolve("okta-inputs-bom/pom.xml")).replaceAll("(?s)<!--.*?-->", "");
        List<String> modules = all(Pattern.compile("<module>([^<]+)</module>"), parent);
        List<String> published = modules.stream().filter(m -> !UNPUBLISHED.contains(m)).toList();

        String managed = bom.substring(bom.indexOf("<dependencyManagement>"), bom.indexOf("</dependencyManagement>"));
        assertThat(all(Pattern.compile("<artifactId>([^<]+)</artifactId>"), managed))
                .containsExactlyInAnyOrderElementsOf(published);
        assertThat(all(Pattern.compile("<groupId>([^<]+)</groupId>"), managed)).containsOnly("dev.oktainputs");
        assertThat(all(Pattern.compile("<version>([^<]+)</version>"), managed)).containsOnly("${project.version}");

        String version = all(Pattern.compile("<version>([^<]+)</version>"), parent).get(0);
        assertThat(all(Pattern.compile("<version>([^<]+)</version>"), bom).get(0)).as("the BOM's version").isEqualTo(version);
        assertThat(bom).as("the BOM has no parent: an imported BOM would bring the parent's dependencyManagement")
                .doesNotContain("<parent>");
    }

    @Test
    void theReadmeNamesEveryPublishedArtifact() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md")) + Files.readString(ROOT.resolve("docs/embedding.md"));
        String bom = Files.readString(ROOT.resolve("okta-inputs-bom/pom.xml"));
        for (String id : all(Pattern.compile("<artifactId>(okta-inputs-[a-z0-9-]+)</artifactId>"),
                bom.substring(bom.indexOf("<dependencyManagement>")))) {
            assertThat(readme).as("README.md or docs/embedding.md names " + id).contains("`" + id + "`");
        }
    }
}
