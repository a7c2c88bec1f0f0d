package dev.oktainputs.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Parses the {@code filter} / {@code search} expressions of {@code GET /api/v1/users} into a predicate.
 *
 * <pre>
 * expr       := andExpr ( "or" andExpr )*
 * andExpr    := primary ( "and" primary )*
 * primary    := "(" expr ")" | comparison
 * comparison := attribute operator "quoted value"
 * </pre>
 * {@code filter} allows {@code id eq}, {@code status eq} and {@code lastUpdated eq|gt|ge|lt|le}. {@code search}
 * also allows {@code created eq|gt|ge|lt|le} and {@code profile.firstName|lastName|email|login eq|sw}
 * (case-insensitive). Keywords and operators are case-insensitive; timestamps are ISO-8601 instants such as
 * {@code "2024-01-01T00:00:00.000Z"}. Anything else throws {@link IllegalArgumentException}.
 */
final class UserFilter {

    private static final Map<String, FieldFilter.Attribute<FakeUser>> FILTER = Map.of(
            "id", FieldFilter.Attribute.text(FakeUser::id),
            "status", FieldFilter.Attribute.text(FakeUser::status),
            "lastUpdated", FieldFilter.Attribute.time(FakeUser::lastUpdatedMillis));

    private static final Map<String, FieldFilter.Attribute<FakeUser>> SEARCH = search();

    private UserFilter() {
    }

    private static Map<String, FieldFilter.Attribute<FakeUser>> search() {
        Map<String, FieldFilter.Attribute<FakeUser>> m = new HashMap<>(FILTER);
        m.put("created", FieldFilter.Attribute.time(FakeUser::createdMillis));
        m.put("profile.firstName", FieldFilter.Attribute.caseless(FakeUser::firstName));
        m.put("profile.lastName", FieldFilter.Attribute.caseless(FakeUser::lastName));
        m.put("profile.email", FieldFilter.Attribute.caseless(FakeUser::email));
        m.put("profile.login", FieldFilter.Attribute.caseless(FakeUser::login));
        return Map.copyOf(m);
    }

    /**
     * @param expression the expression
     * @param search     true for {@code search} (more attributes), false for {@code filter}
     * @return the predicate
     * @throws IllegalArgumentException when the expression is not supported
     */
    static Predicate<FakeUser> parse(String expression, boolean search) {
        return FieldFilter.parse(expression, search ? SEARCH : FILTER);
    }
}
