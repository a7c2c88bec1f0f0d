package dev.oktainputs.systemlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Static checks of the {@code filter} and {@code q} options, so that a mistake is reported before any request with the
 * fix, rather than as Okta's 400 on every run. Okta stays the judge of attribute names; this checks the shape:
 *
 * <pre>
 * expr := term ( ("and" | "or") term )*      term := "not"? ( "(" expr ")" | attribute "pr" | attribute op value )
 * op   := eq ne co sw ew gt ge lt le          value := "quoted string" | number | true | false | null
 * </pre>
 *
 * and what Okta refuses: {@code published} (it conflicts with since/after), {@code co} on
 * {@code debugContext.debugData.url|requestUri}, more than 10 keywords or a keyword over 40 characters.
 */
final class LogQueryCheck {

    private static final Pattern TOKEN = Pattern.compile("\\s*(\\(|\\)|\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s()\"]+)");
    private static final Set<String> OPS = Set.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le");
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Pattern BARE_VALUE = Pattern.compile("true|false|null|-?\\d+(\\.\\d+)?");
    private static final String EXAMPLE = "Example: eventType eq \"user.session.start\" and outcome.result eq \"FAILURE\"";

    private final List<String> tokens = new ArrayList<>();
    private int pos;

    private LogQueryCheck(String filter) {
        Matcher m = TOKEN.matcher(filter);
        int end = 0;
        while (m.find() && m.start() == end) {
            tokens.add(m.group(1));
            end = m.end();
        }
        if (!filter.substring(end).isBlank()) {
            throw invalid("an unterminated quote or stray character at position " + end);
        }
    }

    /** @throws IllegalArgumentException saying what is wrong with the filter and how to fix it */
    static void checkFilter(String filter) {
        if (filter.isBlank()) {
            throw new IllegalArgumentException("is empty. Remove the option, or give an expression. " + EXAMPLE);
        }
        LogQueryCheck check = new LogQueryCheck(filter);
        check.expr();
        if (check.pos < check.tokens.size()) {
            throw invalid("unexpected '" + check.tokens.get(check.pos) + "'");
        }
    }

    /** @throws IllegalArgumentException when Okta would refuse the keywords */
    static void checkKeywords(String q) {
        if (q.isBlank()) {
            throw new IllegalArgumentException("is empty. Remove the option, or give up to 10 keywords.");
        }
        String[] words = q.strip().split("\\s+");
        if (words.length > 10) {
            throw new IllegalArgumentException("has " + words.length + " keywords; Okta allows at most 10. Use fewer, or a filter.");
        }
        for (String w : words) {
            if (w.length() > 40) {
                throw new IllegalArgumentException("keyword '" + w.substring(0, 20) + "…' is " + w.length()
                        + " characters long; Okta allows at most 40. Shorten it, or use a filter on the field instead.");
            }
        }
    }

    private void expr() {
        term();
        while (pos < tokens.size() && (is("and") || is("or"))) {
            pos++;
            term();
        }
    }

    private void term() {
        if (is("not")) {
            pos++;
        }
        String t = next("an attribute or '('");
        if (t.equals("(")) {
            expr();
            if (!")".equals(next("')'"))) {
                throw invalid("a '(' is not closed");
            }
            return;
        }
        if (!ATTRIBUTE.matcher(t).matches()) {
            throw invalid("expected an attribute such as eventType, found '" + t + "'");
        }
        if (t.equalsIgnoreCase("published")) {
            throw new IllegalArgumentException("must not use 'published': Okta refuses it because since and after already"
                    + " bound the time. Remove that condition; the input reads from its checkpoint (and from lookback on"
                    + " the first run).");
        }
        String op = next("an operator after " + t).toLowerCase(Locale.ROOT);
        if (op.equals("pr")) {
            return;
        }
        if (!OPS.contains(op)) {
            throw invalid("'" + op + "' is not an operator; use eq, ne, co, sw, ew, pr, gt, ge, lt or le");
        }
        if (op.equals("co") && (t.equals("debugContext.debugData.url") || t.equals("debugContext.debugData.requestUri"))) {
            throw new IllegalArgumentException("Okta does not support 'co' on " + t + " (400 E0000031). Use eq or sw.");
        }
        String value = next("a value after " + t + " " + op);
        if (!value.startsWith("\"") && !BARE_VALUE.matcher(value).matches()) {
            throw invalid("the value " + value + " must be quoted, e.g. " + t + " " + op + " \"" + value + "\"");
        }
    }

    private boolean is(String keyword) {
        return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(keyword);
    }

    private String next(String expected) {
        if (pos >= tokens.size()) {
            throw invalid("expected " + expected + " at the end");
        }
        return tokens.get(pos++);
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("is not a valid filter expression: " + why + ". " + EXAMPLE);
    }
}
