package no.nhn.driftsvakt.console;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The console's problem pages (list, one problem, edit, merge, split, relink; problem managers act, viewers read) and
 * the notifications page (who was told, filtered and paged; subscriber ids only), on problems and deliveries made by
 * the real pipeline.
 */
@QuarkusTest
class ProblemConsoleIT {

    private static RequestSpecification staff() {
        return given().header("Authorization", "Bearer test-staff").contentType("application/json");
    }

    private static void signal(String component, String state, String run) {
        given().header("Authorization", "Bearer test-ingest").contentType("application/json")
                .body("{\"id\":\"" + run + "-" + component + "-" + state + "\",\"source\":\"nms\",\"component\":\""
                        + component + "\",\"state\":\"" + state + "\",\"summary\":\"Svarer ikke\"}")
                .post("/api/v1/signals").then().statusCode(202);
    }

    private static JsonPath problem(String id) {
        return staff().get("/api/v1/problems/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** The open problem that links an incident of {@code component}, if any. */
    private static String problemWith(String component) {
        for (String id : staff().get("/api/v1/problems?limit=1000").jsonPath().getList("id", String.class)) {
            JsonPath p = problem(id);
            if (!p.getString("problem.state").equals("closed")
                    && p.getList("incidents.componentId").contains(component)) {
                return id;
            }
        }
        return null;
    }

    private static List<String> incidentsOf(String problem) {
        return problem(problem).getList("problem.incidentIds", String.class);
    }

    private static String csrfFrom(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        return m.find() ? m.group(1) : null;
    }

    private static RequestSpecification form(String session, String csrf) {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .cookie("driftsvakt-konsoll", session).cookie(ConsoleCsrf.COOKIE, csrf).formParam("csrf", csrf);
    }

    private static String page(String session, String path) {
        return given().cookie("driftsvakt-konsoll", session).get(path).then().statusCode(200).extract().asString();
    }

    /** A token for the session's forms, from the page that carries them (and sets the cookie). */
    private static String csrf(String session, String problem) {
        String token = csrfFrom(page(session, "/console/problemer/" + problem));
        assertNotNull(token, "the page of a problem manager carries forms");
        return token;
    }

    @Test
    void viewersReadProblemsAndProblemManagersEditMergeSplitAndRelinkThem() {
        String run = "pc-" + UUID.randomUUID();
        try {
            // Given: a network and both services behind it fail: one problem with three incidents
            signal("svc-p1", "down", run);
            signal("net-p", "down", run);
            signal("svc-p2", "down", run);
            String problem = await().atMost(Duration.ofSeconds(20)).until(() -> problemWith("net-p"),
                    id -> id != null && incidentsOf(id).size() == 3);
            JsonPath before = problem(problem);
            String p2 = before.getString("incidents.find { it.componentId == 'svc-p2' }.id");
            String p1 = before.getString("incidents.find { it.componentId == 'svc-p1' }.id");

            // A viewer reads the list and the page, and sees no forms
            String vera = ConsoleIT.login("vera", "vera-pw");
            String list = page(vera, "/console/problemer");
            assertTrue(list.contains("data-problem=\"" + problem + "\" data-state=\"new\""), list);
            assertTrue(list.contains("href=\"/console/problemer/" + problem + "\""), list);
            assertTrue(list.contains("Feil i Nett P, 3 hendelser"), list);
            String shown = page(vera, "/console/problemer/" + problem);
            assertTrue(shown.contains("href=\"/console/hendelser/" + p2 + "\"") && shown.contains("Tjeneste P1"), shown);
            assertTrue(shown.contains("Rotårsak") && shown.contains("Varsler"), shown);
            assertFalse(shown.contains("/rediger\""), "no forms for a viewer");
            given().cookie("driftsvakt-konsoll", vera).get("/console/problemer/PRB-999999").then().statusCode(404);
            given().redirects().follow(false).get("/console/problemer").then().statusCode(302)
                    .header("Location", endsWith("/console/logg-inn"));

            // A viewer, and an incident manager (who is not a problem manager), may not change it
            String ada = ConsoleIT.login("ada", "ada-pw");
            String csrf = csrf(ada, problem);
            form(vera, csrf).formParam("aarsak", "Viewer var her").formParam("tilstand", "known_error")
                    .post("/console/problemer/" + problem + "/rediger").then().statusCode(403);
            String ida = ConsoleIT.login("ida", "ida-pw");
            assertFalse(page(ida, "/console/problemer/" + problem).contains("/rediger\""));
            form(ida, csrf).formParam("aarsak", "Ida var her").formParam("tilstand", "known_error")
                    .post("/console/problemer/" + problem + "/rediger").then().statusCode(403);

            // A form without the CSRF token, or with a token that is not the cookie's, changes nothing
            given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                    .cookie("driftsvakt-konsoll", ada).formParam("aarsak", "Forfalsket").formParam("tilstand", "closed")
                    .post("/console/problemer/" + problem + "/rediger").then().statusCode(403);
            given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                    .cookie("driftsvakt-konsoll", ada).cookie(ConsoleCsrf.COOKIE, csrf)
                    .formParam("csrf", "forged-forged-forged-forged-forged-forged").formParam("fra", "PRB-000001")
                    .post("/console/problemer/" + problem + "/slaa-sammen").then().statusCode(403);
            given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                    .cookie("driftsvakt-konsoll", ada).formParam("hendelse", p2)
                    .post("/console/problemer/" + problem + "/del").then().statusCode(403);
            JsonPath unchanged = problem(problem);
            assertEquals("new", unchanged.getString("problem.state"));
            assertEquals(null, unchanged.getString("problem.rootCause"));
            assertEquals(3, unchanged.getList("problem.incidentIds").size());

            // An admin (implies problem manager) edits root cause, workaround and known error
            String saved = form(ada, csrf).formParam("tilstand", "known_error")
                    .formParam("aarsak", "Defekt svitsj <b>i rack 4</b>")
                    .formParam("omgaaelse", "Bruk reservelinjen").formParam("publiser", "ja")
                    .post("/console/problemer/" + problem + "/rediger").then().statusCode(303)
                    .header("Location", containsString("/console/problemer/" + problem + "?ok=lagret"))
                    .extract().header("Location");
            JsonPath edited = problem(problem);
            assertEquals("known_error", edited.getString("problem.state"));
            assertEquals("Defekt svitsj <b>i rack 4</b>", edited.getString("problem.rootCause"));
            assertEquals("Bruk reservelinjen", edited.getString("problem.workaround"));
            assertTrue(edited.getBoolean("problem.workaroundPublic"));
            String after = page(ada, saved.substring(saved.indexOf("/console/")));
            assertFalse(page(ada, "/console/problemer/" + problem + "?ok=lagret").contains("Lagret."),
                    "an unsigned notice is not shown");
            assertTrue(after.contains("Defekt svitsj &lt;b&gt;i rack 4&lt;/b&gt;"), "shown, escaped: " + after);
            assertFalse(after.contains("<b>i rack 4</b>"));
            assertTrue(after.contains("Bruk reservelinjen") && after.contains("id=\"kjent-feil\"")
                    && after.contains("Lagret."), after);
            assertTrue(page(vera, "/console/problemer").contains("data-problem=\"" + problem
                    + "\" data-state=\"known_error\""));
            form(ada, csrf).formParam("tilstand", "nope").post("/console/problemer/" + problem + "/rediger").then()
                    .statusCode(303).header("Location", containsString("feil=tilstand"));

            // Split svc-p2's incident out into a new problem: the links change
            String split = form(ada, csrf).formParam("hendelse", p2).post("/console/problemer/" + problem + "/del")
                    .then().statusCode(303).header("Location", containsString("ok=delt")).extract().header("Location")
                    .replaceAll(".*/console/problemer/([^?]+)\\?.*", "$1");
            assertNotEquals(problem, split);
            assertEquals(List.of(p2), incidentsOf(split));
            assertEquals(2, incidentsOf(problem).size());
            assertEquals("STAFF", problem(split).getString("problem.kind"));
            assertEquals(split, staff().get("/api/v1/incidents/" + p2).jsonPath().getString("incident.problemId"));
            form(ada, csrf).formParam("hendelse", "INC-000000-nope").post("/console/problemer/" + problem + "/del")
                    .then().statusCode(303).header("Location", containsString("feil=ugyldig"));

            // Relink it back: the split-off problem is left empty and closed as merged
            form(ada, csrf).formParam("hendelse", p2).post("/console/problemer/" + problem + "/flytt").then()
                    .statusCode(303).header("Location", containsString("/console/problemer/" + problem + "?ok=flyttet"));
            assertEquals(3, incidentsOf(problem).size());
            assertEquals("closed", problem(split).getString("problem.state"));
            form(ada, csrf).formParam("hendelse", "INC-999999").post("/console/problemer/" + problem + "/flytt").then()
                    .statusCode(303).header("Location", containsString("feil=hendelse"));

            // Split again, and merge the new problem into this one from this problem's page
            String split2 = form(ada, csrf).formParam("hendelse", p1).post("/console/problemer/" + problem + "/del")
                    .then().statusCode(303).extract().header("Location")
                    .replaceAll(".*/console/problemer/([^?]+)\\?.*", "$1");
            assertEquals(List.of(p1), incidentsOf(split2));
            String mergeForm = page(ada, "/console/problemer/" + problem);
            assertTrue(mergeForm.contains("<option value=\"" + split2 + "\">"), "offered for merging: " + mergeForm);
            form(ada, csrf).formParam("fra", split2).post("/console/problemer/" + problem + "/slaa-sammen").then()
                    .statusCode(303).header("Location", containsString("/console/problemer/" + problem + "?ok=slaatt-sammen"));
            assertEquals(3, incidentsOf(problem).size());
            JsonPath merged = problem(split2);
            assertEquals("closed", merged.getString("problem.state"));
            assertEquals(problem, merged.getString("problem.mergedInto"));
            assertTrue(page(vera, "/console/problemer/" + split2).contains("merged into <a href=\"/console/problemer/"
                    + problem + "\""));
            form(ada, csrf).formParam("fra", problem).post("/console/problemer/" + problem + "/slaa-sammen").then()
                    .statusCode(303).header("Location", containsString("feil=ugyldig"));
            // The fields staff set survive the regrouping
            assertEquals("Bruk reservelinjen", problem(problem).getString("problem.workaround"));

            // Every change is in the audit log with who made it
            await().atMost(Duration.ofSeconds(10)).until(() -> given().header("Authorization", "Bearer test-admin")
                    .get("/api/v1/audit?actor=ada").jsonPath().getList("action", String.class)
                    .contains("POST /console/problemer/" + problem + "/slaa-sammen"));
        } finally {
            signal("net-p", "up", run);
            signal("svc-p1", "up", run);
            signal("svc-p2", "up", run);
        }
    }

    @Test
    void theNotificationsPageListsWhoWasToldFilteredAndPagedWithoutContactDetails() {
        // Given: a confirmed contact of the group that uses con-v
        String phone = "+479" + String.format("%07d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000));
        String email = "varsel." + UUID.randomUUID() + "@kunde.test";
        String sub = staff().body("{\"name\":\"Varselmottaker\",\"phone\":\"" + phone + "\",\"email\":\"" + email
                + "\",\"groups\":[\"varsel\"]}").post("/api/v1/subscribers").then().statusCode(201).extract().path("id");
        JsonPath box = staff().get("/api/v1/notifications/outbox?subscriber=" + sub).jsonPath();
        Matcher code = Pattern.compile("koden din er (\\d{6})").matcher(box.getString("find { it.channel == 'sms' }.body"));
        Matcher link = Pattern.compile("/bekreft/([A-Za-z0-9_-]+)").matcher(box.getString("find { it.channel == 'email' }.body"));
        assertTrue(code.find() && link.find());
        given().contentType("application/json").body("{\"code\":\"" + code.group(1) + "\"}")
                .post("/api/v1/subscribers/" + sub + "/confirm-sms").then().statusCode(200);
        given().get("/bekreft/" + link.group(1)).then().statusCode(200);

        // When: an incident on con-v is confirmed
        String run = "pv-" + UUID.randomUUID();
        signal("con-v", "down", run);
        String incident = await().atMost(Duration.ofSeconds(10)).until(() -> staff()
                .get("/api/v1/incidents?component=con-v&state=suspected").jsonPath().getString("[0].id"), id -> id != null);
        try {
            staff().body("{\"text\":\"Varslingstjenesten er nede.\"}").post("/api/v1/incidents/" + incident + "/confirm")
                    .then().statusCode(200);

            // Then: the page lists the SMS and the e-mail to the subscriber, by id
            String vera = ConsoleIT.login("vera", "vera-pw");
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                String html = page(vera, "/console/varsler?sak=" + incident);
                return html.contains("data-channel=\"sms\" data-state=\"sent\"")
                        && html.contains("data-channel=\"email\" data-state=\"sent\"");
            });
            String all = page(vera, "/console/varsler?sak=" + incident);
            assertTrue(all.contains("<td>" + sub + "</td>") && all.contains("published#1")
                    && all.contains("href=\"/console/hendelser/" + incident + "\""), all);

            // Filter by channel
            String sms = page(vera, "/console/varsler?sak=" + incident + "&kanal=sms");
            assertTrue(sms.contains("data-channel=\"sms\"") && !sms.contains("data-channel=\"email\""), sms);
            assertTrue(sms.contains("<option value=\"sms\" selected>"), "the filter is kept in the form");
            String mail = page(vera, "/console/varsler?kanal=email&sak=" + incident + "&tilstand=sent&siden=2000-01-01");
            assertTrue(mail.contains("data-channel=\"email\"") && !mail.contains("data-channel=\"sms\""), mail);
            assertTrue(page(vera, "/console/varsler?sak=" + incident + "&tilstand=failed")
                    .contains("Ingen meldinger passer."));
            assertTrue(page(vera, "/console/varsler?sak=" + incident + "&siden=2999-01-01")
                    .contains("Ingen meldinger passer."));
            given().cookie("driftsvakt-konsoll", vera).get("/console/varsler?kanal=brevdue").then().statusCode(400)
                    .body(containsString("Ukjent kanal"));
            given().cookie("driftsvakt-konsoll", vera).get("/console/varsler?siden=i-går").then().statusCode(400);
            given().cookie("driftsvakt-konsoll", vera).get("/console/varsler?antall=0").then().statusCode(400);

            // Paging: one row a page, the next page has the older one
            String first = page(vera, "/console/varsler?sak=" + incident + "&antall=1");
            Matcher older = Pattern.compile("href=\"([^\"]*eldre-enn=\\d+)\"").matcher(first);
            assertTrue(older.find(), first);
            String second = page(vera, older.group(1).replace("&amp;", "&"));
            Matcher a = Pattern.compile("data-notification=\"(\\d+)\"").matcher(first);
            Matcher b = Pattern.compile("data-notification=\"(\\d+)\"").matcher(second);
            assertTrue(a.find() && b.find());
            assertTrue(Long.parseLong(b.group(1)) < Long.parseLong(a.group(1)), "newest first");
            assertFalse(a.find() || b.find(), "one row a page");

            // Never the subscriber's phone number or e-mail address
            for (String html : List.of(all, sms, mail, first, second, page(vera, "/console/varsler"))) {
                assertFalse(html.contains(phone) || html.contains(phone.substring(3)) || html.contains(email), html);
            }
            given().redirects().follow(false).get("/console/varsler").then().statusCode(302);
            given().cookie("driftsvakt-konsoll", vera).get("/console/varsler").then()
                    .body(not(containsString("@kunde.test")));
        } finally {
            staff().body("{\"text\":\"Fungerer igjen.\"}").post("/api/v1/incidents/" + incident + "/resolve");
            signal("con-v", "up", run);
        }
    }
}
