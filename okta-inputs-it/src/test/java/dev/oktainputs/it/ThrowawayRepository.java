package dev.oktainputs.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Maven local repository of its own under target/, holding our artifacts as {@code mvn install} would put them there
 * (the main build's files: jars, the POMs, the shaded modules' dependency-reduced POMs), never ~/.m2. Everything else a
 * consumer build needs comes through {@link #settings}: the main build's local repository read as a remote
 * ({@code file://}), then Maven Central.
 */
final class ThrowawayRepository {

    static final String GROUP = "dev.oktainputs";
    private static final Pattern MANAGED = Pattern.compile("<artifactId>(okta-inputs-[a-z0-9-]+)</artifactId>");

    private final Path root;
    private final Path dir;
    private final String version;

    ThrowawayRepository(Path root, Path dir, String version) {
        this.root = root;
        this.dir = dir;
        this.version = version;
    }

    Path dir() {
        return dir;
    }

    /** The artifacts okta-inputs-bom manages: what we publish. */
    List<String> published() throws IOException {
        String bom = Files.readString(root.resolve("okta-inputs-bom/pom.xml"));
        String managed = bom.substring(bom.indexOf("<dependencyManagement>"), bom.indexOf("</dependencyManagement>"));
        List<String> ids = new ArrayList<>();
        Matcher m = MANAGED.matcher(managed);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** Empties the repository and installs the parent POM, the BOM and every published artifact of the main build. */
    List<Path> install() throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        List<Path> installed = new ArrayList<>();
        installed.add(put("okta-inputs-parent", root.resolve("pom.xml"), "pom"));
        installed.add(put("okta-inputs-bom", root.resolve("okta-inputs-bom/pom.xml"), "pom"));
        for (String id : published()) {
            Path module = root.resolve(id);
            Path reduced = module.resolve("target/dependency-reduced-pom.xml");
            installed.add(put(id, Files.exists(reduced) ? reduced : module.resolve("pom.xml"), "pom"));
            installed.add(put(id, module.resolve("target/" + id + "-" + version + ".jar"), "jar"));
            for (String classifier : List.of("sources", "javadoc")) {
                Path jar = module.resolve("target/" + id + "-" + version + "-" + classifier + ".jar");
                if (Files.exists(jar)) {
                    installed.add(put(id, jar, classifier + ".jar"));
                }
            }
        }
        return installed;
    }

    private Path put(String artifactId, Path file, String suffix) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build the module first (mvn verify builds it before this IT)");
        }
        String ext = suffix.equals("pom") || suffix.equals("jar") ? "." + suffix : "-" + suffix;
        Path target = dir.resolve(GROUP.replace('.', '/')).resolve(artifactId).resolve(version)
                .resolve(artifactId + "-" + version + ext);
        Files.createDirectories(target.getParent());
        return Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Settings for a consumer build: the main build's local repository as a read-only remote, before Central. */
    static String settings(Path mainLocalRepository) {
        String url = mainLocalRepository.toUri().toString();
        String repo = "<id>main-build-local</id><url>" + url + "</url>"
                + "<releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>"
                + "<snapshots><enabled>false</enabled></snapshots>";
        return "<settings>\n  <profiles>\n    <profile>\n      <id>main-build-local</id>\n"
                + "      <repositories><repository>" + repo + "</repository></repositories>\n"
                + "      <pluginRepositories><pluginRepository>" + repo + "</pluginRepository></pluginRepositories>\n"
                + "    </profile>\n  </profiles>\n  <activeProfiles><activeProfile>main-build-local</activeProfile></activeProfiles>\n"
                + "</settings>\n";
    }
}
