package no.nhn.driftsvakt.console;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
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
 * Functional escalation from the console: an Incident Manager assigns an incident to the component's 2nd-line group
 * and escalates it on to 3rd line; each group's contact is told once through the ledger (local outbox). And the
 * weekly Incident Manager rotation, set through the API and the console, shows on the duty page.
 */
@QuarkusTest
class AssignmentIT {

    private static RequestSpecification staff() {
        return given().header("Authorization", "Bearer test-staff").contentType("application/json");
    }

    private static String csrfFrom(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "a form with a CSRF field");
        return m.group(1);
    }

    private static RequestSpecification form(String session, String csrfCookie) {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .cookie("driftsvakt-konsoll", session).cookie(ConsoleCsrf.COOKIE, csrfCookie);
    }

    private static JsonPath outbox(String subscriber) {
        return staff().get("/api/v1/notifications/outbox?subscriber=" + subscriber).then().statusCode(200).extract()
                .jsonPath();
    }

    /** Messages from the ledger (not the opt-in e-mail) about one incident. */
    private static List<Map<String, Object>> toldAbout(String subscriber, String incident) {
        List<Map<String, Object>> all = outbox(subscriber).getList("findAll { it.notificationId > 0 }");
        return all.stream().filter(m -> String.valueOf(m.get("body")).contains(incident)).toList();
    }

    /** A staff contact with a confirmed e-mail address (the support group's contact in the test catalog). */
    private static String staffContact(String name, String email) {
        String id = staff().body(Map.of("name", name, "email", email, "staff", true)).post("/api/v1/subscribers").then()
                .statusCode(201).extract().path("id");
        Matcher m = Pattern.compile("/bekreft/([A-Za-z0-9_-]+)")
                .matcher(outbox(id).getString("find { it.channel == 'email' }.body"));
        assertTrue(m.find(), "an opt-in link");
        String link = m.group(1);
        given().get("/bekreft/" + link).then().statusCode(200);
        return id;
    }

    private static String assignee(String incident) {
        return staff().get("/api/v1/incidents/" + incident).jsonPath().getString("incident.assignee");
    }

    @Test
    void anIncidentManagerAssignsToSecondLineAndEscalatesToThirdLineAndEachContactIsToldOnce() {
        String second = staffContact("Nettverk test", "linje2@example.test");
        String third = staffContact("Spesialister test", "linje3@example.test");
        String incident = staff().body(Map.of("component", "tildel-a", "title", "Tildelingstjeneste nede",
                "priority", "P3", "text", "Meldt på telefon")).post("/api/v1/incidents").then().statusCode(201)
                .extract().path("id");

        // The page shows nobody has it, the escalation path, and suggests the owning 2nd-line group
        String ida = ConsoleIT.login("ida", "ida-pw");
        Response page = given().cookie("driftsvakt-konsoll", ida).get("/console/hendelser/" + incident);
        page.then().statusCode(200).body(containsString("Ikke tildelt"))
                .body(containsString("data-group=\"linje2-test\"")).body(containsString("data-group=\"linje3-test\""))
                .body(containsString("<option value=\"linje2-test\" selected>"))
                .body(containsString("/console/hendelser/" + incident + "/tildel"));
        String csrf = csrfFrom(page.asString());

        // kundesenter may not assign; a form without the token is refused
        String kim = ConsoleIT.login("kim", "kim-pw");
        given().cookie("driftsvakt-konsoll", kim).get("/console/hendelser/" + incident).then().statusCode(200)
                .body(not(containsString("/tildel\"")));
        form(kim, csrf).formParam("csrf", csrf).formParam("gruppe", "linje2-test")
                .post("/console/hendelser/" + incident + "/tildel").then().statusCode(403);
        form(ida, csrf).formParam("gruppe", "linje2-test").post("/console/hendelser/" + incident + "/tildel").then()
                .statusCode(403);
        assertEquals(null, assignee(incident), "nothing changed");

        // ida assigns to 2nd line
        form(ida, csrf).formParam("csrf", csrf).formParam("gruppe", "linje2-test").formParam("notat", "Ring vakta")
                .post("/console/hendelser/" + incident + "/tildel").then().statusCode(303)
                .header("Location", containsString("ok="));
        assertEquals("linje2-test", assignee(incident));
        JsonPath timeline = staff().get("/api/v1/incidents/" + incident).jsonPath();
        assertEquals("Tildelt Nettverk test (2. linje) / Assigned to Nettverk test (2. linje). Ring vakta",
                timeline.getString("timeline.find { it.kind == 'assigned' }.text"));
        assertFalse(timeline.getBoolean("timeline.find { it.kind == 'assigned' }.isPublic"), "internal");
        assertEquals("ida", timeline.getString("timeline.find { it.kind == 'assigned' }.author"));
        given().cookie("driftsvakt-konsoll", ida).get("/console/hendelser/" + incident).then()
                .body(containsString("data-assignee=\"linje2-test\"")).body(containsString("Ring vakta"))
                .body(containsString("Eskaler til 3. linje: Spesialister test"))
                .body(containsString("<option value=\"linje3-test\" selected>"));
        assertFalse(given().get("/hendelser/" + incident).asString().contains("Ring vakta"), "not on driftsweb");

        // The 2nd-line contact is told once, by e-mail, with a link to the console
        await().atMost(Duration.ofSeconds(15)).until(() -> toldAbout(second, incident).size() == 1);
        Map<String, Object> mail = toldAbout(second, incident).get(0);
        assertEquals("email", mail.get("channel"));
        assertTrue(String.valueOf(mail.get("subject")).startsWith("[Driftsvakt P3] Tildelt gruppen deres: "
                + "Tildelingstjeneste"), String.valueOf(mail.get("subject")));
        assertTrue(String.valueOf(mail.get("body")).contains("/console/hendelser/" + incident), "a link to act on");
        assertTrue(staff().get("/api/v1/incidents/" + incident + "/notifications").asString()
                .contains("assigned-linje2-test#1"), "in the ledger");

        // Escalating on to 3rd line tells that group's contact
        form(ida, csrf).formParam("csrf", csrf).formParam("gruppe", "linje3-test")
                .post("/console/hendelser/" + incident + "/tildel").then().statusCode(303);
        assertEquals("linje3-test", assignee(incident));
        assertTrue(staff().get("/api/v1/incidents/" + incident).asString().contains("Eskalert til 3. linje: "
                + "Spesialister test (fra Nettverk test)"));
        await().atMost(Duration.ofSeconds(15)).until(() -> toldAbout(third, incident).size() == 1);

        // Back to 2nd line through the API: already told, so not again; neither contact hears twice
        staff().body(Map.of("group", "nobody")).post("/api/v1/incidents/" + incident + "/assign").then().statusCode(400);
        staff().body(Map.of("group", "linje2-test", "note", "Tilbake")).post("/api/v1/incidents/" + incident + "/assign")
                .then().statusCode(200);
        staff().body(Map.of("group", "linje2-test")).post("/api/v1/incidents/" + incident + "/assign").then()
                .statusCode(409);
        given().contentType("application/json").body(Map.of("group", "linje3-test"))
                .post("/api/v1/incidents/" + incident + "/assign").then().statusCode(401);
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8))
                .until(() -> toldAbout(second, incident).size() == 1 && toldAbout(third, incident).size() == 1);

        staff().body(Map.of("text", "Rettet")).post("/api/v1/incidents/" + incident + "/resolve").then().statusCode(200);
        form(ida, csrf).formParam("csrf", csrf).formParam("gruppe", "linje3-test")
                .post("/console/hendelser/" + incident + "/tildel").then().statusCode(303)
                .header("Location", containsString("feil=endret"));
    }

    @Test
    void theWeeklyRotationSetThroughTheApiAndTheConsoleShowsOnTheDutyPage() {
        String anne = staff().body(Map.of("name", "Anne IM", "email", "anne." + UUID.randomUUID() + "@nhn.test",
                "staff", true)).post("/api/v1/subscribers").then().statusCode(201).extract().path("id");
        String bjorn = staff().body(Map.of("name", "Bjørn IM", "email", "bjorn." + UUID.randomUUID() + "@nhn.test",
                "staff", true)).post("/api/v1/subscribers").then().statusCode(201).extract().path("id");
        JsonPath rotation = staff().get("/api/v1/duty/rotation?weeks=4").then().statusCode(200).extract().jsonPath();
        assertEquals("MONDAY 08:00 Europe/Oslo", rotation.getString("handover"));
        List<String> weeks = rotation.getList("weeks.weekStart", String.class);
        assertEquals(4, weeks.size());
        String thisWeek = weeks.get(0);
        String nextWeek = weeks.get(1);
        String weekAfter = weeks.get(2);

        // The API: a week is named by its Monday; mistakes are refused
        given().contentType("application/json").body(Map.of("weekStart", nextWeek, "subscriberId", anne))
                .put("/api/v1/duty/rotation").then().statusCode(401);
        staff().body(Map.of("weekStart", java.time.LocalDate.parse(nextWeek).plusDays(1).toString(), "subscriberId",
                anne)).put("/api/v1/duty/rotation").then().statusCode(400).body(containsString("TUESDAY"));
        staff().body(Map.of("weekStart", nextWeek, "subscriberId", "SUB-NOBODY")).put("/api/v1/duty/rotation").then()
                .statusCode(400);
        staff().body(Map.of("weekStart", nextWeek, "subscriberId", anne)).put("/api/v1/duty/rotation").then()
                .statusCode(200).body(containsString("\"from\""));
        assertEquals(anne, staff().get("/api/v1/duty/rotation").jsonPath()
                .getString("weeks.find { it.weekStart == '" + nextWeek + "' }.subscriberId"));

        // The console: everyone reads it; an Incident Manager sets a week by form, with the token
        String vera = ConsoleIT.login("vera", "vera-pw");
        Response page = given().cookie("driftsvakt-konsoll", vera).get("/console/vakt");
        page.then().statusCode(200).body(containsString("data-week=\"" + nextWeek + "\""))
                .body(containsString(anne)).body(containsString("data-now=\"on-call\""))
                .body(not(containsString("/console/vakt/rotasjon")));
        String ida = ConsoleIT.login("ida", "ida-pw");
        Response idaPage = given().cookie("driftsvakt-konsoll", ida).get("/console/vakt");
        idaPage.then().body(containsString("/console/vakt/rotasjon"));
        String csrf = csrfFrom(idaPage.asString());
        String kim = ConsoleIT.login("kim", "kim-pw");
        form(kim, csrf).formParam("csrf", csrf).formParam("uke", weekAfter).formParam("abonnent", bjorn)
                .post("/console/vakt/rotasjon").then().statusCode(403);
        form(ida, csrf).formParam("uke", weekAfter).formParam("abonnent", bjorn).post("/console/vakt/rotasjon").then()
                .statusCode(403);
        form(ida, csrf).formParam("csrf", csrf).formParam("uke", weekAfter).formParam("abonnent", "SUB-NOBODY")
                .post("/console/vakt/rotasjon").then().statusCode(303).header("Location", containsString("feil=abonnent"));
        form(ida, csrf).formParam("csrf", csrf).formParam("uke", weekAfter).formParam("abonnent", bjorn)
                .post("/console/vakt/rotasjon").then().statusCode(303).header("Location", containsString("ok="));
        assertEquals(bjorn, staff().get("/api/v1/duty/rotation").jsonPath()
                .getString("weeks.find { it.weekStart == '" + weekAfter + "' }.subscriberId"));

        // This week: the rotation's Incident Manager is the one on duty now; cleared, the duty role covers it again
        try {
            staff().body(Map.of("weekStart", thisWeek, "subscriberId", anne)).put("/api/v1/duty/rotation").then()
                    .statusCode(200);
            JsonPath now = staff().get("/api/v1/duty/rotation").jsonPath();
            assertEquals(anne, now.getString("incidentManagerNow.subscriberId"));
            assertTrue(now.getBoolean("incidentManagerNow.fromRotation"));
            String duty = given().cookie("driftsvakt-konsoll", vera).get("/console/vakt").asString();
            Matcher m = Pattern.compile("data-now=\"incident-manager\">([^<]*)<span class=\"small\">\\(rotasjonen")
                    .matcher(duty);
            assertTrue(m.find() && m.group(1).contains(anne), duty);
        } finally {
            java.util.Map<String, Object> clear = new java.util.HashMap<>();
            clear.put("weekStart", thisWeek);
            clear.put("subscriberId", null);
            staff().body(clear).put("/api/v1/duty/rotation").then().statusCode(200);
        }
        JsonPath after = staff().get("/api/v1/duty/rotation").jsonPath();
        assertTrue(after.get("incidentManagerNow") == null || !after.getBoolean("incidentManagerNow.fromRotation"),
                "the duty role again");
    }
}
