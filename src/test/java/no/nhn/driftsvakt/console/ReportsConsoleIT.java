package no.nhn.driftsvakt.console;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The console's monthly report (viewers read it; CSV per table; charts as inline SVG) and the audit page (admins
 * only), with an incident taken through the real pipeline: a monitor's signal, confirmed and resolved in the console.
 */
@QuarkusTest
class ReportsConsoleIT {

    private static String month() {
        return YearMonth.now(ZoneId.of("Europe/Oslo")).toString();
    }

    private static String csrfFrom(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        return m.find() ? m.group(1) : null;
    }

    private static RequestSpecification form(String session, String csrf) {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .cookie("driftsvakt-konsoll", session).cookie(ConsoleCsrf.COOKIE, csrf).formParam("csrf", csrf);
    }

    private static void signal(String component, String state) {
        given().header("Authorization", "Bearer test-ingest").contentType("application/json")
                .body(Map.of("id", "rep-" + UUID.randomUUID(), "source", "nagios", "component", component, "state",
                        state, "summary", "Svarer ikke"))
                .post("/api/v1/signals").then().statusCode(202);
    }

    private static JsonPath incident(String id) {
        return given().header("Authorization", "Bearer test-staff").get("/api/v1/incidents/" + id).then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void anIncidentConfirmedAndResolvedInTheConsoleShowsInTheMonthsReportAndItsCsv() {
        // Given a suspected incident from a monitor's signal, confirmed and resolved in the console
        signal("rep-a", "down");
        String id = await().atMost(Duration.ofSeconds(15)).until(() -> given().header("Authorization",
                "Bearer test-staff").get("/api/v1/incidents?component=rep-a&state=suspected").jsonPath()
                .getString("[0].id"), x -> x != null);
        String kim = ConsoleIT.login("kim", "kim-pw");
        String csrf = csrfFrom(given().cookie("driftsvakt-konsoll", kim).get("/console").asString());
        assertNotNull(csrf);
        form(kim, csrf).formParam("tekst", "Rapporttjeneste A er nede.").post("/console/hendelser/" + id + "/bekreft")
                .then().statusCode(303).header("Location", containsString("ok="));
        String ida = ConsoleIT.login("ida", "ida-pw");
        form(ida, ConsoleIT.csrfOf(ida)).formParam("tekst", "Rettet.").post("/console/hendelser/" + id + "/loes").then()
                .statusCode(303);
        assertEquals("resolved", incident(id).getString("incident.state"));
        signal("rep-a", "up");

        // When a viewer reads this month's report
        String vera = ConsoleIT.login("vera", "vera-pw");
        Response page = given().cookie("driftsvakt-konsoll", vera).get("/console/rapporter");

        // Then the incident is in the counts by service, category and (its) priority, and it was timed
        String priority = incident(id).getString("incident.priority");
        page.then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("Rapport for " + month()))
                .body(containsString("data-service=\"rep-a\" data-total=\"1\" data-confirmed=\"1\""))
                .body(containsString("data-category=\"Rapporter\""))
                .body(containsString("data-priority=\"" + priority + "\""))
                .body(containsString("data-component=\"rep-a\""))
                .body(containsString("<svg class=\"chart\"")).body(containsString("<rect "))
                .body(not(containsString("style=")))
                .body(containsString("/console/rapporter/hendelser-tjeneste.csv?maaned=" + month()));
        Matcher n = Pattern.compile("data-measure=\"confirm\" data-priority=\"alle\" data-n=\"(\\d+)\"")
                .matcher(page.asString());
        assertTrue(n.find() && Integer.parseInt(n.group(1)) >= 1, "time to confirm counts the incident");

        // and the CSV export has its row
        Response csv = given().cookie("driftsvakt-konsoll", vera)
                .get("/console/rapporter/hendelser-tjeneste.csv?maaned=" + month());
        csv.then().statusCode(200).contentType(startsWith("text/csv")).contentType(containsString("UTF-8"))
                .header("Content-Disposition", containsString("driftsvakt-hendelser-tjeneste-" + month() + ".csv"))
                .body(startsWith("component_id,label,incidents,confirmed,dismissed\r\n"))
                .body(containsString("\r\nrep-a,Rapporttjeneste A,1,1,0\r\n"));
        given().cookie("driftsvakt-konsoll", vera).get("/console/rapporter/hendelser-kategori.csv?maaned=" + month())
                .then().statusCode(200).body(containsString("\r\nRapporter,Rapporter,"));
        given().cookie("driftsvakt-konsoll", vera).get("/console/rapporter/tilgjengelighet.csv?maaned=" + month())
                .then().statusCode(200).body(containsString("," + "rep-a,Rapporttjeneste A,Rapporter,"));
        given().cookie("driftsvakt-konsoll", vera).get("/console/rapporter/tider.csv").then().statusCode(200)
                .body(startsWith("measure,priority,incidents,median_minutes,p90_minutes\r\nconfirm,alle,"));

        // Another month: empty of it; a bad month or table is refused; anonymous visitors log in first
        given().cookie("driftsvakt-konsoll", vera).get("/console/rapporter?maaned=2001-01").then().statusCode(200)
                .body(not(containsString("data-service=\"rep-a\"")))
                .body(containsString("data-priority=\"P1\" data-total=\"0\""));
        given().cookie("driftsvakt-konsoll", vera).get("/console/rapporter?maaned=2026-13").then().statusCode(400);
        given().cookie("driftsvakt-konsoll", vera).get("/console/rapporter/nope.csv").then().statusCode(404);
        given().redirects().follow(false).get("/console/rapporter").then().statusCode(302)
                .header("Location", endsWith("/console/logg-inn"));
    }

    @Test
    void viewersMayNotReadTheAuditPageAndAdminsSeeBeforeAndAfterOfAConsoleChange() {
        // Given an incident whose priority an incident manager changes in the console
        String id = given().header("Authorization", "Bearer test-staff").contentType("application/json")
                .body(Map.of("component", "rep-b", "title", "Revisjonsside", "text", "Meldt på telefon"))
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
        String old = incident(id).getString("incident.priority");
        String next = "P1".equals(old) ? "P2" : "P1";
        String ida = ConsoleIT.login("ida", "ida-pw");
        String csrf = csrfFrom(given().cookie("driftsvakt-konsoll", ida).get("/console/hendelser/" + id).asString());
        form(ida, csrf).formParam("prioritet", next).formParam("grunn", "Revisjonstest")
                .post("/console/hendelser/" + id + "/prioritet").then().statusCode(303);
        assertEquals(next, incident(id).getString("incident.priority"));

        // Viewers (and anyone below admin) are refused
        String vera = ConsoleIT.login("vera", "vera-pw");
        given().cookie("driftsvakt-konsoll", vera).get("/console/revisjon").then().statusCode(403);
        given().cookie("driftsvakt-konsoll", vera).get("/console/revisjon/eksport.csv").then().statusCode(403);
        given().cookie("driftsvakt-konsoll", ida).get("/console/revisjon").then().statusCode(403);

        // The admin sees the change, filtered by subject, with the priority before and after
        String ada = ConsoleIT.login("ada", "ada-pw");
        String action = "POST /console/hendelser/" + id + "/prioritet";
        await().atMost(Duration.ofSeconds(10)).until(() -> given().cookie("driftsvakt-konsoll", ada)
                .get("/console/revisjon?gjelder=" + id).asString().contains(action));
        String html = given().cookie("driftsvakt-konsoll", ada).get("/console/revisjon?gjelder=" + id + "&aktor=ida")
                .then().statusCode(200).extract().asString();
        assertTrue(html.contains(action) && html.contains("data-before") && html.contains("data-after"), html);
        assertTrue(html.contains("&quot;priority&quot;: &quot;" + old + "&quot;"), "before: the old priority");
        assertTrue(html.contains("&quot;priority&quot;: &quot;" + next + "&quot;"), "after: the new priority");
        assertTrue(html.contains("href=\"/console/revisjon/eksport.csv?aktor=ida&amp;gjelder=" + id + "\""), html);
        assertTrue(!html.contains("POST /api/v1/incidents\"") && !html.contains(">kari<"), "filtered by actor");

        // The JSON API says the same
        JsonPath entry = given().header("Authorization", "Bearer test-admin").get("/api/v1/audit?subject=" + id)
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> change = entry.getMap("find { it.action == '" + action + "' }");
        assertEquals("ida", change.get("actor"));
        assertEquals(old, JsonPath.from((String) change.get("before")).getString("priority"));
        assertEquals(next, JsonPath.from((String) change.get("after")).getString("priority"));
        assertNotEquals(change.get("before"), change.get("after"));

        // The CSV export, with the page's filter, has the entry and both images
        given().cookie("driftsvakt-konsoll", ada).get("/console/revisjon/eksport.csv?gjelder=" + id).then()
                .statusCode(200).contentType(startsWith("text/csv"))
                .body(startsWith("id,at,actor,action,subject,status,before,after\r\n")).body(containsString(action))
                .body(containsString("\"\"priority\"\": \"\"" + old + "\"\""));
        // Reading the audit page is itself recorded
        await().atMost(Duration.ofSeconds(10)).until(() -> given().header("Authorization", "Bearer test-admin")
                .get("/api/v1/audit?actor=ada").jsonPath().getList("action", String.class).stream()
                .anyMatch(a -> a.startsWith("GET /console/revisjon")));
        given().header("Authorization", "Bearer test-staff").contentType("application/json")
                .body(Map.of("text", "Rettet")).post("/api/v1/incidents/" + id + "/resolve").then().statusCode(200);
    }
}
