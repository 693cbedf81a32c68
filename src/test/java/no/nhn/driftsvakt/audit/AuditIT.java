package no.nhn.driftsvakt.audit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The audit log: staff changes and reads of subscriber data are recorded with who, what, when and the result;
 * it holds no contact data; it cannot be changed; only admins read and export it.
 */
@QuarkusTest
class AuditIT {

    private static RequestSpecification staff() {
        return given().header("Authorization", "Bearer test-staff").contentType("application/json");
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer test-admin");
    }

    private static JsonPath entries() {
        return admin().get("/api/v1/audit?limit=2000").then().statusCode(200).extract().jsonPath();
    }

    @jakarta.inject.Inject
    javax.sql.DataSource ds;

    private Connection db() throws SQLException {
        return ds.getConnection();
    }

    @Test
    void staffChangesAndSubscriberReadsAreRecordedWithoutContactData() throws Exception {
        // A staff change: a phone report, then a public update
        String incident = staff().body(Map.of("component", "aud-c", "title", "Revisjonstest", "text", "Meldt på telefon"))
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
        staff().body(Map.of("text", "Vi undersøker")).post("/api/v1/incidents/" + incident + "/updates").then()
                .statusCode(200);
        // A read of subscriber data
        String email = "revisjon." + UUID.randomUUID() + "@kunde.test";
        String sub = staff().body(Map.of("name", "Revisjon", "email", email, "groups", List.of("apotek")))
                .post("/api/v1/subscribers").then().statusCode(201).extract().path("id");
        staff().get("/api/v1/subscribers/" + sub).then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> entries().getList("findAll { it.subject == '" + sub + "' }")
                .size() >= 2);
        JsonPath all = entries();
        Map<String, Object> created = all.getMap("find { it.subject == '" + incident + "' && it.action == 'POST /api/v1/incidents' }");
        assertEquals("kari", created.get("actor"));
        assertEquals(201, created.get("status"));
        assertTrue(String.valueOf(created.get("after")).contains("Revisjonstest"), "the result is kept");
        assertEquals("kari", all.getString("find { it.action == 'POST /api/v1/incidents/" + incident + "/updates' }.actor"));
        assertEquals(200, all.getInt("find { it.action == 'GET /api/v1/subscribers/" + sub + "' }.status"),
                "a read of subscriber data");
        assertFalse(all.prettify().contains(email), "no e-mail address in the audit log");

        // Append-only, in the database itself
        try (Connection c = db()) {
            assertThrows(SQLException.class, () -> c.createStatement().executeUpdate(
                    "UPDATE audit_log SET actor = 'mallory'"));
            assertThrows(SQLException.class, () -> c.createStatement().executeUpdate("DELETE FROM audit_log"));
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT count(*) FROM audit_log WHERE after::text LIKE '%" + email + "%'")) {
                rs.next();
                assertEquals(0, rs.getLong(1));
            }
        }

        // Only admins read it; the CSV export quotes and neutralises formulas
        given().get("/api/v1/audit").then().statusCode(401);
        staff().get("/api/v1/audit").then().statusCode(403);
        admin().get("/api/v1/audit/export").then().statusCode(200).contentType(startsWith("text/csv"))
                .body(startsWith("id,at,actor,action,subject,status,before,after\r\n"));
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", AuditResource.csv("=HYPERLINK(\"x\")"));
        assertEquals("'-1", AuditResource.csv("-1"));
        staff().body(Map.of("text", "Rettet")).post("/api/v1/incidents/" + incident + "/resolve").then().statusCode(200);
    }

    @Test
    void aStaffChangeKeepsTheSubjectBeforeAndAfterAndASubscriberOnlyByIds() throws Exception {
        // Given an incident reported by phone, and a contact
        String incident = staff().body(Map.of("component", "aud-a", "title", "Før og etter", "priority", "P3"))
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
        String email = "foer." + UUID.randomUUID() + "@kunde.test";
        String sub = staff().body(Map.of("name", "Før Etter", "email", email, "groups", List.of("apotek")))
                .post("/api/v1/subscribers").then().statusCode(201).extract().path("id");

        // When staff raise the priority, and erase the contact
        staff().body(Map.of("priority", "P1", "reason", "Mange berørt")).post("/api/v1/incidents/" + incident
                + "/priority").then().statusCode(200);
        staff().delete("/api/v1/subscribers/" + sub).then().statusCode(204);

        // Then the priority change has the old priority before and the new after
        String change = "POST /api/v1/incidents/" + incident + "/priority";
        await().atMost(Duration.ofSeconds(10)).until(() -> admin().get("/api/v1/audit?subject=" + incident).jsonPath()
                .getList("action", String.class).contains(change));
        Map<String, Object> entry = admin().get("/api/v1/audit?subject=" + incident).jsonPath()
                .getMap("find { it.action == '" + change + "' }");
        JsonPath before = JsonPath.from((String) entry.get("before"));
        JsonPath after = JsonPath.from((String) entry.get("after"));
        assertEquals("P3", before.getString("priority"));
        assertEquals("P1", after.getString("priority"));
        assertEquals(before.getInt("version") + 1, after.getInt("version"));
        // Creating has nothing before it
        assertEquals(null, admin().get("/api/v1/audit?subject=" + incident).jsonPath()
                .getString("find { it.action == 'POST /api/v1/incidents' }.before"));

        // and the erasure keeps the contact's id, groups and channels before it, never its address or name
        String erase = "DELETE /api/v1/subscribers/" + sub;
        await().atMost(Duration.ofSeconds(10)).until(() -> admin().get("/api/v1/audit?subject=" + sub).jsonPath()
                .getList("action", String.class).contains(erase));
        Map<String, Object> erased = admin().get("/api/v1/audit?subject=" + sub).jsonPath()
                .getMap("find { it.action == '" + erase + "' }");
        JsonPath was = JsonPath.from((String) erased.get("before"));
        assertEquals(sub, was.getString("id"));
        assertEquals(List.of("apotek"), was.getList("groups"));
        assertEquals("pending", was.getString("channels.email"));
        assertEquals(false, was.getBoolean("erased"));
        assertEquals(true, JsonPath.from((String) erased.get("after")).getBoolean("erased"));
        String all = admin().get("/api/v1/audit?subject=" + sub).asString();
        assertFalse(all.contains(email) || all.contains("Før Etter"), "no contact data: " + all);
        try (Connection c = db(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM audit_log WHERE before_json::text LIKE '%" + email + "%'")) {
            rs.next();
            assertEquals(0, rs.getLong(1));
        }
        admin().get("/api/v1/audit/export").then().statusCode(200).body(containsString("\"\"priority\"\": \"\"P3\"\""));
        staff().body(Map.of("text", "Rettet")).post("/api/v1/incidents/" + incident + "/resolve").then().statusCode(200);
    }
}
