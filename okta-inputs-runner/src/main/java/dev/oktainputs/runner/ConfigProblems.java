package dev.oktainputs.runner;

import dev.oktainputs.core.error.OktaConfigurationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The problems found in one configuration file, collected so that all of them are reported at once, and the secrets
 * met while reading it, so that none is ever quoted: each problem is {@code "field: what is wrong. Fix: …"}, shown
 * with any secret hidden, very long words abbreviated, control characters escaped, and at most
 * {@link #MAX_PROBLEMS} of them.
 */
final class ConfigProblems {

    /** Problems shown at most; the rest are counted. */
    static final int MAX_PROBLEMS = 30;
    private static final Pattern WORD = Pattern.compile("[^\\s'\"]+");

    private final List<String> all = new ArrayList<>();
    private final Set<String> secrets = new HashSet<>();

    /**
     * @param problem {@code "field: what is wrong"}, best followed by {@code ". Fix: …"}
     */
    void add(String problem) {
        all.add(problem);
    }

    /**
     * @param secret a value never to be shown in a problem, nor any eight characters of it
     */
    void addSecret(String secret) {
        secrets.add(secret);
    }

    /**
     * @return the fields that have a problem already
     */
    Set<String> fields() {
        return all.stream().map(p -> p.substring(0, Math.max(0, p.indexOf(": ")))).collect(Collectors.toSet());
    }

    /**
     * Runs a parse step; its OktaConfigurationException becomes problems (each already names its field).
     *
     * @param field the field an IllegalArgumentException of the step is about
     * @param step  the parse step
     * @return the step's result, or null when it had a problem
     */
    <T> T attempt(String field, Supplier<T> step) {
        try {
            return step.get();
        } catch (OktaConfigurationException e) {
            all.addAll(e.problems());
        } catch (IllegalArgumentException e) {
            all.add(field + ": " + e.getMessage());
        }
        return null;
    }

    /**
     * @throws OktaConfigurationException listing the problems as shown, when there is any
     */
    void throwIfAny() {
        if (!all.isEmpty()) {
            throw exception();
        }
    }

    /**
     * @return an exception listing the problems as shown
     */
    OktaConfigurationException exception() {
        return new OktaConfigurationException(tidy(all));
    }

    /**
     * Problems as shown: a secret (the API token, or the value of an environment variable named like one) replaced
     * wherever any eight characters of it appear, very long words abbreviated, and at most {@link #MAX_PROBLEMS}.
     */
    private List<String> tidy(List<String> problems) {
        List<String> out = new ArrayList<>();
        for (String p : problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS))) {
            Matcher m = WORD.matcher(p);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String w = m.group();
                String colon = w.endsWith(":") ? ":" : "";   // keep "field:" recognisable
                String shown = leaksSecret(w) ? "[hidden]" + colon
                        : w.length() > 100 ? w.substring(0, 60) + "…(" + w.length() + " characters)" + colon : w;
                m.appendReplacement(sb, Matcher.quoteReplacement(shown));
            }
            m.appendTail(sb);
            out.add(printable(sb.toString()));
        }
        if (problems.size() > MAX_PROBLEMS) {
            out.add("--config: " + (problems.size() - MAX_PROBLEMS) + " more problems not shown. Fix the ones above first");
        }
        return out;
    }

    /** One problem is one line: control characters (and text-direction overrides) quoted from the file are escaped. */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069) {
                sb.append(c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private boolean leaksSecret(String word) {
        for (String secret : secrets) {
            for (int i = 0; i + 8 <= secret.length(); i++) {
                if (word.contains(secret.substring(i, i + 8))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @return a value from the file as a problem quotes it: its first 40 characters
     */
    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /**
     * @return ", did you mean 'x'?" for a near miss (edit distance ≤ 2), else ""
     */
    static String suggestion(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(typed, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
