package dev.oktainputs.testkit;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The org's user types and their profile schemas, served the way Okta's management API does:
 * {@code GET /api/v1/meta/types/user} (operation {@code listUserTypes}, scope {@code okta.userTypes.read}; a plain
 * array of every type, not paged) and {@code GET /api/v1/meta/schemas/user/{schemaId}} (operation
 * {@code getUserSchema}, scope {@code okta.schemas.read}; one object, {@code default} naming the default type's
 * schema, 404 {@code E0000007} for an unknown id). A type renders like the spec's {@code ListsAllUserTypes} example
 * ({@code id} {@code oty…}, {@code displayName}, {@code name}, {@code description}, {@code createdBy},
 * {@code lastUpdatedBy}, {@code created}, {@code lastUpdated}, {@code default}, {@code _links.schema.href} naming its
 * schema {@code osc…}; {@code _links.self} is the type's own URL, where the example repeats the schema's), a schema
 * like {@code UserSchemaResponse} ({@code id} = {@code <org>/meta/schemas/user/<schemaId>}, {@code $schema},
 * {@code name}, {@code title}, {@code created}, {@code lastUpdated}, {@code definitions.base} with login, firstName,
 * lastName and email, {@code definitions.custom} with the custom properties, {@code type} and {@code properties}).
 * No type exists until added. Changes stamp {@code lastUpdated} (the type's or the schema's) with the org clock.
 */
public final class FakeUserTypes {

    private static final Map<String, Object> SELF_READ_WRITE = ListedSettings.object("principal", "SELF", "action", "READ_WRITE");

    private record Type(String id, String name, String displayName, String description, boolean isDefault,
                        Instant created, Instant lastUpdated, String schemaId, Map<String, Map<String, Object>> custom,
                        Instant schemaLastUpdated) {

        Type withCustom(Map<String, Map<String, Object>> newCustom, Instant now) {
            return new Type(id, name, displayName, description, isDefault, created, lastUpdated, schemaId,
                    Collections.unmodifiableMap(new LinkedHashMap<>(newCustom)), now); // in the order added
        }
    }

    private final ListedSettings<Type> types;

    FakeUserTypes(Clock clock) {
        this.types = new ListedSettings<>("user type", clock);
    }

    /**
     * Adds the default user type every Okta org has ({@code user}, "User").
     *
     * @return its id
     */
    public String addDefault() {
        return add("user", "User", "Okta user profile template with default permission settings", true);
    }

    /**
     * @param name        the type's name, e.g. {@code contractor}
     * @param displayName its display name
     * @param description its description
     * @return the new type's id; its schema starts with the base properties and no custom ones
     */
    public String add(String name, String displayName, String description) {
        return add(name, displayName, description, false);
    }

    private String add(String name, String displayName, String description, boolean isDefault) {
        String id = Ids.unique("oty", 17);
        Instant now = types.now();
        types.put(id, new Type(id, Objects.requireNonNull(name, "name"), displayName, description, isDefault, now, now,
                Ids.unique("osc", 17), Map.of(), now));
        return id;
    }

    /**
     * Adds (or replaces) a custom profile property in a type's schema, stamping the schema's {@code lastUpdated}.
     *
     * @param typeId   the type
     * @param property the property's name, e.g. {@code costCenter}
     * @param title    its title
     * @param type     its JSON schema type: {@code string}, {@code integer}, {@code number}, {@code boolean} or
     *                 {@code array} (of strings)
     */
    public void addCustomProperty(String typeId, String property, String title, String type) {
        Map<String, Object> p = ListedSettings.object("title", title, "description", title, "type", type);
        if (type.equals("array")) {
            p.put("items", ListedSettings.object("type", "string"));
        }
        p.put("required", false);
        p.put("permissions", List.of(SELF_READ_WRITE));
        synchronized (types) {
            Type t = types.get(typeId);
            Map<String, Map<String, Object>> custom = new LinkedHashMap<>(t.custom());
            custom.put(property, p);
            types.put(typeId, t.withCustom(custom, types.now()));
        }
    }

    /**
     * @param typeId   the type
     * @param property the custom property to remove from its schema
     */
    public void removeCustomProperty(String typeId, String property) {
        synchronized (types) {
            Type t = types.get(typeId);
            Map<String, Map<String, Object>> custom = new LinkedHashMap<>(t.custom());
            custom.remove(property);
            types.put(typeId, t.withCustom(custom, types.now()));
        }
    }

    /**
     * @param typeId the type to delete, with its schema; Okta refuses to delete the default type, and so does this
     * @return whether it existed
     */
    public boolean delete(String typeId) {
        synchronized (types) {
            if (types.ids().contains(typeId) && types.get(typeId).isDefault()) {
                throw new IllegalArgumentException("the default user type " + typeId + " cannot be deleted");
            }
            return types.remove(typeId);
        }
    }

    /**
     * @return the ids of every type, sorted
     */
    public List<String> ids() {
        return types.ids();
    }

    /**
     * @param typeId a type
     * @return the id of its schema ({@code osc…}), the last segment of its {@code _links.schema.href}
     */
    public String schemaId(String typeId) {
        return types.get(typeId).schemaId();
    }

    /**
     * @return the schema ids of every type, in the order of {@link #ids()}
     */
    public List<String> schemaIds() {
        synchronized (types) {
            return types.ids().stream().map(this::schemaId).toList();
        }
    }

    static void register(Routes routes) {
        routes.add(Route.get("/api/v1/meta/types/user", call -> call.server().org().userTypes().types.page(call,
                ListedSettings.ALL, Integer.MAX_VALUE, t -> typeJson(t, call.server().org().linkBaseUrl()))));
        routes.add(Route.get("/api/v1/meta/schemas/user/{schemaId}", call -> {
            FakeUserTypes userTypes = call.server().org().userTypes();
            String wanted = call.pathParam("schemaId");
            synchronized (userTypes.types) {
                for (String id : userTypes.types.ids()) {
                    Type t = userTypes.types.get(id);
                    if (t.schemaId().equals(wanted) || wanted.equals("default") && t.isDefault()) {
                        return FakeResponse.json(200, schemaJson(t, wanted, call.server().org().linkBaseUrl()));
                    }
                }
            }
            throw OktaApiException.notFound(wanted + " (UserSchema)");
        }));
    }

    private static String typeJson(Type t, String base) {
        return ListedSettings.json(ListedSettings.object(
                "id", t.id(),
                "displayName", t.displayName(),
                "name", t.name(),
                "description", t.description(),
                "createdBy", "sprz9fj1ycBcsgopy1d6",
                "lastUpdatedBy", "sprz9fj1ycBcsgopy1d6",
                "created", Ids.oktaTime(t.created()),
                "lastUpdated", Ids.oktaTime(t.lastUpdated()),
                "default", t.isDefault(),
                "_links", ListedSettings.object(
                        "self", ListedSettings.object("href", base + "/api/v1/meta/types/user/" + t.id()),
                        "schema", ListedSettings.object("href", base + "/api/v1/meta/schemas/user/" + t.schemaId()))));
    }

    private static Map<String, Object> baseProperty(String title, Object... constraints) {
        Map<String, Object> p = ListedSettings.object("title", title, "type", "string", "required", true);
        for (int i = 0; i < constraints.length; i += 2) {
            p.put((String) constraints[i], constraints[i + 1]);
        }
        p.put("permissions", List.of(SELF_READ_WRITE));
        return p;
    }

    private static String schemaJson(Type t, String asked, String base) {
        Map<String, Object> baseProperties = ListedSettings.object(
                "login", baseProperty("Username", "minLength", 5, "maxLength", 100),
                "firstName", baseProperty("First name", "minLength", 1, "maxLength", 50),
                "lastName", baseProperty("Last name", "minLength", 1, "maxLength", 50),
                "email", baseProperty("Primary email", "format", "email"));
        return ListedSettings.json(ListedSettings.object(
                "id", base + "/meta/schemas/user/" + asked,
                "$schema", "http://json-schema.org/draft-04/schema#",
                "name", "user",
                "title", t.displayName(),
                "lastUpdated", Ids.oktaTime(t.schemaLastUpdated()),
                "created", Ids.oktaTime(t.created()),
                "definitions", ListedSettings.object(
                        "base", ListedSettings.object("id", "#base", "type", "object", "properties", baseProperties,
                                "required", List.of("login", "firstName", "lastName", "email")),
                        "custom", ListedSettings.object("id", "#custom", "type", "object",
                                "properties", new LinkedHashMap<>(t.custom()), "required", List.of())),
                "type", "object",
                "properties", ListedSettings.object("profile", ListedSettings.object("allOf", List.of(
                        ListedSettings.object("$ref", "#/definitions/base"),
                        ListedSettings.object("$ref", "#/definitions/custom"))))));
    }
}
