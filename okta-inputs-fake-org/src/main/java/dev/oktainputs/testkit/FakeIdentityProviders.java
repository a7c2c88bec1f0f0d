package dev.oktainputs.testkit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The org's identity providers, served at {@code GET /api/v1/idps} the way Okta's management API does (scope
 * {@code okta.idps.read}): a plain JSON array, {@code limit} 1..200 (default 20), the next page in a {@code link}
 * header. IdPs render like the {@code MultipleIdPsResponse} and {@code GenericOidcIdpResponse} examples of Okta's
 * management OpenAPI spec: {@code id} ({@code 0oa…}), {@code type}, {@code name}, {@code status}, {@code created},
 * {@code lastUpdated}, {@code protocol} (endpoints, scopes, and for OAuth 2.0 / OIDC the client credentials with the
 * spec's placeholder {@code client_secret}), {@code policy} and {@code _links}. Changes stamp {@code lastUpdated}.
 */
public final class FakeIdentityProviders {

    /** Okta's default page size. */
    static final int DEFAULT_LIMIT = 20;
    /** Okta's maximum page size. */
    static final int MAX_LIMIT = 200;

    /** The social IdPs of the spec's examples: protocol, authorization and token endpoints, scopes. */
    private static final Map<String, List<Object>> SOCIAL = Map.of(
            "FACEBOOK", List.of("OAUTH2", "https://www.facebook.com/dialog/oauth",
                    "https://graph.facebook.com/v2.5/oauth/access_token", List.of("public_profile", "email")),
            "GOOGLE", List.of("OIDC", "https://accounts.google.com/o/oauth2/auth",
                    "https://www.googleapis.com/oauth2/v3/token", List.of("profile", "email", "openid")),
            "LINKEDIN", List.of("OAUTH2", "https://www.linkedin.com/uas/oauth2/authorization",
                    "https://www.linkedin.com/uas/oauth2/accessToken", List.of("r_basicprofile", "r_emailaddress")));

    private record Idp(String id, String type, String name, String status, Instant created, Instant lastUpdated) {
    }

    private final ListedSettings<Idp> idps;

    FakeIdentityProviders(Clock clock) {
        this.idps = new ListedSettings<>("identity provider", clock);
    }

    /**
     * @param type {@code GOOGLE}, {@code FACEBOOK}, {@code LINKEDIN}, {@code OIDC} (a generic OpenID Connect IdP at
     *             {@code https://idp.example.com}) or {@code SAML2}
     * @param name a unique name, e.g. {@code Partner SSO}
     * @return the new IdP's id
     */
    public String add(String type, String name) {
        if (!SOCIAL.containsKey(type) && !type.equals("OIDC") && !type.equals("SAML2")) {
            throw new IllegalArgumentException("unsupported IdP type " + type);
        }
        String id = Ids.unique("0oa", 17);
        Instant now = idps.now();
        idps.put(id, new Idp(id, type, Objects.requireNonNull(name, "name"), "ACTIVE", now, now));
        return id;
    }

    /**
     * Deactivates an IdP (it stays listed, with {@code status INACTIVE}).
     *
     * @param id the IdP
     */
    public void deactivate(String id) {
        synchronized (idps) {
            Idp i = idps.get(id);
            idps.put(id, new Idp(id, i.type(), i.name(), "INACTIVE", i.created(), idps.now()));
        }
    }

    /**
     * @param id the IdP to delete
     * @return whether it existed
     */
    public boolean delete(String id) {
        return idps.remove(id);
    }

    /**
     * @return the ids of every IdP, sorted
     */
    public List<String> ids() {
        return idps.ids();
    }

    static void register(Routes routes) {
        routes.add(Route.get("/api/v1/idps", call -> call.server().org().identityProviders().idps.page(call,
                DEFAULT_LIMIT, MAX_LIMIT, i -> json(i, call.server().org().linkBaseUrl()))));
    }

    private static Map<String, Object> endpoint(String url, String binding) {
        return ListedSettings.object("url", url, "binding", binding);
    }

    private static Map<String, Object> protocol(String type) {
        Map<String, Object> p = ListedSettings.object();
        Map<String, Object> endpoints = ListedSettings.object();
        if (type.equals("SAML2")) {
            p.put("type", "SAML2");
            Map<String, Object> sso = endpoint("https://idp.example.com", "HTTP-POST");
            sso.put("destination", "https://idp.example.com");
            endpoints.put("sso", sso);
            endpoints.put("acs", ListedSettings.object("binding", "HTTP-POST", "type", "INSTANCE"));
            p.put("endpoints", endpoints);
            p.put("algorithms", ListedSettings.object(
                    "request", Map.of("signature", ListedSettings.object("algorithm", "SHA-256", "scope", "REQUEST")),
                    "response", Map.of("signature", ListedSettings.object("algorithm", "SHA-256", "scope", "ANY"))));
            p.put("settings", Map.of("nameFormat", "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"));
            p.put("credentials", Map.of("trust", ListedSettings.object("issuer", "https://idp.example.com",
                    "audience", "http://www.okta.com/123", "kid", "your-key-id")));
            return p;
        }
        List<Object> social = SOCIAL.get(type);
        boolean generic = social == null;
        p.put("type", generic ? "OIDC" : social.get(0));
        endpoints.put("authorization", endpoint(generic ? "https://idp.example.com/authorize" : (String) social.get(1),
                "HTTP-REDIRECT"));
        endpoints.put("token", endpoint(generic ? "https://idp.example.com/token" : (String) social.get(2), "HTTP-POST"));
        if (generic) {
            endpoints.put("userInfo", endpoint("https://idp.example.com/userinfo", "HTTP-REDIRECT"));
            endpoints.put("jwks", endpoint("https://idp.example.com/keys", "HTTP-REDIRECT"));
        }
        p.put("endpoints", endpoints);
        p.put("scopes", generic ? List.of("openid") : social.get(3));
        if (generic) {
            p.put("issuer", Map.of("url", "https://idp.example.com"));
        }
        // Okta lists the client secret; the spec's examples show this placeholder
        p.put("credentials", Map.of("client", ListedSettings.object("client_id", "your-client-id",
                "client_secret", "your-client-secret")));
        return p;
    }

    private static Map<String, Object> policy(String type) {
        Map<String, Object> provisioning = ListedSettings.object();
        provisioning.put("action", "AUTO");
        provisioning.put("profileMaster", !type.equals("OIDC"));
        provisioning.put("groups", Map.of("action", "NONE"));
        provisioning.put("conditions", ListedSettings.object("deprovisioned", Map.of("action", "NONE"),
                "suspended", Map.of("action", "NONE")));
        Map<String, Object> accountLink = ListedSettings.object("filter", null, "action", "AUTO");
        Map<String, Object> subject = ListedSettings.object();
        subject.put("userNameTemplate", Map.of("template", type.equals("SAML2") ? "saml.subjectNameId"
                : type.equals("OIDC") ? "idpuser.email" : "idpuser.userPrincipalName"));
        subject.put("filter", null);
        subject.put("matchType", "USERNAME");
        Map<String, Object> policy = ListedSettings.object();
        policy.put("provisioning", provisioning);
        policy.put("accountLink", accountLink);
        policy.put("subject", subject);
        policy.put("mapAMRClaims", false);
        policy.put("trustClaims", false);
        policy.put("maxClockSkew", 0);
        return policy;
    }

    private static String json(Idp i, String base) {
        Map<String, Object> m = ListedSettings.object();
        m.put("id", i.id());
        m.put("type", i.type());
        m.put("name", i.name());
        m.put("status", i.status());
        m.put("created", Ids.oktaTime(i.created()));
        m.put("lastUpdated", Ids.oktaTime(i.lastUpdated()));
        m.put("protocol", protocol(i.type()));
        m.put("policy", policy(i.type()));
        Map<String, Object> links = ListedSettings.object();
        String self = base + "/api/v1/idps/" + i.id();
        if (i.type().equals("SAML2")) {
            links.put("metadata", ListedSettings.link(self + "/metadata.xml", "GET"));
            links.put("acs", ListedSettings.link(base + "/sso/saml2/" + i.id(), "POST"));
            links.put("users", ListedSettings.link(self + "/users", "GET"));
            String lifecycle = "ACTIVE".equals(i.status()) ? "deactivate" : "activate";
            links.put(lifecycle, ListedSettings.link(self + "/lifecycle/" + lifecycle, "POST"));
        } else {
            Map<String, Object> authorize = ListedSettings.link(base + "/oauth2/v1/authorize?idp=" + i.id()
                    + "&client_id={clientId}&response_type={responseType}&response_mode={responseMode}&scope={scopes}"
                    + "&redirect_uri={redirectUri}&state={state}", "GET");
            authorize.put("templated", true);
            links.put("authorize", authorize);
            links.put("clientRedirectUri", ListedSettings.link(base + "/oauth2/v1/authorize/callback", "POST"));
        }
        m.put("_links", links);
        return ListedSettings.json(m);
    }
}
