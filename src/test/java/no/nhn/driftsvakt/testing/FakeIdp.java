package no.nhn.driftsvakt.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A minimal OpenID Connect provider for tests, on a real socket: discovery, an authorization endpoint that logs in
 * whoever the test chose with {@link #nextLogin} and redirects back with a code, a token endpoint that checks the
 * client secret and returns RS256-signed tokens, and the JWKS. Enough for Quarkus' authorization-code flow.
 */
public class FakeIdp implements QuarkusTestResourceLifecycleManager {

    public static final int PORT = 18879;
    public static final String BASE = "http://localhost:" + PORT;
    public static final String CLIENT_ID = "driftsvakt-test";
    public static final String CLIENT_SECRET = "fake-idp-secret-0123456789";

    private static volatile String nextUser = "nobody";
    private static volatile List<String> nextGroups = List.of();
    private static final Map<String, Map<String, Object>> CODES = new ConcurrentHashMap<>();

    private HttpServer server;
    private RsaJsonWebKey key;

    /** Who the next visit to the authorization endpoint logs in, with which values in the {@code grupper} claim. */
    public static void nextLogin(String user, List<String> groups) {
        nextUser = user;
        nextGroups = groups;
    }

    @Override
    public Map<String, String> start() {
        try {
            key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("test-key");
            server = HttpServer.create(new InetSocketAddress("localhost", PORT), 0);
            server.createContext("/.well-known/openid-configuration", ex -> json(ex, 200, """
                    {"issuer":"%1$s","authorization_endpoint":"%1$s/auth","token_endpoint":"%1$s/token",
                     "jwks_uri":"%1$s/jwks","response_types_supported":["code"],"subject_types_supported":["public"],
                     "id_token_signing_alg_values_supported":["RS256"]}""".formatted(BASE)));
            server.createContext("/jwks", ex -> json(ex, 200,
                    "{\"keys\":[" + key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}"));
            server.createContext("/auth", this::authorize);
            server.createContext("/token", this::token);
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> cfg = new HashMap<>();
        cfg.put("quarkus.oidc.auth-server-url", BASE);
        cfg.put("quarkus.oidc.client-id", CLIENT_ID);
        cfg.put("quarkus.oidc.credentials.secret", CLIENT_SECRET);
        return cfg;
    }

    private void authorize(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(q.get("client_id")) || q.get("redirect_uri") == null) {
            json(ex, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        Map<String, Object> grant = new HashMap<>();
        grant.put("user", nextUser);
        grant.put("groups", nextGroups);
        if (q.get("nonce") != null) {
            grant.put("nonce", q.get("nonce"));
        }
        CODES.put(code, grant);
        String back = q.get("redirect_uri") + (q.get("redirect_uri").contains("?") ? "&" : "?") + "code=" + code
                + (q.get("state") == null ? "" : "&state=" + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
        ex.getResponseHeaders().add("Location", back);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form = query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = ex.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        boolean clientOk = expected.equals(basic) || CLIENT_SECRET.equals(form.get("client_secret"));
        Map<String, Object> grant = CODES.remove(String.valueOf(form.get("code")));
        if (!clientOk || grant == null || !"authorization_code".equals(form.get("grant_type"))) {
            json(ex, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        try {
            String id = sign(grant, CLIENT_ID);
            json(ex, 200, "{\"access_token\":\"" + sign(grant, CLIENT_ID) + "\",\"id_token\":\"" + id
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":600}");
        } catch (Exception e) {
            json(ex, 500, "{\"error\":\"server_error\"}");
        }
    }

    @SuppressWarnings("unchecked")
    private String sign(Map<String, Object> grant, String audience) throws Exception {
        JwtClaims c = new JwtClaims();
        c.setIssuer(BASE);
        c.setAudience(audience);
        c.setSubject("sub-" + grant.get("user"));
        c.setIssuedAtToNow();
        c.setExpirationTimeMinutesInTheFuture(10);
        c.setClaim("preferred_username", grant.get("user"));
        c.setStringListClaim("grupper", (List<String>) grant.get("groups"));
        if (grant.get("nonce") != null) {
            c.setClaim("nonce", grant.get("nonce"));
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(c.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String p : raw.split("&")) {
            int eq = p.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
