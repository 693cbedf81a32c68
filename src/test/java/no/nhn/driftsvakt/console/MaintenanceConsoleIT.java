package no.nhn.driftsvakt.console;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The console's maintenance page: every role reads; incident managers plan work through the form (announced to the
 * subscribers of the services, shown on driftsweb) and cancel it; forms without the CSRF token are refused. While
 * the work goes on, failures of its components alert neither the customers nor the person on duty; an outage that
 * outlasts the work is told when it ends.
 */
@QuarkusTest
class MaintenanceConsoleIT {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @Inject
    DataSource ds;

    static RequestSpecification staff() {
        return given().header("Authorization", "Bearer test-staff").contentType("application/json");
    }

    static String csrfFrom(Response page) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.asString());
        return m.find() ? m.group(1) : page.getCookie(ConsoleCsrf.COOKIE);
    }

    static RequestSpecification form(String session, String csrfCookie) {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .cookie("driftsvakt-konsoll", session).cookie(ConsoleCsrf.COOKIE, csrfCookie);
    }

    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in " + text);
        return m.group(1);
    }

    static JsonPath outbox(String subscriber) {
        return staff().get("/api/v1/notifications/outbox?subscriber=" + subscriber).then().statusCode(200).extract()
                .jsonPath();
    }

    /** The e-mail subjects a subscriber got (notifications only, not the opt-in messages). */
    static List<String> mailSubjects(String subscriber) {
        return outbox(subscriber).getList("findAll { it.channel == 'email' && it.notificationId > 0 }.subject",
                String.class);
    }

    /** A contact with SMS and e-mail confirmed: a customer of a group, or staff. */
    static String confirmedContact(String group) {
        String phone = "+479" + String.format("%07d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000));
        String body = group == null
                ? "{\"name\":\"Vakt\",\"phone\":\"" + phone + "\",\"email\":\"vakt." + UUID.randomUUID()
                + "@nhn.test\",\"staff\":true}"
                : "{\"name\":\"Kunde\",\"phone\":\"" + phone + "\",\"email\":\"kunde." + UUID.randomUUID()
                + "@kunde.test\",\"groups\":[\"" + group + "\"]}";
        String id = staff().body(body).post("/api/v1/subscribers").then().statusCode(201).extract().path("id");
        JsonPath box = outbox(id);
        String code = find(box.getString("find { it.channel == 'sms' }.body"), "koden din er (\\d{6})");
        String link = find(box.getString("find { it.channel == 'email' }.body"), "/bekreft/([A-Za-z0-9_-]+)");
        given().contentType("application/json").body("{\"code\":\"" + code + "\"}")
                .post("/api/v1/subscribers/" + id + "/confirm-sms").then().statusCode(200);
        given().get("/bekreft/" + link).then().statusCode(200);
        return id;
    }

    static String maintenanceWithTitle(String title) {
        return staff().get("/api/v1/maintenance").jsonPath().getString("find { it.title == '" + title + "' }.id");
    }

    static String signalDown(String component) {
        given().header("Authorization", "Bearer test-ingest").contentType("application/json")
                .body(Map.of("id", "mnt-" + UUID.randomUUID(), "source", "nagios", "component", component, "state",
                        "down", "summary", "Svarer ikke"))
                .post("/api/v1/signals").then().statusCode(202);
        return await().atMost(Duration.ofSeconds(10)).until(() -> staff().get("/api/v1/incidents?component="
                + component + "&state=suspected").jsonPath().getString("[0].id"), id -> id != null);
    }

    @Test
    void viewersReadButMayNotPlanAndFormsWithoutTheTokenAreRefused() {
        String vera = ConsoleIT.login("vera", "vera-pw");
        Response page = given().cookie("driftsvakt-konsoll", vera).get("/console/vedlikehold");
        page.then().statusCode(200).body(containsString("aria-current=\"page\">Vedlikehold"))
                .body(not(containsString("action=\"/console/vedlikehold\"")));
        String csrf = page.getCookie(ConsoleCsrf.COOKIE);
        assertNotNull(csrf);
        String title = "Viewer-forsøk " + UUID.randomUUID();
        LocalDateTime start = LocalDateTime.now(OSLO).plusDays(1).truncatedTo(ChronoUnit.HOURS);
        form(vera, csrf).formParam("csrf", csrf).formParam("tittel", title).formParam("beskrivelse", "x")
                .formParam("komponenter", "mnt-b").formParam("start", LOCAL.format(start))
                .formParam("slutt", LOCAL.format(start.plusHours(1))).post("/console/vedlikehold").then().statusCode(403);

        String ida = ConsoleIT.login("ida", "ida-pw");
        Response idaPage = given().cookie("driftsvakt-konsoll", ida).get("/console/vedlikehold");
        idaPage.then().statusCode(200).body(containsString("action=\"/console/vedlikehold\""))
                .body(containsString("<option value=\"mnt-b\">Vedlikeholdstjeneste B"));
        String idaCsrf = csrfFrom(idaPage);
        // no token, or a token that is not the cookie's
        form(ida, idaCsrf).formParam("tittel", title).formParam("beskrivelse", "x").formParam("komponenter", "mnt-b")
                .formParam("start", LOCAL.format(start)).formParam("slutt", LOCAL.format(start.plusHours(1)))
                .post("/console/vedlikehold").then().statusCode(403);
        form(ida, idaCsrf).formParam("csrf", "forged-forged-forged-forged-forged-forged").formParam("tittel", title)
                .formParam("beskrivelse", "x").formParam("komponenter", "mnt-b").formParam("start", LOCAL.format(start))
                .formParam("slutt", LOCAL.format(start.plusHours(1))).post("/console/vedlikehold").then().statusCode(403);
        // an end before the start: the form comes back with what was typed and the reason
        form(ida, idaCsrf).formParam("csrf", idaCsrf).formParam("tittel", title).formParam("beskrivelse", "Beskrivelse")
                .formParam("komponenter", "mnt-b").formParam("start", LOCAL.format(start))
                .formParam("slutt", LOCAL.format(start.minusHours(1))).post("/console/vedlikehold").then().statusCode(400)
                .body(containsString("Slutten må være")).body(containsString("value=\"" + title + "\""))
                .body(containsString("<option value=\"mnt-b\" selected>"));
        form(ida, idaCsrf).formParam("csrf", idaCsrf).formParam("tittel", title).formParam("beskrivelse", "Beskrivelse")
                .formParam("start", LOCAL.format(start)).formParam("slutt", LOCAL.format(start.plusHours(1)))
                .post("/console/vedlikehold").then().statusCode(400).body(containsString("Velg minst én komponent"));
        assertNull(maintenanceWithTitle(title), "nothing was planned");
    }

    @Test
    void anIncidentManagerPlansThroughTheFormAndTheWorkIsAnnouncedShownAndCancellable() {
        String customer = confirmedContact("vedlikehold");
        String ida = ConsoleIT.login("ida", "ida-pw");
        String csrf = csrfFrom(given().cookie("driftsvakt-konsoll", ida).get("/console/vedlikehold"));
        String title = "Oppgradering " + UUID.randomUUID().toString().substring(0, 8);
        LocalDateTime start = LocalDateTime.now(OSLO).plusDays(2).withHour(20).truncatedTo(ChronoUnit.HOURS);
        Response planned = form(ida, csrf).formParam("csrf", csrf).formParam("tittel", title)
                .formParam("beskrivelse", "Tjenesten kan være utilgjengelig i perioden.").formParam("komponenter", "mnt-b")
                .formParam("start", LOCAL.format(start)).formParam("slutt", LOCAL.format(start.plusHours(2)))
                .post("/console/vedlikehold");
        planned.then().statusCode(303).header("Location", containsString("/console/vedlikehold?ok="));
        String id = maintenanceWithTitle(title);
        assertNotNull(id);
        assertTrue(planned.getHeader("Location").contains(id), planned.getHeader("Location"));

        // In the API, with the window read as Norwegian time, and by who planned it
        JsonPath api = staff().get("/api/v1/maintenance").jsonPath();
        String at = "find { it.id == '" + id + "' }.";
        assertEquals(List.of("mnt-b"), api.getList(at + "components"));
        assertEquals(start.atZone(OSLO).toInstant(), Instant.parse(api.getString(at + "startsAt")));
        assertEquals(start.plusHours(2).atZone(OSLO).toInstant(), Instant.parse(api.getString(at + "endsAt")));
        assertEquals("ida", api.getString(at + "createdBy"));

        // On driftsweb and on the console page
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/v2/scheduled-maintenances.json")
                .jsonPath().getList("scheduled_maintenances.id").contains(id));
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/").asString()
                .contains("data-maintenance=\"" + id + "\""));
        given().cookie("driftsvakt-konsoll", ida).get("/console/vedlikehold").then().statusCode(200)
                .body(containsString("data-maintenance=\"" + id + "\" data-phase=\"scheduled\""))
                .body(containsString("/console/vedlikehold/" + id + "/avlys"));

        // Announced to the customer whose service it touches, by e-mail, with the window in Norwegian time
        await().atMost(Duration.ofSeconds(15)).until(() -> mailSubjects(customer)
                .contains("Planlagt vedlikehold: Vedlikeholdstjeneste B"));
        String mail = outbox(customer).getString("find { it.channel == 'email' && it.notificationId > 0 }.body");
        assertTrue(mail.contains(title) && mail.contains("(norsk tid)") && mail.contains("/#vedlikehold-" + id), mail);

        // A viewer may not cancel; the incident manager may
        String vera = ConsoleIT.login("vera", "vera-pw");
        form(vera, csrf).formParam("csrf", csrf).post("/console/vedlikehold/" + id + "/avlys").then().statusCode(403);
        form(ida, csrf).formParam("csrf", csrf).post("/console/vedlikehold/" + id + "/avlys").then().statusCode(303)
                .header("Location", containsString("ok="));
        assertNotNull(staff().get("/api/v1/maintenance").jsonPath().getString(at + "cancelledAt"));
        await().atMost(Duration.ofSeconds(15)).until(() -> mailSubjects(customer)
                .contains("Vedlikehold avlyst: Vedlikeholdstjeneste B"));
        form(ida, csrf).formParam("csrf", csrf).post("/console/vedlikehold/VED-999999/avlys").then().statusCode(303)
                .header("Location", containsString("feil=ukjent"));

        // Both changes in the audit log, by ida, about this maintenance
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonPath audit = given().header("Authorization", "Bearer test-admin").get("/api/v1/audit?actor=ida")
                    .jsonPath();
            return id.equals(audit.getString("find { it.action == 'POST /console/vedlikehold' && it.subject == '" + id
                    + "' }.subject")) && audit.getList("action").contains("POST /console/vedlikehold/" + id + "/avlys");
        });
    }

    @Test
    void duringTheWorkFailuresAlertNeitherCustomersNorTheOnDutyAndAnOutageThatOutlastsItIsToldThen() throws Exception {
        String customer = confirmedContact("vedlikehold");
        String onDuty = confirmedContact(null);
        for (String role : List.of("incident-manager", "on-call")) { // on duty whatever the time of day
            staff().body("{\"subscriberId\":\"" + onDuty + "\"}").put("/api/v1/duty/" + role).then().statusCode(200);
        }
        String ida = ConsoleIT.login("ida", "ida-pw");
        String csrf = csrfFrom(given().cookie("driftsvakt-konsoll", ida).get("/console/vedlikehold"));
        LocalDateTime now = LocalDateTime.now(OSLO).truncatedTo(ChronoUnit.MINUTES);
        String title = "Bytte av ruter " + UUID.randomUUID().toString().substring(0, 8);
        form(ida, csrf).formParam("csrf", csrf).formParam("tittel", title).formParam("beskrivelse", "Kort brudd ventes.")
                .formParam("komponenter", "mnt-a").formParam("start", LOCAL.format(now.minusMinutes(1)))
                .formParam("slutt", LOCAL.format(now.plusHours(1))).post("/console/vedlikehold").then().statusCode(303);
        String work = maintenanceWithTitle(title);
        await().atMost(Duration.ofSeconds(15)).until(() -> mailSubjects(customer)
                .contains("Vedlikehold startet: Vedlikeholdstjeneste A"));

        // A failure of the component under work, and (to show the pipeline runs) one of a component that is not
        String underWork = signalDown("mnt-a");
        String other = signalDown("mnt-c");
        await().atMost(Duration.ofSeconds(15)).until(() -> outbox(onDuty).getList("findAll { it.notificationId > 0 "
                + "&& it.channel == 'email' }.subject", String.class).stream()
                .anyMatch(s -> s.contains("Mistenkt feil: Vedlikeholdstjeneste C")));
        assertTrue(outbox(onDuty).getList("subject", String.class).stream()
                .noneMatch(s -> s != null && s.contains("Vedlikeholdstjeneste A")), "no staff alert for the work");

        // Staff confirm both: the customer hears of the other one only
        for (String incident : List.of(underWork, other)) {
            staff().body("{\"text\":\"Vi undersøker.\"}").post("/api/v1/incidents/" + incident + "/confirm").then()
                    .statusCode(200);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> mailSubjects(customer)
                .contains("Driftsforstyrrelse: Vedlikeholdstjeneste C"));
        assertTrue(!mailSubjects(customer).contains("Driftsforstyrrelse: Vedlikeholdstjeneste A"),
                "not told of a failure during the work");
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM "
                + "notification WHERE subject_id = ? AND subscriber_id IN (?, ?)")) {
            ps.setString(1, underWork);
            ps.setString(2, customer);
            ps.setString(3, onDuty);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getLong(1), "a suppression is not stored in the ledger");
            }
        }
        assertTrue(given().get("/q/metrics").asString().contains("reason=\"suppressed_maintenance\""),
                "suppressions are counted by reason");

        // The work is called off while the component is still down: now the customer is told
        form(ida, csrf).formParam("csrf", csrf).post("/console/vedlikehold/" + work + "/avlys").then().statusCode(303);
        await().atMost(Duration.ofSeconds(15)).until(() -> mailSubjects(customer)
                .containsAll(List.of("Driftsforstyrrelse: Vedlikeholdstjeneste A", "Vedlikehold avlyst: Vedlikeholdstjeneste A")));

        for (String incident : List.of(underWork, other)) {
            staff().body("{\"text\":\"Rettet\"}").post("/api/v1/incidents/" + incident + "/resolve").then()
                    .statusCode(200);
        }
    }
}
