package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of the README, docs/ and the module READMEs compiles as shown, imports included, against
 * this module's test class path (every input, the testkit, JUnit, AssertJ). A block is either a whole compilation unit
 * (it declares a class) or imports followed by statements; statements that use variables from around them say so in a
 * first comment line {@code // in scope: Type name, Type name}, which become the parameters of the method they are
 * compiled in.
 */
class DocsJavaSnippetsTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile("(?m)^(@\\w+.*\\n)*(public |final |abstract )*(class|record|interface|enum) (\\w+)");
    private static final Pattern IN_SCOPE = Pattern.compile("(?m)^// in scope: ([^(\\n]*?)(?: \\(.*\\))?(?:;.*)?$");

    @TempDir
    Path out;

    record Snippet(Path file, int line, String code) {
        @Override
        public String toString() {
            return ROOT.relativize(file).toString().replace('\\', '/') + ":" + line;
        }
    }

    static List<Snippet> snippets() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs")); Stream<Path> modules = Files.list(ROOT)) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            modules.map(m -> m.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        List<Snippet> all = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                all.add(new Snippet(file.normalize(), line, m.group(1)));
            }
        }
        return all;
    }

    /** The source to compile: the block itself, or its imports and a class around its statements. */
    static String source(String code, String className) {
        if (TYPE.matcher(code).find()) {
            return code;
        }
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        String params = "";
        for (String line : code.split("\n", -1)) {
            Matcher scope = IN_SCOPE.matcher(line);
            if (body.length() == 0 && (line.startsWith("import ") || line.isBlank())) {
                imports.append(line).append('\n');
            } else if (scope.matches()) {
                params = scope.group(1);
                body.append('\n');
            } else {
                body.append(line).append('\n');
            }
        }
        return imports + "class " + className + " {\n    void snippet(" + params + ") throws Exception {\n" + body + "    }\n}\n";
    }

    @Test
    void theDocsHaveTheSnippetsThisTestIsAbout() throws IOException {
        List<String> names = snippets().stream().map(Snippet::toString).toList();
        assertThat(names).anyMatch(n -> n.startsWith("README.md:"))
                .anyMatch(n -> n.startsWith("okta-inputs-testkit/README.md:"))
                .anyMatch(n -> n.startsWith("docs/authentication.md:"));
        assertThat(snippets()).filteredOn(s -> s.code().contains("class QuickStart")).hasSize(1);
        assertThat(snippets()).filteredOn(s -> s.code().contains("class UsersSyncTest")).hasSize(1);
    }

    @Test
    void statementsAreWrappedWithTheirImportsAndTheVariablesInScope() {
        String src = source("import java.util.List;\n\n// in scope: String a, int b (from above)\nList<String> l = List.of(a);\n", "S");
        assertThat(src).startsWith("import java.util.List;\n").contains("void snippet(String a, int b) throws Exception {")
                .contains("List<String> l = List.of(a);");
        assertThat(source("import x.Y;\n\nclass Z {}\n", "S")).isEqualTo("import x.Y;\n\nclass Z {}\n");
    }

    @TestFactory
    Stream<DynamicTest> everyJavaSnippetCompiles() throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<Snippet> all = snippets();
        return all.stream().map(s -> DynamicTest.dynamicTest(s.toString(), () -> {
            int n = all.indexOf(s);
            Matcher type = TYPE.matcher(s.code());
            String className = type.find() ? type.group(4) : "Snippet" + n;
            Path dir = Files.createDirectories(out.resolve("s" + n));
            Path src = dir.resolve(className + ".java");
            Files.writeString(src, source(s.code(), className));
            StringWriter errors = new StringWriter();
            boolean ok = javac.getTask(errors, null, null,
                    List.of("-proc:none", "-Xlint:none", "-d", dir.resolve("classes").toString(),
                            "-classpath", System.getProperty("java.class.path")),
                    null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(src.toFile())).call();
            assertThat(ok).as("the java block at %s does not compile as shown:%n%s%n%s", s, errors, Files.readString(src)).isTrue();
        }));
    }
}
