package dev.oktainputs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** The plugin zip that {@code package} builds: a plugin directory for {@code plugin.path}, without the worker's jars. */
class PluginZipIT {

    @Test
    void theZipHoldsTheConnectorAndEveryInputButNotTheWorkersOwnJars() throws Exception {
        Path zip;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            zip = files.filter(p -> p.getFileName().toString().matches("okta-inputs-kafka-connect-.*\\.zip")).findFirst().orElseThrow();
        }
        List<String> jars = new ArrayList<>();
        String manifest = null;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                String name = e.getName();
                if (!name.endsWith(".jar")) {
                    continue;
                }
                assertThat(name).startsWith("okta-inputs-kafka-connect/lib/");
                jars.add(name.substring(name.lastIndexOf('/') + 1));
                if (name.contains("/okta-inputs-kafka-connect-")) {
                    byte[] jar = z.getInputStream(e).readAllBytes();
                    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
                        for (ZipEntry j; (j = in.getNextEntry()) != null; ) {
                            if (j.getName().equals("META-INF/services/org.apache.kafka.connect.source.SourceConnector")) {
                                manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                            }
                        }
                    }
                }
            }
        }
        assertThat(manifest).isEqualTo(OktaSourceConnector.class.getName());
        for (String module : List.of("api", "core", "users", "systemlog", "groups", "apps", "roles", "apitokens", "kafka-connect")) {
            assertThat(jars).anySatisfy(j -> assertThat(j).startsWith("okta-inputs-" + module + "-"));
        }
        assertThat(jars).anySatisfy(j -> assertThat(j).startsWith("okhttp"))
                .noneSatisfy(j -> assertThat(j).startsWith("kafka-clients"))
                .noneSatisfy(j -> assertThat(j).startsWith("connect-"))
                .noneSatisfy(j -> assertThat(j).startsWith("slf4j"))
                .noneSatisfy(j -> assertThat(j).startsWith("okta-inputs-testkit"));
    }
}
