package dev.oktainputs.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The System Log's {@code filter} (SCIM expression) and {@code q} (keywords), evaluated on an event's fields.
 *
 * <pre>
 * expr    := and ( "or" and )*          and := unary ( "and" unary )*
 * unary   := "not"? primary            primary := "(" expr ")" | attribute "pr" | attribute op value
 * op      := eq ne co sw ew gt ge lt le value := "quoted" | number | true | false | null
 * </pre>
 *
 * Like Okta: {@code published} is refused (it conflicts with since/after), {@code co} on
 * {@code debugContext.debugData.url|requestUri} is refused, unknown attributes are refused. {@code q}: at most 10
 * keywords of at most 40 characters; each must equal (case-insensitively) a field value or a part of one split at
 * spaces and hyphens.
 */
final class LogFilter {

    /** A filter Okta would refuse: the status and error code to answer with, and the summary. */
    static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;

        Invalid(String code, String summary) {
            super(summary, null, false, false);
            this.code = code;
        }
    }

    private static final Pattern TOKEN = Pattern.compile("\\s*(\\(|\\)|\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s()\"]+)");
    private static final Set<String> OPS = Set.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le");

    private final List<String> tokens;
    private final String text;
    private int pos;

    private LogFilter(String text) {
        this.text = text;
        this.tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int end = 0;
        while (m.find() && m.start() == end) {
            tokens.add(m.group(1));
            end = m.end();
        }
        if (!text.substring(end).isBlank()) {
            throw invalid("Unexpected text at position " + end);
        }
    }

    /** @return the predicate of a filter expression; null or blank accepts everything */
    static Predicate<LogEventGenerator.Facts> filter(String expression) {
        if (expression == null || expression.isBlank()) {
            return f -> true;
        }
        LogFilter parser = new LogFilter(expression);
        Predicate<LogEventGenerator.Facts> p = parser.expr();
        if (parser.pos != parser.tokens.size()) {
            throw parser.invalid("Unexpected '" + parser.tokens.get(parser.pos) + "'");
        }
        return p;
    }

    /** @return the predicate of a keyword query; null or blank accepts everything */
    static Predicate<LogEventGenerator.Facts> keywords(String q) {
        if (q == null || q.isBlank()) {
            return f -> true;
        }
        String[] words = q.strip().toLowerCase(Locale.ROOT).split("\\s+");
        if (words.length > 10) {
            throw new Invalid("E0000001", "Api validation failed: 'q': Freeform search cannot contain more than 10 items.");
        }
        for (String w : words) {
            if (w.length() > 40) {
                throw new Invalid("E0000001", "Api validation failed: 'q': Freeform search cannot contain items longer than 40"
                        + " characters. Please shorten the items in your search or use an advanced filter to query by specific fields.");
            }
        }
        return f -> {
            Set<String> tokens = new java.util.HashSet<>();
            for (String v : fields(f).values()) {
                if (v != null) {
                    String lower = v.toLowerCase(Locale.ROOT);
                    tokens.add(lower);
                    tokens.addAll(List.of(lower.split("[\\s-]+")));
                }
            }
            for (String w : words) {
                if (!tokens.contains(w)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** The attributes a filter may name, with the event's value. */
    static Map<String, String> fields(LogEventGenerator.Facts f) {
        Map<String, String> m = new java.util.HashMap<>();
        m.put("uuid", f.uuid());
        m.put("eventType", f.eventType());
        m.put("severity", f.severity());
        m.put("displayMessage", f.displayMessage());
        m.put("legacyEventType", f.legacyEventType());
        m.put("outcome.result", f.outcome());
        m.put("outcome.reason", f.reason());
        m.put("actor.id", f.actorId());
        m.put("actor.type", "User");
        m.put("actor.alternateId", f.actorLogin());
        m.put("actor.displayName", f.actorName());
        m.put("client.ipAddress", f.ipAddress());
        m.put("client.geographicalContext.city", f.city());
        m.put("client.geographicalContext.country", f.country());
        m.put("target.id", f.targetId());
        m.put("target.type", f.targetType());
        m.put("target.displayName", f.targetName());
        m.put("transaction.id", f.transactionId());
        m.put("debugContext.debugData.requestUri", f.requestUri());
        m.put("debugContext.debugData.url", f.requestUri() + "?");
        return m;
    }

    private static final Set<String> ATTRIBUTES = fields(new LogEventGenerator.Facts("u", java.time.Instant.EPOCH, "t", "s",
            "o", "r", "d", "l", 0, "i", "c", "c", "t", "t", "t", "x", "/", 0, null)).keySet();

    private Predicate<LogEventGenerator.Facts> expr() {
        Predicate<LogEventGenerator.Facts> p = and();
        while (peekKeyword("or")) {
            pos++;
            p = p.or(and());
        }
        return p;
    }

    private Predicate<LogEventGenerator.Facts> and() {
        Predicate<LogEventGenerator.Facts> p = unary();
        while (peekKeyword("and")) {
            pos++;
            p = p.and(unary());
        }
        return p;
    }

    private Predicate<LogEventGenerator.Facts> unary() {
        if (peekKeyword("not")) {
            pos++;
            return primary().negate();
        }
        return primary();
    }

    private Predicate<LogEventGenerator.Facts> primary() {
        String t = next("an attribute or '('");
        if (t.equals("(")) {
            Predicate<LogEventGenerator.Facts> p = expr();
            if (!")".equals(next("')'"))) {
                throw invalid("Expected ')'");
            }
            return p;
        }
        String attribute = t;
        if (attribute.equalsIgnoreCase("published")) {
            throw new Invalid("E0000053", "Invalid filter '" + text + "': the published attribute cannot be used in a filter;"
                    + " use since and until.");
        }
        String canonical = ATTRIBUTES.stream().filter(a -> a.equalsIgnoreCase(attribute)).findFirst().orElse(null);
        if (canonical == null) {
            throw new Invalid("E0000053", "field is not valid: " + attribute);
        }
        String op = next("an operator").toLowerCase(Locale.ROOT);
        if (op.equals("pr")) {
            return f -> fields(f).get(canonical) != null;
        }
        if (!OPS.contains(op)) {
            throw invalid("Unrecognized attribute operator '" + op + "'. Expected: eq,co,sw,pr,gt,ge,lt,le");
        }
        if (op.equals("co") && canonical.startsWith("debugContext.debugData.")) {
            throw new Invalid("E0000031", "The supplied combination of operator and field is not currently supported. Operator: co,"
                    + " Field: " + canonical);
        }
        String raw = next("a value");
        String value = raw.startsWith("\"") ? raw.substring(1, raw.length() - 1).replace("\\\"", "\"") : raw;
        return f -> compare(fields(f).get(canonical), op, value);
    }

    private static boolean compare(String actual, String op, String value) {
        if (actual == null) {
            return op.equals("ne");
        }
        String a = actual.toLowerCase(Locale.ROOT);
        String v = value.toLowerCase(Locale.ROOT);
        switch (op) {
            case "eq": return actual.equals(value);
            case "ne": return !actual.equals(value);
            case "co": return a.contains(v);
            case "sw": return a.startsWith(v);
            case "ew": return a.endsWith(v);
            case "gt": return actual.compareTo(value) > 0;
            case "ge": return actual.compareTo(value) >= 0;
            case "lt": return actual.compareTo(value) < 0;
            default: return actual.compareTo(value) <= 0;
        }
    }

    private boolean peekKeyword(String word) {
        return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(word);
    }

    private String next(String expected) {
        if (pos >= tokens.size()) {
            throw invalid("Expected " + expected + " at the end");
        }
        return tokens.get(pos++);
    }

    private Invalid invalid(String why) {
        return new Invalid("E0000053", "Invalid filter '" + text + "': " + why);
    }
}
