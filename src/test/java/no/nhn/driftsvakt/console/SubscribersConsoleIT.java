package no.nhn.driftsvakt.console;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import no.nhn.driftsvakt.subscriber.ContactMasks;

/**
 * The console's subscriber page: kundesenter searches (by name, group, phone number or e-mail address) and sees
 * contacts masked only; viewers are refused; admins add, import a CSV (the report names refused rows by line),
 * export and erase. Every read and change is in the audit log, without contact data.
 */
@QuarkusTest
class SubscribersConsoleIT {

    static final String GROUP = "abonnent-test";

    static RequestSpecification staff() {
        return given().header("Authorization", "Bearer test-staff").contentType("application/json");
    }

    static String uniquePhone() {
        return "+479" + String.format("%07d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000));
    }

    static String register(String name, String phone, String email) {
        return staff().body(Map.of("name", name, "organisation", "Testlegene", "phone", phone, "email", email,
                "groups", List.of(GROUP))).post("/api/v1/subscribers").then().statusCode(201).extract().path("id");
    }

    static List<String> groupIds() {
        return staff().get("/api/v1/subscribers?group=" + GROUP).then().statusCode(200).extract().jsonPath()
                .getList("id");
    }

    static RequestSpecification as(String session) {
        return given().redirects().follow(false).cookie("driftsvakt-konsoll", session);
    }

    /** A search as the page posts it (with the CSRF token), so nothing searched for is in a URL. */
    static Response search(String session, String field, String value) {
        String csrf = as(session).get("/console/abonnenter").getCookie(ConsoleCsrf.COOKIE);
        return as(session).cookie(ConsoleCsrf.COOKIE, csrf).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", csrf).formParam(field, value).post("/console/abonnenter/sok");
    }

    static JsonPath audit(String actor) {
        return given().header("Authorization", "Bearer test-admin").get("/api/v1/audit?limit=2000&actor=" + actor)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void kundesenterSearchesAndSeesMaskedContactsOnlyAndViewersAreRefused() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String phone = uniquePhone();
        String email = "kari." + tag + "@legesenter.test";
        String id = register("Kari Søkbar " + tag, phone, email);
        String kim = ConsoleIT.login("kim", "kim-pw");

        // By a part of the name, by the phone number as people type it, by the e-mail address, by group
        String national = phone.substring(3);
        String typed = national.substring(0, 3) + " " + national.substring(3, 5) + " " + national.substring(5);
        for (Map.Entry<String, String> q : List.of(Map.entry("q", "søkbar " + tag), Map.entry("q", typed),
                Map.entry("q", email.toUpperCase()), Map.entry("gruppe", GROUP))) {
            String page = search(kim, q.getKey(), q.getValue()).then().statusCode(200).extract().asString();
            assertTrue(page.contains("data-subscriber=\"" + id + "\""), q + " finds " + id);
            assertTrue(page.contains(ContactMasks.phone(phone)) && page.contains(ContactMasks.email(email)),
                    "masked contacts");
            assertFalse(page.contains(national) || page.contains(email) || page.contains(typed),
                    "never the full phone number or e-mail address: " + q);
            assertFalse(page.contains("/slett\"") || page.contains("/eksport") || page.contains("/console/abonnenter/ny"),
                    "kundesenter reads only");
        }
        // Customer groups with their subscriber counts
        as(kim).get("/console/abonnenter").then().statusCode(200)
                .body(containsString("data-group=\"" + GROUP + "\" data-count=\"" + groupIds().size() + "\""))
                .body(containsString("data-group=\"vedlikehold\""));

        // kundesenter may not change or export; viewers may not read; anonymous visitors are sent to log in
        Response page = as(kim).get("/console/abonnenter");
        String csrf = page.getCookie(ConsoleCsrf.COOKIE);
        as(kim).cookie(ConsoleCsrf.COOKIE, csrf).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", csrf).formParam("epost", "x." + tag + "@kunde.test").formParam("grupper", GROUP)
                .post("/console/abonnenter/ny").then().statusCode(403);
        as(kim).cookie(ConsoleCsrf.COOKIE, csrf).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", csrf).formParam("bekreft", "ja").post("/console/abonnenter/" + id + "/slett").then()
                .statusCode(403);
        as(kim).cookie(ConsoleCsrf.COOKIE, csrf).contentType("application/x-www-form-urlencoded").formParam("csrf", csrf)
                .formParam("gruppe", GROUP).post("/console/abonnenter/eksport.csv").then().statusCode(403);
        // a search without the form's token is refused
        as(kim).contentType("application/x-www-form-urlencoded").formParam("q", tag).post("/console/abonnenter/sok")
                .then().statusCode(403);
        as(kim).get("/console/abonnenter/" + id + "/eksport").then().statusCode(403);
        String vera = ConsoleIT.login("vera", "vera-pw");
        as(vera).get("/console/abonnenter?gruppe=" + GROUP).then().statusCode(403)
                .body(not(containsString(ContactMasks.phone(phone))));
        given().redirects().follow(false).get("/console/abonnenter").then().statusCode(302)
                .header("Location", endsWith("/console/logg-inn"));
        assertNull(staff().get("/api/v1/subscribers/" + id).jsonPath().getString("erasedAt"));

        // Each read is in the audit log as a read of subscriber data, with no contact data in it
        await().atMost(Duration.ofSeconds(10)).until(() -> audit("kim").getList("findAll { it.action == "
                + "'GET /console/abonnenter' && it.status == 200 }").size() >= 5);
        String log = audit("kim").prettify();
        assertFalse(log.contains(national) || log.contains(email), "no contact data (nor search terms) in the audit log");
    }

    @Test
    void adminsAddImportExportAndErase() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String ada = ConsoleIT.login("ada", "ada-pw");
        Response page = as(ada).get("/console/abonnenter");
        page.then().statusCode(200).body(containsString("action=\"/console/abonnenter/ny\""))
                .body(containsString("enctype=\"multipart/form-data\""));
        String csrf = page.getCookie(ConsoleCsrf.COOKIE);
        assertNotNull(csrf);

        // Add one (a Norwegian number as people write it), and a refused one
        String national = uniquePhone().substring(3);
        Response added = as(ada).cookie(ConsoleCsrf.COOKIE, csrf).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", csrf).formParam("navn", "Ada Lagt-Til " + tag).formParam("telefon", national)
                .formParam("epost", "ny." + tag + "@kunde.test").formParam("spraak", "nb").formParam("grupper", GROUP)
                .post("/console/abonnenter/ny");
        added.then().statusCode(303).header("Location", containsString("ok="));
        String id = added.getHeader("Location").replaceAll(".*(SUB-\\d+).*", "$1");
        JsonPath sub = staff().get("/api/v1/subscribers/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("+47" + national, sub.getString("contact.phone"));
        assertEquals("PENDING", sub.getString("channels.SMS"), "double opt-in starts");
        int before = groupIds().size();
        as(ada).cookie(ConsoleCsrf.COOKIE, csrf).contentType("application/x-www-form-urlencoded").formParam("csrf", csrf)
                .formParam("navn", "Feil " + tag).formParam("telefon", "123").formParam("grupper", GROUP)
                .post("/console/abonnenter/ny").then().statusCode(400).body(containsString("Telefon (phone)"))
                .body(containsString("value=\"Feil " + tag + "\""));
        as(ada).cookie(ConsoleCsrf.COOKIE, csrf).contentType("application/x-www-form-urlencoded")
                .formParam("navn", "Uten token " + tag).formParam("epost", "csrf." + tag + "@kunde.test")
                .formParam("grupper", GROUP).post("/console/abonnenter/ny").then().statusCode(403);
        assertEquals(before, groupIds().size(), "nothing added");

        // Import a file: two good rows, a bad number on line 3, a duplicate of line 2 on line 5
        String phoneA = uniquePhone();
        String csv = "name,phone,email\n"
                + "Import A " + tag + "," + phoneA + ",\n"
                + "Import B " + tag + ",123,\n"
                + "Import C " + tag + ",,importc." + tag + "@kunde.test\n"
                + "Import D " + tag + "," + phoneA + ",\n";
        String report = as(ada).cookie(ConsoleCsrf.COOKIE, csrf).multiPart("csrf", csrf).multiPart("gruppe", GROUP)
                .multiPart("fil", "kontakter.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/console/abonnenter/import").then().statusCode(200).extract().asString();
        assertTrue(report.contains("data-created=\"2\" data-refused=\"2\""), report);
        assertTrue(report.contains("row 3: phone") && report.contains("row 5: phone/email"), "refused rows by line");
        assertFalse(report.contains(phoneA), "the report shows no contact data");
        assertEquals(before + 2, groupIds().size());
        // ... or paste it
        String pasted = as(ada).cookie(ConsoleCsrf.COOKIE, csrf).multiPart("csrf", csrf).multiPart("gruppe", GROUP)
                .multiPart("tekst", "name;email\nLimt inn " + tag + ";limt." + tag + "@kunde.test\n")
                .post("/console/abonnenter/import").then().statusCode(200).extract().asString();
        assertTrue(pasted.contains("data-created=\"1\" data-refused=\"0\""), pasted);
        as(ada).cookie(ConsoleCsrf.COOKIE, csrf).multiPart("gruppe", GROUP).multiPart("tekst", "name;email\nX;x@y.test\n")
                .post("/console/abonnenter/import").then().statusCode(403);

        // Export: the search as CSV (full contact details, admins only), one subscriber as JSON
        as(ada).cookie(ConsoleCsrf.COOKIE, csrf).contentType("application/x-www-form-urlencoded").formParam("csrf", csrf)
                .formParam("q", tag).post("/console/abonnenter/eksport.csv").then()
                .statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("attachment"))
                .body(startsWith("id,name,organisation,phone,email,")).body(containsString(phoneA))
                .body(containsString("+47" + national));
        JsonPath export = given().cookie("driftsvakt-konsoll", ada).get("/console/abonnenter/" + id + "/eksport").then()
                .statusCode(200).header("Content-Disposition", containsString(id + ".json")).extract().jsonPath();
        assertEquals(id, export.getString("subscriber.id"));
        assertTrue(export.getList("consents").size() >= 2, "the consent history");

        // Erase: needs the box ticked and the token; then the contact details are gone
        as(ada).cookie(ConsoleCsrf.COOKIE, csrf).contentType("application/x-www-form-urlencoded").formParam("csrf", csrf)
                .post("/console/abonnenter/" + id + "/slett").then().statusCode(303)
                .header("Location", containsString("feil=bekreft"));
        as(ada).cookie(ConsoleCsrf.COOKIE, csrf).contentType("application/x-www-form-urlencoded").formParam("bekreft", "ja")
                .post("/console/abonnenter/" + id + "/slett").then().statusCode(403);
        assertNull(staff().get("/api/v1/subscribers/" + id).jsonPath().getString("erasedAt"));
        as(ada).cookie(ConsoleCsrf.COOKIE, csrf).contentType("application/x-www-form-urlencoded").formParam("csrf", csrf)
                .formParam("bekreft", "ja").post("/console/abonnenter/" + id + "/slett").then().statusCode(303)
                .header("Location", containsString("ok="));
        JsonPath erased = staff().get("/api/v1/subscribers/" + id).jsonPath();
        assertNotNull(erased.getString("erasedAt"));
        assertNull(erased.getString("contact.phone"));
        assertNull(erased.getString("contact.name"));
        assertFalse(groupIds().contains(id), "gone from the group");
        search(ada, "q", "Lagt-Til " + tag).then().statusCode(200)
                .body(not(containsString("data-subscriber=\"" + id + "\"")));

        // The audit log: who added, read, exported and erased whom — and no contact data
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonPath a = audit("ada");
            List<String> actions = a.getList("findAll { it.subject == '" + id + "' }.action");
            return actions.containsAll(List.of("POST /console/abonnenter/ny", "GET /console/abonnenter/" + id
                    + "/eksport", "POST /console/abonnenter/" + id + "/slett"))
                    && a.getList("action").contains("POST /console/abonnenter/eksport.csv")
                    && a.getList("action").contains("POST /console/abonnenter/import");
        });
        String log = audit("ada").prettify();
        assertFalse(log.contains(national) || log.contains(phoneA) || log.contains("@kunde.test"),
                "no contact data in the audit log");
    }
}
