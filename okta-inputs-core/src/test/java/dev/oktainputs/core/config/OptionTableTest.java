package dev.oktainputs.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktainputs.core.labels.ImportRules;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionTableTest {

    @Test
    void oneRowPerOptionWithItsDeclaredTypeDefaultAndDoc() {
        String table = OptionTable.markdown(List.of(
                InputOption.integer("page_size", 200, 1, 200, "Users per request."),
                InputOption.bool("full_sync", false, "Force a full pass."),
                InputOption.duration("overlap", Duration.ofSeconds(1), "How far back."),
                InputOption.string("filter", null, "A filter."),
                ImportRules.OPTION));

        assertThat(table).isEqualTo("| option | type | default | what it does |\n"
                + "|---|---|---|---|\n"
                + "| `page_size` | integer 1..200 | 200 | Users per request. |\n"
                + "| `full_sync` | boolean | false | Force a full pass. |\n"
                + "| `overlap` | duration | `PT1S` | How far back. |\n"
                + "| `filter` | string | — | A filter. |\n"
                + "| `import_rules` | rules | none | " + ImportRules.OPTION.doc() + " |\n");
    }

    @Test
    void pipesNewlinesAndAngleBracketsCannotBreakTheTable() {
        String table = OptionTable.markdown(List.of(InputOption.of("dpop", "auto | on | off", "a|b",
                "Filter lastUpdated ge \"<since>\"\nor not.", raw -> raw.toString())));

        assertThat(table).endsWith("| `dpop` | auto \\| on \\| off | `a\\|b` | Filter lastUpdated ge \"&lt;since>\" or not. |\n");
    }

    @Test
    void theBlockIsTheTableBetweenItsMarkers() {
        List<InputOption<?>> options = List.of(SyncOptions.FULL_SYNC);

        assertThat(OptionTable.block("custom_roles", options)).isEqualTo("<!-- options:custom_roles -->\n"
                + OptionTable.markdown(options) + "<!-- /options -->\n");
    }
}
