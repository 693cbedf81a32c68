package no.nhn.driftsvakt.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The authorization matrix: every endpoint the service publishes (read from its own OpenAPI document, so a new
 * endpoint without a row here fails this test) × every kind of caller — anonymous, console sessions of a viewer, a
 * kundesenter agent and an admin, and the staff, admin and ingest bearer tokens.
 *
 * <p>Sessions: vera (viewer), kim (kundesenter), ida (incident-manager), pia (problem-manager), ada (admin).
 *
 * <p>Each cell is the expected authorization decision: {@code L} anonymous console visitor sent to the login page
 * (the browser's 401), {@code 401}, {@code 403}, or {@code ok} — let through (any answer but 401/403; dummy ids and
 * empty bodies then give 404/422, which proves the caller got past the guard without changing anything).
 */
@QuarkusTest
class AuthorizationMatrixIT {

    /** Columns, in order. */
    static final List<String> CALLERS = List.of("anonymous", "vera(viewer)", "kim(kundesenter)",
            "ida(incident-manager)", "pia(problem-manager)", "ada(admin)", "staff-token", "admin-token", "ingest-token");

    // Access classes: expected decision per caller column (admin implies incident-manager and problem-manager).
    static final String PUBLIC = "ok ok ok ok ok ok ok ok ok";
    static final String VIEWER = "L ok ok ok ok ok L L L";
    static final String KUNDESENTER = "L 403 ok ok ok ok L L L";
    static final String INCIDENT_MANAGER = "L 403 403 ok 403 ok L L L";
    static final String PROBLEM_MANAGER = "L 403 403 403 ok ok L L L";
    static final String ADMIN = "L 403 403 403 403 ok L L L";
    static final String STAFF_API = "401 401 401 401 401 401 ok 403 403";
    static final String ADMIN_API = "401 401 401 401 401 401 403 ok 403";
    static final String INGEST_API = "401 401 401 401 401 401 403 403 ok";
    static final String SIGNED = "403 403 403 403 403 403 403 403 403"; // Twilio callbacks: signature, not a token
    static final String HEARTBEAT = "401 401 401 401 401 401 403 403 403"; // each check's own heartbeat token

    /** "METHOD path" → access class. Paths as in the OpenAPI document. */
    static final Map<String, String> MATRIX = new LinkedHashMap<>();

    static {
        row("GET /api/v1/duty/rotation", STAFF_API);
        row("PUT /api/v1/duty/rotation", STAFF_API);
        row("POST /api/v1/incidents/{id}/assign", STAFF_API);
        row("POST /console/hendelser/{id}/tildel", INCIDENT_MANAGER);
        row("POST /console/vakt/rotasjon", INCIDENT_MANAGER);
        row("POST /console/vakt/rolle", INCIDENT_MANAGER);
        row("GET /console/abonnenter", KUNDESENTER);
        row("POST /console/abonnenter/eksport.csv", ADMIN);
        row("POST /console/abonnenter/sok", KUNDESENTER);
        row("POST /console/meld-inn", KUNDESENTER);
        row("GET /api/v1/admin/dead-letters", ADMIN_API);
        row("POST /api/v1/admin/dead-letters/replay", ADMIN_API);
        row("GET /console/abonnenter/{id}/eksport", ADMIN);
        row("POST /console/abonnenter/import", ADMIN);
        row("POST /console/abonnenter/ny", ADMIN);
        row("POST /console/abonnenter/{id}/slett", ADMIN);
        row("GET /console/vedlikehold", VIEWER);
        row("POST /console/vedlikehold", INCIDENT_MANAGER);
        row("POST /console/vedlikehold/{id}/avlys", INCIDENT_MANAGER);
        row("GET /console/problemer", VIEWER);
        row("GET /console/problemer/{id}", VIEWER);
        row("POST /console/problemer/{id}/del", PROBLEM_MANAGER);
        row("POST /console/problemer/{id}/flytt", PROBLEM_MANAGER);
        row("POST /console/problemer/{id}/rediger", PROBLEM_MANAGER);
        row("POST /console/problemer/{id}/slaa-sammen", PROBLEM_MANAGER);
        row("GET /console/rapporter", VIEWER);
        row("GET /console/rapporter/{name}.csv", VIEWER);
        row("GET /console/revisjon", ADMIN);
        row("GET /console/revisjon/eksport.csv", ADMIN);
        row("GET /console/varsler", VIEWER);
        row("DELETE /api/v1/admin/tokens/{id}", ADMIN_API);
        row("DELETE /api/v1/subscribers/{id}", STAFF_API);
        row("GET /abonner", PUBLIC);
        row("GET /api/v1/admin/tokens", ADMIN_API);
        row("GET /api/v1/audit", ADMIN_API);
        row("GET /api/v1/audit/export", ADMIN_API);
        row("GET /api/v1/catalog", PUBLIC);
        row("GET /api/v1/duty", STAFF_API);
        row("GET /api/v1/incidents", STAFF_API);
        row("GET /api/v1/incidents/{id}", STAFF_API);
        row("GET /api/v1/incidents/{id}/notifications", STAFF_API);
        row("GET /api/v1/maintenance", STAFF_API);
        row("GET /api/v1/notifications/outbox", STAFF_API);
        row("GET /api/v1/problems", STAFF_API);
        row("GET /api/v1/problems/{id}", STAFF_API);
        row("GET /api/v1/problems/{id}/notifications", STAFF_API);
        row("GET /api/v1/status", PUBLIC);
        row("GET /api/v1/subscribers", STAFF_API);
        row("GET /api/v1/subscribers/{id}", STAFF_API);
        row("GET /api/v1/subscribers/{id}/export", STAFF_API);
        row("GET /api/v1/subscribers/{id}/webhook-secret", STAFF_API);
        row("GET /api/v2/components.json", PUBLIC);
        row("GET /api/v2/incidents.json", PUBLIC);
        row("GET /api/v2/incidents/unresolved.json", PUBLIC);
        row("GET /api/v2/scheduled-maintenances.json", PUBLIC);
        row("GET /api/v2/scheduled-maintenances/active.json", PUBLIC);
        row("GET /api/v2/scheduled-maintenances/upcoming.json", PUBLIC);
        row("GET /api/v2/status.json", PUBLIC);
        row("GET /api/v2/summary.json", PUBLIC);
        row("GET /avmelding/{token}", PUBLIC);
        row("GET /badge/{component}.svg", PUBLIC);
        row("GET /bekreft/{token}", PUBLIC);
        row("GET /console", VIEWER);
        row("GET /console/hendelser/{id}", VIEWER);
        row("GET /console/logg-inn", PUBLIC);
        row("GET /console/logg-ut", PUBLIC);
        row("GET /console/nokler", ADMIN);
        row("GET /console/vakt", VIEWER);
        row("GET /feed.atom", PUBLIC);
        row("GET /hendelser/{id}", PUBLIC);
        row("GET /historikk", PUBLIC);
        row("GET /meld-fra", PUBLIC);
        row("GET /sim", PUBLIC);
        row("GET /sim/{name}/health", PUBLIC);
        row("GET /vedlikehold.ics", PUBLIC);
        row("POST /abonner", PUBLIC);
        row("POST /abonner/{id}/bekreft", PUBLIC);
        row("POST /api/v1/admin/catalog/reload", ADMIN_API);
        row("POST /api/v1/admin/tokens", ADMIN_API);
        row("POST /api/v1/alertmanager", INGEST_API);
        row("POST /api/v1/customer-groups/{group}/subscribers", STAFF_API);
        row("POST /api/v1/heartbeats/{checkId}", HEARTBEAT);
        row("POST /api/v1/incidents", STAFF_API);
        row("POST /api/v1/incidents/{id}/confirm", STAFF_API);
        row("POST /api/v1/incidents/{id}/dismiss", STAFF_API);
        row("POST /api/v1/incidents/{id}/preview", STAFF_API);
        row("POST /api/v1/incidents/{id}/priority", STAFF_API);
        row("POST /api/v1/incidents/{id}/resolve", STAFF_API);
        row("POST /api/v1/incidents/{id}/updates", STAFF_API);
        row("POST /api/v1/maintenance", STAFF_API);
        row("POST /api/v1/maintenance/{id}/cancel", STAFF_API);
        row("POST /api/v1/problems/{id}/edit", STAFF_API);
        row("POST /api/v1/problems/{id}/merge", STAFF_API);
        row("POST /api/v1/problems/{id}/relink", STAFF_API);
        row("POST /api/v1/problems/{id}/split", STAFF_API);
        row("POST /api/v1/signals", INGEST_API);
        row("POST /api/v1/subscribers", STAFF_API);
        row("POST /api/v1/subscribers/{id}/confirm-sms", PUBLIC);
        row("POST /api/v1/twilio/inbound", SIGNED);
        row("POST /api/v1/twilio/status", SIGNED);
        row("POST /avmelding/{token}", PUBLIC);
        row("POST /console/hendelser/{id}/avvis", KUNDESENTER);
        row("POST /console/hendelser/{id}/bekreft", KUNDESENTER);
        row("POST /console/hendelser/{id}/loes", INCIDENT_MANAGER);
        row("POST /console/hendelser/{id}/oppdatering", KUNDESENTER);
        row("POST /console/hendelser/{id}/prioritet", INCIDENT_MANAGER);
        row("POST /console/nokler", ADMIN);
        row("POST /console/nokler/{id}/trekk-tilbake", ADMIN);
        row("POST /meld-fra", PUBLIC);
        row("POST /sim/{name}/{mode}", PUBLIC);
        row("PUT /api/v1/duty/{role}", STAFF_API);
    }

    static void row(String endpoint, String access) {
        MATRIX.put(endpoint, access);
    }

    private static final Map<String, String> SESSIONS = new LinkedHashMap<>();
    private static final java.net.InetAddress MATRIX_CLIENT = loopback("127.0.0.2");

    private static java.net.InetAddress loopback(String a) {
        try {
            return java.net.InetAddress.getByName(a);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
    private static final Map<String, String> CSRF = new LinkedHashMap<>();

    private static void logIn() {
        SESSIONS.put("vera(viewer)", ConsoleIT.login("vera", "vera-pw"));
        SESSIONS.put("kim(kundesenter)", ConsoleIT.login("kim", "kim-pw"));
        SESSIONS.put("ida(incident-manager)", ConsoleIT.login("ida", "ida-pw"));
        SESSIONS.put("pia(problem-manager)", ConsoleIT.login("pia", "pia-pw"));
        SESSIONS.put("ada(admin)", ConsoleIT.login("ada", "ada-pw"));
        SESSIONS.forEach((who, session) -> CSRF.put(who, ConsoleIT.csrfOf(session)));
    }

    @Test
    void everyEndpointAnswersEveryKindOfCallerAsTheMatrixSays() throws Exception {
        logIn();
        JsonNode doc = new ObjectMapper().readTree(given().accept("application/json").get("/q/openapi?format=json").asString());
        Map<String, JsonNode> published = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> p = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                published.put(op.getKey().toUpperCase() + " " + p.getKey(), op.getValue());
            }
        }
        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        for (Map.Entry<String, JsonNode> e : published.entrySet()) {
            List<String> actual = new ArrayList<>();
            for (String caller : CALLERS) {
                actual.add(decision(e.getKey(), e.getValue(), caller));
            }
            String got = String.join(" ", actual);
            table.append(String.format("%-60s %s%n", e.getKey(), got));
            String want = MATRIX.get(e.getKey());
            if (want == null) {
                failures.add("no matrix row for " + e.getKey() + " (answers: " + got + ")");
            } else if (!want.equals(got)) {
                failures.add(e.getKey() + ": expected [" + want + "] but was [" + got + "]");
            }
        }
        for (String row : MATRIX.keySet()) {
            if (!published.containsKey(row)) {
                failures.add("matrix row for an endpoint that no longer exists: " + row);
            }
        }
        System.out.println("Authorization matrix (" + String.join(" | ", CALLERS) + ")\n" + table);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /**
     * Every console form (every POST under /console in the OpenAPI document, so a new one is covered without a row)
     * refuses an admin's session without the CSRF field, and with the field and cookie of another user's token: 403,
     * nothing done. The handlers check it each; this keeps a new handler from forgetting to.
     */
    @Test
    void everyConsoleFormRefusesAMissingOrForeignCsrfToken() throws Exception {
        String ada = ConsoleIT.login("ada", "ada-pw");
        String kimsToken = ConsoleIT.csrfOf(ConsoleIT.login("kim", "kim-pw"));
        JsonNode doc = new ObjectMapper().readTree(given().accept("application/json").get("/q/openapi?format=json").asString());
        List<String> failures = new ArrayList<>();
        int forms = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode post = p.getValue().get("post");
            if (!p.getKey().startsWith("/console/") || post == null || p.getKey().equals("/console/logg-ut")) {
                continue;
            }
            forms++;
            String path = p.getKey().replaceAll("\\{[^}]+}", "matrix-0");
            boolean multipart = post.path("requestBody").path("content").has("multipart/form-data");
            for (String token : new String[] {null, kimsToken}) {
                RequestSpecification r = given().redirects().follow(false).cookie("driftsvakt-konsoll", ada);
                if (multipart) {
                    r = r.contentType("multipart/form-data").multiPart("x", "y");
                } else {
                    r = r.contentType("application/x-www-form-urlencoded").formParam("x", "y");
                }
                if (token != null) {
                    r = multipart ? r.cookie(ConsoleCsrf.COOKIE, token).multiPart("csrf", token)
                            : r.cookie(ConsoleCsrf.COOKIE, token).formParam("csrf", token);
                }
                int status = r.post(path).statusCode();
                if (status != 403) {
                    failures.add("POST " + p.getKey() + (token == null ? " without a CSRF token" : " with kim's token")
                            + ": " + status);
                }
            }
        }
        assertTrue(forms >= 20, "console forms found in the OpenAPI document: " + forms);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static String decision(String endpoint, JsonNode op, String caller) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1).replace("{checkId}", "batch-heartbeat")
                .replaceAll("\\{[^}]+}", "matrix-0");
        RequestSpecification r = given().redirects().follow(false).urlEncodingEnabled(true)
                .config(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 5000).setParam("http.connection.timeout", 5000)
                        // from a loopback address of its own: public forms limit requests per client address, and
                        // the matrix must not use up the budget other tests on 127.0.0.1 count on
                        .setParam("http.route.local-address", MATRIX_CLIENT)));
        switch (caller) {
            case "staff-token" -> r = r.header("Authorization", "Bearer test-staff");
            case "admin-token" -> r = r.header("Authorization", "Bearer test-admin");
            case "ingest-token" -> r = r.header("Authorization", "Bearer test-ingest");
            case "anonymous" -> { }
            default -> r = r.cookie("driftsvakt-konsoll", SESSIONS.get(caller));
        }
        // each session posts with its own token; callers without one use ada's (refused anyway)
        String csrf = CSRF.getOrDefault(caller, CSRF.get("ada(admin)"));
        if (!"GET".equals(method) && !"DELETE".equals(method)) {
            JsonNode body = op.path("requestBody").path("content");
            if (body.has("application/x-www-form-urlencoded")) {
                r = r.contentType("application/x-www-form-urlencoded").cookie(ConsoleCsrf.COOKIE, csrf)
                        .formParam("csrf", csrf);
            } else if (body.has("multipart/form-data")) {
                r = r.contentType("multipart/form-data").cookie(ConsoleCsrf.COOKIE, csrf).multiPart("csrf", csrf);
            } else if (body.has("text/csv") || body.has("text/plain")) {
                r = r.contentType(body.has("text/csv") ? "text/csv" : "text/plain").body("");
            } else {
                r = r.contentType("application/json").body("{}");
            }
        }
        Response res = r.request(method, path);
        int s = res.statusCode();
        if (s == 302 && String.valueOf(res.getHeader("Location")).contains("/console/logg-inn")) {
            return "L";
        }
        return s == 401 || s == 403 ? String.valueOf(s) : "ok";
    }
}
