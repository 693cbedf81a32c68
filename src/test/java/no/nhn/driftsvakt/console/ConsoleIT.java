package no.nhn.driftsvakt.console;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The console: form login against local users, roles (viewer reads, kundesenter acts), CSRF on every form, and
 * confirming or dismissing a suspected incident in one click.
 */
@QuarkusTest
public class ConsoleIT {

    /** Logs in; returns the session cookie. */
    public static String login(String user, String password) {
        Response r = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", user).formParam("j_password", password).post("/j_security_check");
        assertEquals(302, r.statusCode(), "login answers with a redirect");
        String session = r.getCookie("driftsvakt-konsoll");
        assertNotNull(session, "a session cookie for " + user);
        String setCookie = r.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("driftsvakt-konsoll=")).findFirst().orElseThrow();
        assertTrue(setCookie.toLowerCase().contains("httponly") && setCookie.toLowerCase().contains("samesite=strict"), setCookie);
        return session;
    }

    private static String suspected(String component) {
        given().header("Authorization", "Bearer test-ingest").contentType("application/json")
                .body(Map.of("id", "con-" + UUID.randomUUID(), "source", "nagios", "component", component, "state",
                        "down", "summary", "Svarer ikke"))
                .post("/api/v1/signals").then().statusCode(202);
        return await().atMost(Duration.ofSeconds(10)).until(() -> given().header("Authorization", "Bearer test-staff")
                .get("/api/v1/incidents?component=" + component + "&state=suspected").jsonPath().getString("[0].id"),
                id -> id != null);
    }

    /** The CSRF token the console issues to this session (tokens are bound to the signed-in user). */
    public static String csrfOf(String session) {
        Response page = given().cookie("driftsvakt-konsoll", session).get("/console");
        String cookie = page.getCookie(ConsoleCsrf.COOKIE);
        return cookie != null ? cookie : csrfFrom(page.asString());
    }

    public static String csrfFrom(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        return m.find() ? m.group(1) : null;
    }

    private static String state(String incident) {
        return given().header("Authorization", "Bearer test-staff").get("/api/v1/incidents/" + incident).jsonPath()
                .getString("incident.state");
    }

    private static io.restassured.specification.RequestSpecification form(String session, String csrfCookie) {
        io.restassured.specification.RequestSpecification s = given().redirects().follow(false)
                .contentType("application/x-www-form-urlencoded");
        if (session != null) {
            s = s.cookie("driftsvakt-konsoll", session);
        }
        if (csrfCookie != null) {
            s = s.cookie(ConsoleCsrf.COOKIE, csrfCookie);
        }
        return s;
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPageAndWrongPasswordsAreRefused() {
        given().redirects().follow(false).get("/console").then().statusCode(302)
                .header("Location", endsWith("/console/logg-inn"));
        given().get("/console/logg-inn").then().statusCode(200).body(containsString("j_security_check"));
        form(null, null).formParam("j_username", "kim").formParam("j_password", "feil").post("/j_security_check")
                .then().statusCode(302).header("Location", containsString("/console/logg-inn?feil=1"));
        form(null, null).formParam("j_username", "ghost").formParam("j_password", "x").post("/j_security_check")
                .then().statusCode(302).header("Location", containsString("feil=1"));
    }

    @Test
    void authorizationMatrix() {
        String incident = suspected("con-b");
        Map<String, String> sessions = Map.of("vera", login("vera", "vera-pw"), "kim", login("kim", "kim-pw"),
                "ada", login("ada", "ada-pw"));
        // GET /console: every role may read
        for (String user : sessions.keySet()) {
            given().cookie("driftsvakt-konsoll", sessions.get(user)).get("/console").then().statusCode(200)
                    .body(containsString(incident));
        }
        // the viewer sees no forms and may not act; anonymous is sent to log in; kundesenter and admin may act
        given().cookie("driftsvakt-konsoll", sessions.get("vera")).get("/console").then()
                .body(not(containsString("/bekreft\"")));
        Response page = given().cookie("driftsvakt-konsoll", sessions.get("kim")).get("/console");
        String csrf = csrfFrom(page.asString());
        assertNotNull(csrf);
        assertEquals(csrf, page.getCookie(ConsoleCsrf.COOKIE), "double submit: the form carries the cookie's token");
        form(sessions.get("vera"), csrf).formParam("csrf", csrf).formParam("grunn", "test")
                .post("/console/hendelser/" + incident + "/avvis").then().statusCode(403);
        form(null, csrf).formParam("csrf", csrf).formParam("grunn", "test")
                .post("/console/hendelser/" + incident + "/avvis").then().statusCode(302)
                .header("Location", endsWith("/console/logg-inn"));
        assertEquals("suspected", state(incident), "nothing changed");
        // a token issued to kim (or planted in ada's browser) does not act for ada
        form(sessions.get("ada"), csrf).formParam("csrf", csrf).formParam("grunn", "Falsk alarm fra testen")
                .post("/console/hendelser/" + incident + "/avvis").then().statusCode(403);
        assertEquals("suspected", state(incident), "nothing changed");
        String adas = csrfOf(sessions.get("ada"));
        form(sessions.get("ada"), adas).formParam("csrf", adas).formParam("grunn", "Falsk alarm fra testen")
                .post("/console/hendelser/" + incident + "/avvis").then().statusCode(303);
        assertEquals("dismissed", state(incident), "admin implies kundesenter");
    }

    @Test
    void kundesenterConfirmsInOneClickAndForgedFormsAreRefused() {
        String incident = suspected("con-a");
        String kim = login("kim", "kim-pw");
        Response page = given().cookie("driftsvakt-konsoll", kim).get("/console");
        page.then().statusCode(200).body(containsString("suspect-" + incident)).body(containsString("Svarer ikke"))
                .body(containsString("Vi undersøker feil på Konsolltjeneste A."));
        String csrf = csrfFrom(page.asString());

        // A form from another site: no token, or a token that is not the cookie's
        form(kim, null).formParam("tekst", "x").post("/console/hendelser/" + incident + "/bekreft").then()
                .statusCode(403);
        form(kim, csrf).formParam("tekst", "x").formParam("csrf", "forged-forged-forged-forged-forged-forged")
                .post("/console/hendelser/" + incident + "/bekreft").then().statusCode(403);
        assertEquals("suspected", state(incident));

        // Dismiss needs a reason
        form(kim, csrf).formParam("csrf", csrf).formParam("grunn", " ").post("/console/hendelser/" + incident + "/avvis")
                .then().statusCode(303).header("Location", containsString("/console?feil=grunn"));

        // One click, with the (edited) customer text
        form(kim, csrf).formParam("csrf", csrf).formParam("tekst", "Konsolltjeneste A er nede. Vi jobber med saken.")
                .post("/console/hendelser/" + incident + "/bekreft").then().statusCode(303)
                .header("Location", containsString("/console?ok="));
        assertEquals("investigating", state(incident));
        String timeline = given().header("Authorization", "Bearer test-staff").get("/api/v1/incidents/" + incident)
                .asString();
        assertTrue(timeline.contains("\"author\":\"kim\"") && timeline.contains("Vi jobber med saken."), timeline);
        // Again: no longer allowed
        form(kim, csrf).formParam("csrf", csrf).formParam("tekst", "x").post("/console/hendelser/" + incident + "/bekreft")
                .then().statusCode(303).header("Location", containsString("/console?feil=endret"));
        // and it is public on driftsweb
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/").asString()
                .contains("Konsolltjeneste A er nede. Vi jobber med saken."));
        // and in the audit log, with who did it
        await().atMost(Duration.ofSeconds(10)).until(() -> given().header("Authorization", "Bearer test-admin")
                .get("/api/v1/audit?actor=kim").jsonPath().getList("action", String.class)
                .contains("POST /console/hendelser/" + incident + "/bekreft"));
    }

    @Test
    void theIncidentPageShowsTheTimelineAndTakesUpdatesPriorityAndResolve() {
        String incident = given().header("Authorization", "Bearer test-staff").contentType("application/json")
                .body(Map.of("component", "con-c", "title", "Konsoll-hendelse", "text", "Meldt på telefon"))
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
        String kim = login("kim", "kim-pw");
        Response page = given().cookie("driftsvakt-konsoll", kim).get("/console/hendelser/" + incident);
        page.then().statusCode(200).body(containsString("Meldt på telefon")).body(containsString("/oppdatering"))
                .body(not(containsString("/prioritet\"")));
        String csrf = csrfFrom(page.asString());

        // An internal note stays internal; a public update moves the state and shows on driftsweb
        form(kim, csrf).formParam("csrf", csrf).formParam("tekst", "Intern: leverandøren ringt")
                .post("/console/hendelser/" + incident + "/oppdatering").then().statusCode(303);
        form(kim, csrf).formParam("csrf", csrf).formParam("tekst", "Årsaken er funnet.").formParam("offentlig", "ja")
                .formParam("tilstand", "identified").post("/console/hendelser/" + incident + "/oppdatering").then()
                .statusCode(303).header("Location", containsString("ok="));
        assertEquals("identified", state(incident));
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/").asString().contains("Årsaken er funnet."));
        assertTrue(!given().get("/hendelser/" + incident).asString().contains("leverandøren ringt"), "internal");
        form(kim, csrf).formParam("csrf", csrf).formParam("tekst", " ").post("/console/hendelser/" + incident
                + "/oppdatering").then().statusCode(303).header("Location", containsString("feil=tekst"));

        // Priority is for incident managers
        form(kim, csrf).formParam("csrf", csrf).formParam("prioritet", "P1").post("/console/hendelser/" + incident
                + "/prioritet").then().statusCode(403);
        String ida = login("ida", "ida-pw");
        given().cookie("driftsvakt-konsoll", ida).get("/console/hendelser/" + incident).then()
                .body(containsString("/prioritet\""));
        String idas = csrfOf(ida);
        form(ida, idas).formParam("csrf", idas).formParam("prioritet", "P1").formParam("grunn", "Mange ringer")
                .post("/console/hendelser/" + incident + "/prioritet").then().statusCode(303);
        assertEquals("P1", given().header("Authorization", "Bearer test-staff").get("/api/v1/incidents/" + incident)
                .jsonPath().getString("incident.priority"));

        // Resolving is for incident managers, by the resolve form or by moving the state with an update
        form(kim, csrf).formParam("csrf", csrf).formParam("tekst", "Rettet.").post("/console/hendelser/" + incident
                + "/loes").then().statusCode(403);
        form(kim, csrf).formParam("csrf", csrf).formParam("tekst", "Rettet?").formParam("tilstand", "resolved")
                .post("/console/hendelser/" + incident + "/oppdatering").then().statusCode(403);
        assertTrue(java.util.Set.of("investigating", "identified").contains(state(incident)), "still open");
        form(ida, idas).formParam("csrf", idas).formParam("tekst", "Rettet.").post("/console/hendelser/" + incident
                + "/loes").then().statusCode(303);
        assertEquals("resolved", state(incident));
        given().cookie("driftsvakt-konsoll", kim).get("/console/hendelser/INC-999999").then().statusCode(404);
    }

    @Test
    void theDutyPageShowsWhoIsAlertedNowAndTheHolidaysAndIncidentManagersSetTheRoles() {
        given().redirects().follow(false).get("/console/vakt").then().statusCode(302);
        String vera = login("vera", "vera-pw");
        given().cookie("driftsvakt-konsoll", vera).get("/console/vakt").then().statusCode(200)
                .body(containsString("data-role=\"incident-manager\"")).body(containsString("data-alerted=\""))
                .body(containsString("Kristi himmelfartsdag"))
                .body(not(containsString("action=\"/console/vakt/rolle\"")));

        // An incident manager puts a registered contact on duty in a role by form (and the old holder back after)
        String before = given().header("Authorization", "Bearer test-staff").get("/api/v1/duty").jsonPath()
                .getString("'technical-director'");
        String contact = given().header("Authorization", "Bearer test-staff").contentType("application/json")
                .body(Map.of("name", "Teknisk direktør", "email", "td." + UUID.randomUUID() + "@nhn.test", "staff", true))
                .post("/api/v1/subscribers").then().statusCode(201).extract().jsonPath().getString("id");
        String ida = login("ida", "ida-pw");
        Response page = given().cookie("driftsvakt-konsoll", ida).get("/console/vakt");
        String csrf = csrfFrom(page.asString());
        form(vera, csrf).formParam("csrf", csrf).formParam("rolle", "technical-director").formParam("abonnent", contact)
                .post("/console/vakt/rolle").then().statusCode(403);
        form(ida, csrf).formParam("csrf", csrf).formParam("rolle", "technical-director").formParam("abonnent", "SUB-999999")
                .post("/console/vakt/rolle").then().statusCode(303).header("Location", containsString("feil=abonnent"));
        form(ida, csrf).formParam("csrf", csrf).formParam("rolle", "konge").formParam("abonnent", contact)
                .post("/console/vakt/rolle").then().statusCode(303).header("Location", containsString("feil=rolle"));
        form(ida, csrf).formParam("csrf", csrf).formParam("rolle", "technical-director").formParam("abonnent", contact)
                .post("/console/vakt/rolle").then().statusCode(303).header("Location", containsString("ok="));
        given().cookie("driftsvakt-konsoll", ida).get("/console/vakt").then()
                .body(org.hamcrest.Matchers.matchesPattern("(?s).*data-role=\"technical-director\">.*?" + contact + ".*"));
        if (before != null) {
            given().header("Authorization", "Bearer test-staff").contentType("application/json")
                    .body(Map.of("subscriberId", before)).put("/api/v1/duty/technical-director").then().statusCode(200);
        }
    }

    @Test
    void kundesenterReportsAnIncidentFromAPhoneCallAndASecondCallFindsTheOpenOne() {
        String vera = login("vera", "vera-pw");
        String kim = login("kim", "kim-pw");
        Response page = given().cookie("driftsvakt-konsoll", kim).get("/console");
        page.then().body(containsString("action=\"/console/meld-inn\"")).body(containsString("Telefontjeneste"));
        String csrf = csrfFrom(page.asString());
        given().cookie("driftsvakt-konsoll", vera).get("/console").then().body(not(containsString("/console/meld-inn")));
        form(vera, csrf).formParam("csrf", csrf).formParam("komponent", "tlf-a").post("/console/meld-inn").then()
                .statusCode(403);
        form(kim, csrf).formParam("komponent", "tlf-a").post("/console/meld-inn").then().statusCode(403);
        form(kim, csrf).formParam("csrf", csrf).formParam("komponent", "finnes-ikke").post("/console/meld-inn").then()
                .statusCode(303).header("Location", containsString("/console?feil=komponent"));

        Response made = form(kim, csrf).formParam("csrf", csrf).formParam("komponent", "tlf-a")
                .formParam("tittel", "Legekontor melder feil").formParam("tekst", "Telefontjenesten svarer ikke.")
                .post("/console/meld-inn");
        made.then().statusCode(303).header("Location", containsString("?ok=meldt"));
        String incident = made.getHeader("Location").replaceAll(".*/console/hendelser/(INC-[0-9]+).*", "$1");
        io.restassured.path.json.JsonPath i = given().header("Authorization", "Bearer test-staff")
                .get("/api/v1/incidents/" + incident).jsonPath();
        assertEquals("investigating", i.getString("incident.state"));
        assertEquals("tlf-a", i.getString("incident.componentId"));
        assertTrue(i.getString("timeline").contains("kim"), "the timeline names who reported it");
        given().cookie("driftsvakt-konsoll", kim).get(made.getHeader("Location")).then()
                .body(containsString("Hendelsen er meldt inn"));

        form(kim, csrf).formParam("csrf", csrf).formParam("komponent", "tlf-a").post("/console/meld-inn").then()
                .statusCode(303).header("Location", containsString("/console/hendelser/" + incident + "?feil=aapen"));
    }

    @Test
    void onlyNoticesTheServiceWroteAreShown() {
        String kim = login("kim", "kim-pw");
        given().cookie("driftsvakt-konsoll", kim).get("/console?ok=Ring+straks+99+99+99+99").then().statusCode(200)
                .body(not(containsString("Ring straks")));
        given().cookie("driftsvakt-konsoll", kim).get("/console/vakt?feil=Logg+inn+p%C3%A5+ny+side").then()
                .statusCode(200).body(not(containsString("Logg inn på ny side")));
        // the redirect after a form carries its signature, and the notice shows
        Response page = given().cookie("driftsvakt-konsoll", kim).get("/console");
        String csrf = csrfFrom(page.asString());
        String back = form(kim, csrf).formParam("csrf", csrf).formParam("komponent", "finnes-ikke")
                .post("/console/meld-inn").getHeader("Location");
        assertTrue(back.contains("sig=") && back.contains("?feil=komponent&sig="), back);
        given().cookie("driftsvakt-konsoll", kim).get(back).then().body(containsString("Velg en tjeneste fra katalogen"));
    }
}
