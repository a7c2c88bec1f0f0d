package dev.oktainputs.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@link TestkitReadmeExampleTest} is the example of okta-inputs-testkit/README.md verbatim (its class name aside). */
class TestkitReadmeExampleIsVerbatimTest {

    @Test
    void theReadmesExampleIsTheTestThatRuns() throws IOException {
        String readme = Files.readString(Path.of("..", "okta-inputs-testkit", "README.md"));
        int start = readme.indexOf("```java\n", readme.indexOf("## Example")) + "```java\n".length();
        String example = readme.substring(start, readme.indexOf("```", start));
        String test = Files.readString(Path.of("src", "test", "java", "dev", "oktainputs", "users",
                "TestkitReadmeExampleTest.java"));
        assertThat(example).contains("class UsersSyncTest {");
        // the README shows a whole file, imports included: the test's own, without its package line and javadoc
        String body = test.substring(test.indexOf("import ")).replaceFirst("(?s)/\\*\\*.*?\\*/\n", "");
        assertThat(body).isEqualTo(example.replace("class UsersSyncTest {", "class TestkitReadmeExampleTest {"));
    }
}
