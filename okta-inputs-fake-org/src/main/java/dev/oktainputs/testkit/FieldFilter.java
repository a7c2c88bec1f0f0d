package dev.oktainputs.testkit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Okta's {@code filter} expressions over any object, given a table of attributes: text attributes allow
 * {@code eq}, timestamps {@code eq gt ge lt le}; {@code and} binds tighter than {@code or}; parentheses group.
 * Used for groups ({@code lastUpdated}, {@code lastMembershipUpdated}, {@code type}, {@code id}); anything else
 * throws {@link IllegalArgumentException} with the reason.
 *
 * @param <T> the filtered type
 */
final class FieldFilter<T> {

    /**
     * One filterable attribute: exact text ({@code eq}), case-insensitive text ({@code eq sw}, as {@code search}
     * treats profile fields) or a timestamp in epoch millis.
     */
    record Attribute<T>(Function<T, String> text, ToLongFunction<T> time, boolean caseless) {
        static <T> Attribute<T> text(Function<T, String> f) {
            return new Attribute<>(f, null, false);
        }

        static <T> Attribute<T> caseless(Function<T, String> f) {
            return new Attribute<>(f, null, true);
        }

        static <T> Attribute<T> time(ToLongFunction<T> f) {
            return new Attribute<>(null, f, false);
        }
    }

    private final Map<String, Attribute<T>> attributes;
    private final List<String> tokens;
    private int pos;

    private FieldFilter(Map<String, Attribute<T>> attributes, List<String> tokens) {
        this.attributes = attributes;
        this.tokens = tokens;
    }

    static <T> Predicate<T> parse(String expression, Map<String, Attribute<T>> attributes) {
        FieldFilter<T> parser = new FieldFilter<>(attributes, tokenize(expression));
        if (parser.tokens.isEmpty()) {
            throw new IllegalArgumentException("empty expression");
        }
        Predicate<T> p = parser.or();
        if (parser.pos != parser.tokens.size()) {
            throw new IllegalArgumentException("unexpected '" + parser.tokens.get(parser.pos) + "'");
        }
        return p;
    }

    private Predicate<T> or() {
        Predicate<T> p = and();
        while (keyword("or")) {
            p = p.or(and());
        }
        return p;
    }

    private Predicate<T> and() {
        Predicate<T> p = primary();
        while (keyword("and")) {
            p = p.and(primary());
        }
        return p;
    }

    private Predicate<T> primary() {
        if ("(".equals(peek())) {
            pos++;
            Predicate<T> p = or();
            if (!")".equals(next())) {
                throw new IllegalArgumentException("missing ')'");
            }
            return p;
        }
        String name = next();
        String op = next().toLowerCase(Locale.ROOT);
        String raw = next();
        if (!raw.startsWith("\"")) {
            throw new IllegalArgumentException("expected a quoted value after '" + name + " " + op + "'");
        }
        String value = raw.substring(1);
        Attribute<T> a = attributes.get(name);
        if (a == null) {
            throw new IllegalArgumentException("unsupported filter attribute '" + name + "'");
        }
        if (a.caseless()) {
            String lower = value.toLowerCase(Locale.ROOT);
            Function<T, String> f = a.text();
            switch (op) {
                case "eq": return t -> f.apply(t) != null && f.apply(t).equalsIgnoreCase(value);
                case "sw": return t -> f.apply(t) != null && f.apply(t).toLowerCase(Locale.ROOT).startsWith(lower);
                default: throw new IllegalArgumentException("unsupported operator '" + op + "' for " + name);
            }
        }
        if (a.text() != null) {
            if (!op.equals("eq")) {
                throw new IllegalArgumentException("unsupported operator '" + op + "' for " + name);
            }
            return t -> value.equals(a.text().apply(t));
        }
        long v = instant(value);
        ToLongFunction<T> f = a.time();
        switch (op) {
            case "eq": return t -> f.applyAsLong(t) == v;
            case "gt": return t -> f.applyAsLong(t) > v;
            case "ge": return t -> f.applyAsLong(t) >= v;
            case "lt": return t -> f.applyAsLong(t) < v;
            case "le": return t -> f.applyAsLong(t) <= v;
            default: throw new IllegalArgumentException("unsupported operator '" + op + "' for a timestamp");
        }
    }

    private static long instant(String value) {
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 instant: \"" + value + "\"");
        }
    }

    private boolean keyword(String word) {
        if (word.equalsIgnoreCase(peek())) {
            pos++;
            return true;
        }
        return false;
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw new IllegalArgumentException("unexpected end of expression");
        }
        return tokens.get(pos++);
    }

    /** Words, parentheses and quoted strings; a quoted token keeps its opening quote as a marker. */
    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '"') {
                StringBuilder value = new StringBuilder("\"");
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw new IllegalArgumentException("unterminated string");
                    }
                    char d = s.charAt(i++);
                    if (d == '"') {
                        break;
                    }
                    value.append(d == '\\' && i < s.length() ? s.charAt(i++) : d);
                }
                out.add(value.toString());
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "()\"".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                out.add(s.substring(start, i));
            }
        }
        return out;
    }
}
