package dev.oktainputs.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/** Renders deterministic, realistic Okta users from a seeded random source. Not thread-safe: the org locks. */
final class UserGenerator {

    private static final String[] FIRST = {"Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken",
        "Frances", "Edsger", "Radia", "Donald", "Hedy", "John", "Katherine", "Tim", "Shafi", "Leslie", "Joan",
        "Niklaus", "Sophie", "Guido", "Anita", "James", "Mary", "Robert", "Karen", "Brian", "Lynn", "Adele"};
    private static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie",
        "Liskov", "Thompson", "Allen", "Dijkstra", "Perlman", "Knuth", "Lamarr", "McCarthy", "Johnson",
        "Berners-Lee", "Goldwasser", "Lamport", "Clarke", "Wirth", "Wilson", "van Rossum", "Borg", "Gosling",
        "Keller", "Floyd", "Jones", "Kernighan", "Conway", "Goldberg"};
    private static final String[] UNICODE_FIRST = {"Zoë", "José", "Łukasz", "Søren", "Renée", "Åsa", "Jiří",
        "Αλέξανδρος", "Иван", "太郎", "Nguyễn", "Ævar"};
    private static final String[] UNICODE_LAST = {"Müller", "Ødegård", "Ñúñez", "Çelik", "Šťastný", "Παπαδόπουλος",
        "Петров", "田中", "Trần", "Sigurðsson"};
    private static final String[] SKILLS = {"java", "go", "python", "sql", "kubernetes", "terraform", "okta",
        "security", "design", "sales", "finance", "support"};
    private static final String[] TITLES = {"Engineer", "Senior Engineer", "Manager", "Director", "Analyst",
        "Designer", "Account Executive", "Support Specialist", "Recruiter", "Accountant"};
    private static final String[] STATUSES = {"ACTIVE", "STAGED", "PROVISIONED", "RECOVERY", "PASSWORD_EXPIRED",
        "LOCKED_OUT", "SUSPENDED", "DEPROVISIONED"};
    /** Cumulative per-mille weights of {@link #STATUSES}: 78% ACTIVE ... 5% DEPROVISIONED. */
    private static final int[] STATUS_WEIGHTS = {780, 820, 860, 880, 900, 920, 950, 1000};
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final Pattern NOT_LETTER = Pattern.compile("[^A-Za-z]");

    private final JsonFactory json = new JsonFactory();
    private final SplittableRandom random;
    private final Set<String> issuedIds = new HashSet<>();
    private final String typeId;
    private final String linkBase;
    private long sequence;

    UserGenerator(long seed, String linkBase) {
        this.random = new SplittableRandom(seed);
        this.typeId = "oty" + Ids.base62(random, 17);
        this.linkBase = linkBase;
    }

    /** A user that has existed for a while: every timestamp lies before {@code nowMillis - 1 min}. */
    FakeUser historic(long nowMillis) {
        String status = pickStatus();
        long hi = nowMillis - 60_000;
        long created = hi - 30 * DAY - (long) (random.nextDouble() * 1065 * DAY);
        Long activated = "STAGED".equals(status) ? null : between(created, Math.min(hi, created + 3 * DAY));
        long base = activated == null ? created : activated;
        Long statusChanged = "STAGED".equals(status) ? null
                : "ACTIVE".equals(status) && random.nextInt(2) == 0 ? activated : between(base, hi);
        boolean noPassword = "STAGED".equals(status) || "PROVISIONED".equals(status);
        Long lastLogin = noPassword || random.nextInt(100) < 15 ? null : between(base, hi);
        Long passwordChanged = noPassword ? null : between(base, hi);
        long latest = max(created, activated, statusChanged, lastLogin, passwordChanged);
        return render(status, created, activated, statusChanged, lastLogin, between(latest, hi), passwordChanged);
    }

    /** A user created just now (ACTIVE, or STAGED one time in ten). */
    FakeUser created(long nowMillis) {
        boolean staged = random.nextInt(10) == 0;
        Long now = nowMillis;
        return render(staged ? "STAGED" : "ACTIVE", nowMillis, staged ? null : now, staged ? null : now, null,
                nowMillis, staged ? null : now);
    }

    private FakeUser render(String status, long created, Long activated, Long statusChanged, Long lastLogin,
                            long lastUpdated, Long passwordChanged) {
        String id = newId();
        long seq = ++sequence;
        boolean unicode = random.nextInt(100) < 4;
        String first = unicode ? pick(UNICODE_FIRST) : pick(FIRST);
        String last = unicode && random.nextBoolean() ? pick(UNICODE_LAST) : pick(LAST);
        String email = (ascii(first) + "." + ascii(last) + "." + seq + "@example.com").toLowerCase(Locale.ROOT);
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("status", status);
            time(g, "created", created);
            time(g, "activated", activated);
            time(g, "statusChanged", statusChanged);
            time(g, "lastLogin", lastLogin);
            time(g, "lastUpdated", lastUpdated);
            time(g, "passwordChanged", passwordChanged);
            g.writeObjectFieldStart("type");
            g.writeStringField("id", typeId);
            g.writeEndObject();
            writeProfile(g, first, last, email, seq);
            g.writeObjectFieldStart("credentials");
            if (passwordChanged != null) {
                g.writeObjectFieldStart("password");
                g.writeEndObject();
            }
            g.writeObjectFieldStart("provider");
            g.writeStringField("type", "OKTA");
            g.writeStringField("name", "OKTA");
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("_links");
            g.writeObjectFieldStart("self");
            g.writeStringField("href", linkBase + "/api/v1/users/" + id);
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FakeUser(id, status, lastUpdated, created, first, last, email, email, out.toString());
    }

    private void writeProfile(JsonGenerator g, String first, String last, String email, long seq) throws IOException {
        g.writeObjectFieldStart("profile");
        g.writeStringField("firstName", first);
        g.writeStringField("lastName", last);
        if (random.nextInt(100) < 30) {
            g.writeNullField("mobilePhone");
        } else {
            g.writeStringField("mobilePhone", "+1 555-" + pad(random.nextInt(1000), 3) + "-" + pad(random.nextInt(10000), 4));
        }
        g.writeNullField("secondEmail");
        g.writeStringField("login", email);
        g.writeStringField("email", email);
        g.writeStringField("title", pick(TITLES));
        g.writeStringField("costCenter", "CC-" + (1000 + random.nextInt(9000)));
        g.writeNumberField("employeeNumber", 100_000 + seq);
        g.writeBooleanField("isContractor", random.nextInt(100) < 12);
        g.writeArrayFieldStart("skills");
        int skills = random.nextInt(4);
        for (int i = 0; i < skills; i++) {
            g.writeString(pick(SKILLS));
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private String newId() {
        while (true) {
            String id = "00u" + Ids.base62(random, 17);
            if (issuedIds.add(id)) {
                return id;
            }
        }
    }

    /** A value to put into a changed profile attribute. */
    String nextCostCenter() {
        return "CC-" + (1000 + random.nextInt(9000));
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private String pickStatus() {
        int r = random.nextInt(1000);
        for (int i = 0; i < STATUS_WEIGHTS.length; i++) {
            if (r < STATUS_WEIGHTS[i]) {
                return STATUSES[i];
            }
        }
        return STATUSES[0];
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private long between(long lo, long hi) {
        return hi <= lo ? lo : lo + (long) (random.nextDouble() * (hi - lo));
    }

    private static long max(long first, Long... more) {
        long m = first;
        for (Long v : more) {
            if (v != null && v > m) {
                m = v;
            }
        }
        return m;
    }

    private static void time(JsonGenerator g, String field, Long millis) throws IOException {
        if (millis == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, Ids.oktaTime(java.time.Instant.ofEpochMilli(millis)));
        }
    }

    private static String ascii(String name) {
        String spelled = name.replace("Æ", "Ae").replace("æ", "ae").replace("Ø", "O").replace("ø", "o")
                .replace("Ł", "L").replace("ł", "l").replace("ð", "d").replace("ß", "ss");
        String folded = NOT_LETTER.matcher(Normalizer.normalize(spelled, Normalizer.Form.NFD)).replaceAll("");
        return folded.isEmpty() ? "user" : folded;
    }

    private static String pad(int value, int digits) {
        String s = Integer.toString(value);
        return "0".repeat(Math.max(0, digits - s.length())) + s;
    }
}
