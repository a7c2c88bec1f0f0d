package dev.oktainputs.core.config;

import dev.oktainputs.core.error.OktaConfigurationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The parsed, validated options of one input. */
public final class InputOptions {

    private final String input;
    private final Map<String, Object> values;

    private InputOptions(String input, Map<String, Object> values) {
        this.input = input;
        this.values = values;
    }

    /**
     * @param input    the input name
     * @param declared its declarations
     * @return every option at its default
     */
    public static InputOptions defaults(String input, List<InputOption<?>> declared) {
        return parse(input, declared, Map.of());
    }

    /**
     * Parses and validates all options at once.
     *
     * @param input    the input name, used in field names ({@code inputs.<input>.<option>})
     * @param declared the input's declarations
     * @param raw      the configured values; keys not declared are errors
     * @return the options
     * @throws OktaConfigurationException listing every problem, each naming its field
     */
    public static InputOptions parse(String input, List<InputOption<?>> declared, Map<String, ?> raw) {
        Map<String, InputOption<?>> byName = new LinkedHashMap<>();
        declared.forEach(o -> byName.put(o.name(), o));
        List<String> problems = new ArrayList<>();
        Map<String, Object> values = new HashMap<>();
        for (InputOption<?> o : declared) {
            if (o.defaultValue() != null) {
                values.put(o.name(), o.defaultValue());
            }
        }
        raw.forEach((key, value) -> {
            InputOption<?> o = byName.get(key);
            String field = "inputs." + input + "." + key;
            if (o == null) {
                problems.add(field + ": unknown option. " + (byName.isEmpty() ? "This input takes no options."
                        : "Known options: " + byName.keySet().stream().collect(Collectors.joining(", "))));
                return;
            }
            if (value == null) {
                return;
            }
            try {
                values.put(key, o.parse(value));
            } catch (IllegalArgumentException e) {
                problems.add(field + ": " + e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new OktaConfigurationException(problems);
        }
        return new InputOptions(input, values);
    }

    /**
     * @param option a declaration of this input
     * @param <T>    its type
     * @return the value, or the default
     */
    @SuppressWarnings("unchecked")
    public <T> T get(InputOption<T> option) {
        return (T) values.get(option.name());
    }

    @Override
    public String toString() {
        return "InputOptions[" + input + " " + values + "]";
    }
}
