package dev.oktainputs.core.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One option of an input, declared once: name, type, default, allowed range and doc. The same declaration
 * drives parsing and validation of the runner's YAML and the Kafka Connect config, and the input's option table in
 * the docs ({@link OptionTable}, checked against the docs by a test).
 *
 * @param <T> the value type
 */
public final class InputOption<T> {

    private final String name;
    private final String type;
    private final T defaultValue;
    private final String doc;
    private final Function<Object, T> parser;

    private InputOption(String name, String type, T defaultValue, String doc, Function<Object, T> parser) {
        this.name = Objects.requireNonNull(name);
        this.type = type;
        this.defaultValue = defaultValue;
        this.doc = doc;
        this.parser = parser;
    }

    /**
     * An integer option.
     *
     * @param name         the key, snake_case
     * @param defaultValue the default
     * @param min          smallest allowed value
     * @param max          largest allowed value
     * @param doc          what it does
     * @return the declaration
     */
    public static InputOption<Integer> integer(String name, int defaultValue, int min, int max, String doc) {
        return new InputOption<>(name, "integer " + min + ".." + max, defaultValue, doc, raw -> {
            long v;
            // Through BigInteger: a number too big for a long must not wrap around into the allowed range.
            java.math.BigInteger big;
            if (raw instanceof Number && !(raw instanceof Double || raw instanceof Float || raw instanceof java.math.BigDecimal)) {
                big = raw instanceof java.math.BigInteger ? (java.math.BigInteger) raw : java.math.BigInteger.valueOf(((Number) raw).longValue());
            } else {
                String text = raw.toString().strip();
                if (text.length() > 40) {
                    // BigInteger parsing is quadratic in the digits: a page of them is out of range, not worth the time
                    throw new IllegalArgumentException(text.matches("[+-]?[0-9]+")
                            ? "must be between " + min + " and " + max + ", got a number of " + text.length() + " digits"
                            : "expected a whole number, got '" + abbreviate(raw) + "'");
                }
                try {
                    big = new java.math.BigInteger(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected a whole number, got '" + abbreviate(raw) + "'");
                }
            }
            if (big.bitLength() > 63) {
                throw new IllegalArgumentException("must be between " + min + " and " + max + ", got '" + abbreviate(big) + "'");
            }
            v = big.longValueExact();
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max + ", got " + v);
            }
            return (int) v;
        });
    }

    /**
     * A boolean option ({@code true}/{@code false}).
     *
     * @param name         the key
     * @param defaultValue the default
     * @param doc          what it does
     * @return the declaration
     */
    public static InputOption<Boolean> bool(String name, boolean defaultValue, String doc) {
        return new InputOption<>(name, "boolean", defaultValue, doc, raw -> {
            if (raw instanceof Boolean) {
                return (Boolean) raw;
            }
            String s = raw.toString().strip().toLowerCase(Locale.ROOT);
            if (s.equals("true") || s.equals("false")) {
                return Boolean.valueOf(s);
            }
            throw new IllegalArgumentException("expected true or false, got '" + abbreviate(raw) + "'");
        });
    }

    /**
     * A duration option, ISO-8601 ({@code PT1H}) or a number with a unit ({@code 90s}, {@code 5m}, {@code 1h}, {@code 2d}).
     *
     * @param name         the key
     * @param defaultValue the default
     * @param doc          what it does
     * @return the declaration
     */
    public static InputOption<Duration> duration(String name, Duration defaultValue, String doc) {
        return new InputOption<>(name, "duration", defaultValue, doc, raw -> parseDuration(raw.toString()));
    }

    /**
     * A free-text option.
     *
     * @param name         the key
     * @param defaultValue the default, may be null
     * @param doc          what it does
     * @return the declaration
     */
    public static InputOption<String> string(String name, String defaultValue, String doc) {
        return new InputOption<>(name, "string", defaultValue, doc, raw -> {
            String s = raw.toString();
            if (s.length() > 4096) {
                throw new IllegalArgumentException("is longer than 4096 characters");
            }
            return s;
        });
    }

    /**
     * The same option with an extra check on every configured value (the default is not checked), for limits
     * a type alone cannot say, e.g. "at most 90 days, because Okta keeps no older events".
     *
     * @param check throws {@link IllegalArgumentException} saying what is wrong and how to fix it
     * @return the checked option
     */
    public InputOption<T> validatedBy(java.util.function.Consumer<? super T> check) {
        Objects.requireNonNull(check, "check");
        return new InputOption<>(name, type, defaultValue, doc, raw -> {
            T value = parser.apply(raw);
            check.accept(value);
            return value;
        });
    }

    /**
     * An option of any other type, e.g. import rules that arrive as a file path or an already parsed tree.
     *
     * @param name         the key
     * @param type         the type, for docs
     * @param defaultValue the default, may be null
     * @param doc          what it does
     * @param parser       turns a configured value into the typed one; throws IllegalArgumentException saying
     *                     what is wrong (the field name is added by {@link InputOptions})
     * @param <T>          the value type
     * @return the declaration
     */
    public static <T> InputOption<T> of(String name, String type, T defaultValue, String doc, Function<Object, T> parser) {
        return new InputOption<>(name, type, defaultValue, doc, Objects.requireNonNull(parser, "parser"));
    }

    static Duration parseDuration(String text) {
        String s = text.strip();
        try {
            if (s.toUpperCase(Locale.ROOT).startsWith("P")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)").matcher(s.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                switch (m.group(2)) {
                    case "ms": return Duration.ofMillis(n);
                    case "s": return Duration.ofSeconds(n);
                    case "m": return Duration.ofMinutes(n);
                    case "h": return Duration.ofHours(n);
                    default: return Duration.ofDays(n);
                }
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // fall through
        }
        throw new IllegalArgumentException("expected a duration such as PT1H, 30m or 90s, got '" + abbreviate(text) + "'");
    }

    private static String abbreviate(Object raw) {
        String s = String.valueOf(raw);
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /**
     * @param raw a value as configured (string, number or boolean)
     * @return the typed value
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public T parse(Object raw) {
        if (raw == null) {
            throw new IllegalArgumentException("has no value. Fix: give one, or remove the key to use the default"
                    + (defaultValue == null ? "" : " (" + defaultValue + ")"));
        }
        return parser.apply(raw);
    }

    /** @return the key */
    public String name() {
        return name;
    }

    /** @return the type, for docs, e.g. {@code integer 1..200} */
    public String type() {
        return type;
    }

    /** @return the default, may be null */
    public T defaultValue() {
        return defaultValue;
    }

    /** @return what the option does */
    public String doc() {
        return doc;
    }

    @Override
    public String toString() {
        return name + " (" + type + ", default " + defaultValue + ")";
    }
}
