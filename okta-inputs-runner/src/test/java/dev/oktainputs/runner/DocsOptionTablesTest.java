package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.oktainputs.core.Inputs;
import dev.oktainputs.core.OktaInput;
import dev.oktainputs.core.config.OptionTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every input's option table in the docs is the one its declarations render ({@link OptionTable}), found between
 * {@code <!-- options:<input> -->} and {@code <!-- /options -->} in exactly one Markdown file of the project (the
 * docs pages and the READMEs). The runner's test classpath holds every input module.
 */
class DocsOptionTablesTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern START = Pattern.compile("<!-- options:([a-z0-9_]+) -->");

    /** @return the project's Markdown files: README.md, docs/*.md and each module's README.md, sorted */
    static List<Path> markdownFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"));
                Stream<Path> modules = Files.list(ROOT)) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(files::add);
            modules.map(m -> m.resolve("README.md")).filter(Files::isRegularFile).forEach(files::add);
        }
        files.add(ROOT.resolve("README.md"));
        return files.stream().map(Path::normalize).distinct().sorted().toList();
    }

    /** @return for each input that has a start marker, the text after each of its markers, with the file named */
    static Map<String, List<String>> markedTables() throws IOException {
        Map<String, List<String>> found = new TreeMap<>();
        for (Path file : markdownFiles()) {
            String text = Files.readString(file);
            Matcher m = START.matcher(text);
            while (m.find()) {
                int end = text.indexOf(OptionTable.END_MARKER, m.end());
                String table = end < 0 ? "(no " + OptionTable.END_MARKER + " after it)" : text.substring(m.end(), end);
                found.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(file + ":" + table);
            }
        }
        return found;
    }

    @Test
    void everyInputHasExactlyOneOptionTableAndItIsTheDeclaredOne() throws IOException {
        Map<String, OktaInput> inputs = Inputs.discover();
        assertThat(inputs).as("inputs on the runner's test classpath").containsKeys("users", "system_log", "groups",
                "group_members", "apps", "app_users", "app_groups", "role_assignments", "custom_roles", "api_tokens");
        Map<String, List<String>> marked = markedTables();
        List<String> problems = new ArrayList<>();
        for (OktaInput input : inputs.values()) {
            String expected = OptionTable.block(input.name(), input.options());
            List<String> tables = marked.getOrDefault(input.name(), List.of());
            if (tables.size() != 1) {
                problems.add(input.name() + ": " + tables.size() + " option tables (want exactly one, in docs/ or the"
                        + " module's README). Paste this:\n" + expected);
                continue;
            }
            String place = tables.get(0);
            String file = place.substring(0, place.indexOf(':'));
            String actual = OptionTable.startMarker(input.name()) + place.substring(place.indexOf(':') + 1)
                    + OptionTable.END_MARKER + "\n";
            if (!actual.equals(expected)) {
                problems.add(input.name() + " in " + file + " differs from its declarations. Replace the block with:\n"
                        + expected);
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    @Test
    void everyOptionTableNamesAnInputThatExists() throws IOException {
        assertThat(new TreeSet<>(markedTables().keySet())).isEqualTo(new TreeSet<>(Inputs.discover().keySet()));
    }
}
