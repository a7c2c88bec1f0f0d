package dev.oktainputs.core.config;

import java.time.Duration;
import java.util.List;

/**
 * The Markdown table of an input's options, rendered from their {@link InputOption} declarations, so that the docs
 * say what the code declares. Each input's table sits in the docs between {@link #startMarker(String)} and
 * {@link #END_MARKER}; a test in okta-inputs-runner checks every discovered input's table against {@link #block}.
 */
public final class OptionTable {

    /** The header row and the alignment row of every option table. */
    public static final String HEADER = "| option | type | default | what it does |\n|---|---|---|---|\n";

    /** The line after an input's generated table. */
    public static final String END_MARKER = "<!-- /options -->";

    private OptionTable() {
    }

    /**
     * @param options the options, in the order the input declares them
     * @return the Markdown table: one row per option, with its name, type, default and doc
     */
    public static String markdown(List<InputOption<?>> options) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (InputOption<?> o : options) {
            sb.append("| `").append(o.name()).append("` | ").append(cell(o.type())).append(" | ")
                    .append(defaultText(o.defaultValue())).append(" | ").append(cell(o.doc())).append(" |\n");
        }
        return sb.toString();
    }

    /**
     * @param input the input's name, e.g. {@code group_members}
     * @return the line before the input's generated table, e.g. {@code <!-- options:group_members -->}
     */
    public static String startMarker(String input) {
        return "<!-- options:" + input + " -->";
    }

    /**
     * @param input   the input's name
     * @param options its options
     * @return the start marker, the table and the end marker, each on its own lines: what the docs hold
     */
    public static String block(String input, List<InputOption<?>> options) {
        return startMarker(input) + "\n" + markdown(options) + END_MARKER + "\n";
    }

    /** Values one would write in a config (numbers, booleans) plainly, durations and text as code, no default as a dash. */
    static String defaultText(Object value) {
        if (value == null) {
            return "—";
        }
        if (value instanceof Duration || value instanceof CharSequence) {
            return "`" + value.toString().replace("|", "\\|") + "`";
        }
        return cell(String.valueOf(value));
    }

    /** A table cell: a pipe would end the cell and {@code <since>} would read as an HTML tag. */
    static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("<", "&lt;").replace("\n", " ");
    }
}
