package dev.oktainputs.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Renders the directory's objects in Okta's JSON shapes (compact). */
final class DirectoryJson {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String LOGO = "https://op1static.oktacdn.com/assets/img/logos/groups/odyssey/okta-medium.30ce6d4085dff29412984e4c191bc874.png";

    private DirectoryJson() {
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String object(Body body) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String group(FakeGroup group, String base) {
        return object(g -> {
            g.writeStringField("id", group.id());
            time(g, "created", group.createdMillis());
            time(g, "lastUpdated", group.lastUpdatedMillis());
            time(g, "lastMembershipUpdated", group.lastMembershipUpdatedMillis());
            boolean app = group.type() == FakeGroup.Type.APP_GROUP;
            g.writeArrayFieldStart("objectClass");
            g.writeString(app ? "okta:windows_security_principal" : "okta:user_group");
            g.writeEndArray();
            g.writeStringField("type", group.type().name());
            g.writeObjectFieldStart("profile");
            g.writeStringField("name", group.name());
            g.writeStringField("description", group.type() == FakeGroup.Type.BUILT_IN ? "All users in your organization"
                    : "Members of " + group.name());
            if (app) {
                String sam = group.name().replaceAll("[^A-Za-z0-9]", "");
                g.writeStringField("groupType", "Security");
                g.writeStringField("groupScope", "Global");
                g.writeStringField("samAccountName", sam);
                g.writeStringField("dn", "CN=" + sam + ",OU=Groups,DC=example,DC=com");
                g.writeStringField("windowsDomainQualifiedName", "EXAMPLE\\" + sam);
                g.writeStringField("externalId", group.id().substring(3));
            }
            g.writeEndObject();
            if (app) {
                g.writeObjectFieldStart("source");
                g.writeStringField("id", group.sourceAppId());
                g.writeEndObject();
            }
            g.writeObjectFieldStart("_links");
            g.writeArrayFieldStart("logo");
            g.writeStartObject();
            g.writeStringField("name", "medium");
            g.writeStringField("href", LOGO);
            g.writeStringField("type", "image/png");
            g.writeEndObject();
            g.writeEndArray();
            if (app) {
                href(g, "source", base + "/api/v1/apps/" + group.sourceAppId());
            }
            href(g, "users", base + "/api/v1/groups/" + group.id() + "/users");
            href(g, "apps", base + "/api/v1/groups/" + group.id() + "/apps");
            g.writeEndObject();
        });
    }

    static String app(FakeApp app, String base) {
        String self = base + "/api/v1/apps/" + app.id();
        return object(g -> {
            g.writeStringField("id", app.id());
            g.writeStringField("name", app.name());
            g.writeStringField("label", app.label());
            g.writeStringField("status", app.status());
            time(g, "lastUpdated", app.lastUpdated().toEpochMilli());
            time(g, "created", app.created().toEpochMilli());
            g.writeObjectFieldStart("accessibility");
            g.writeBooleanField("selfService", false);
            g.writeNullField("errorRedirectUrl");
            g.writeNullField("loginRedirectUrl");
            g.writeEndObject();
            g.writeObjectFieldStart("visibility");
            g.writeBooleanField("autoSubmitToolbar", false);
            g.writeObjectFieldStart("hide");
            g.writeBooleanField("iOS", false);
            g.writeBooleanField("web", false);
            g.writeEndObject();
            g.writeObjectFieldStart("appLinks");
            g.writeBooleanField(app.name() + "_link", true);
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("features");
            g.writeEndArray();
            g.writeStringField("signOnMode", app.signOnMode());
            g.writeObjectFieldStart("credentials");
            g.writeObjectFieldStart("userNameTemplate");
            g.writeStringField("template", "${source.login}");
            g.writeStringField("type", "BUILT_IN");
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("settings");
            g.writeObjectFieldStart("app");
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("_links");
            href(g, "users", self + "/users");
            href(g, "groups", self + "/groups");
            href(g, app.status().equals("ACTIVE") ? "deactivate" : "activate",
                    self + "/lifecycle/" + (app.status().equals("ACTIVE") ? "deactivate" : "activate"));
            g.writeEndObject();
        });
    }

    static String appUser(String appId, FakeUser user, DirectoryRecords.AppAssignment a, String base) {
        return object(g -> {
            g.writeStringField("id", user.id());
            g.writeNullField("externalId");
            time(g, "created", a.created());
            time(g, "lastUpdated", a.lastUpdated());
            g.writeStringField("scope", "USER");
            g.writeStringField("status", "ACTIVE");
            time(g, "statusChanged", a.created());
            g.writeNullField("passwordChanged");
            g.writeStringField("syncState", "DISABLED");
            g.writeNullField("lastSync");
            g.writeObjectFieldStart("credentials");
            g.writeStringField("userName", user.login());
            g.writeEndObject();
            g.writeObjectFieldStart("profile");
            g.writeStringField("email", user.email());
            g.writeEndObject();
            g.writeObjectFieldStart("_links");
            href(g, "app", base + "/api/v1/apps/" + appId);
            href(g, "user", base + "/api/v1/users/" + user.id());
            g.writeEndObject();
        });
    }

    static String appGroup(String appId, String groupId, DirectoryRecords.GroupAssignment a, String base) {
        return object(g -> {
            g.writeStringField("id", groupId);
            time(g, "lastUpdated", a.lastUpdated());
            g.writeNumberField("priority", a.priority());
            g.writeObjectFieldStart("profile");
            g.writeEndObject();
            g.writeObjectFieldStart("_links");
            href(g, "app", base + "/api/v1/apps/" + appId);
            href(g, "self", base + "/api/v1/apps/" + appId + "/groups/" + groupId);
            href(g, "group", base + "/api/v1/groups/" + groupId);
            g.writeEndObject();
        });
    }

    static String role(DirectoryRecords.Grant grant, String assignmentType, String assigneeHref) {
        return object(g -> {
            g.writeStringField("id", grant.id());
            g.writeStringField("label", grant.label());
            g.writeStringField("type", grant.type());
            g.writeStringField("status", "ACTIVE");
            time(g, "created", grant.created());
            time(g, "lastUpdated", grant.lastUpdated());
            g.writeStringField("assignmentType", assignmentType);
            g.writeObjectFieldStart("_links");
            href(g, "assignee", assigneeHref);
            g.writeEndObject();
        });
    }

    static String assignee(String userId, String orgId, String base) {
        return object(g -> {
            g.writeStringField("id", userId);
            g.writeStringField("orn", "orn:okta:" + orgId + ":users:" + userId);
            g.writeObjectFieldStart("_links");
            href(g, "self", base + "/api/v1/users/" + userId);
            href(g, "roles", base + "/api/v1/users/" + userId + "/roles");
            g.writeEndObject();
        });
    }

    static String customRole(DirectoryRecords.CustomRole role, String base) {
        return object(g -> {
            g.writeStringField("id", role.id());
            g.writeStringField("label", role.label());
            g.writeStringField("description", role.description());
            time(g, "created", role.created());
            time(g, "lastUpdated", role.lastUpdated());
            g.writeObjectFieldStart("_links");
            href(g, "self", base + "/api/v1/iam/roles/" + role.id());
            href(g, "permissions", base + "/api/v1/iam/roles/" + role.id() + "/permissions");
            g.writeEndObject();
        });
    }

    static String apiToken(DirectoryRecords.ApiToken t, String base) {
        return object(g -> {
            g.writeStringField("name", t.name());
            g.writeStringField("userId", t.userId());
            g.writeStringField("tokenWindow", "P30D");
            g.writeStringField("id", t.id());
            g.writeStringField("clientName", t.clientName());
            time(g, "expiresAt", t.expiresAt());
            time(g, "created", t.created());
            time(g, "lastUpdated", t.lastUpdated());
            g.writeObjectFieldStart("network");
            g.writeStringField("connection", "ANYWHERE");
            g.writeEndObject();
            g.writeObjectFieldStart("_link");
            g.writeObjectFieldStart("self");
            g.writeStringField("href", base + "/api/v1/api-tokens/" + t.id());
            g.writeObjectFieldStart("hints");
            g.writeArrayFieldStart("allow");
            g.writeString("GET");
            g.writeString("DELETE");
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static void href(JsonGenerator g, String rel, String href) throws IOException {
        g.writeObjectFieldStart(rel);
        g.writeStringField("href", href);
        g.writeEndObject();
    }

    private static void time(JsonGenerator g, String field, long millis) throws IOException {
        g.writeStringField(field, Ids.oktaTime(Instant.ofEpochMilli(millis)));
    }
}
