package no.nhn.driftsvakt.driftsweb;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import no.nhn.driftsvakt.platform.Topics;
import no.nhn.driftsvakt.testing.TopicReader;

/**
 * Driftsweb as customers and other tools see it: the front page in both languages with its security headers,
 * the incident and archive pages, the Statuspage v2 JSON, the Atom feed (parsed as XML), badges, the live stream,
 * the report form, and text from staff and customers escaped everywhere.
 */
@QuarkusTest
class DriftswebIT {

    private static final String XSS_TITLE = "<script>alert('tittel')</script>";
    private static final String XSS_UPDATE = "<img src=x onerror=alert('oppdatering')>";

    private static RequestSpecification staff() {
        return given().header("Authorization", "Bearer test-staff").contentType("application/json");
    }

    /** A confirmed incident with a hostile title and a hostile public update; returns its id. */
    private static String hostileIncident(String component) {
        String id = staff().body(Map.of("component", component, "title", XSS_TITLE, "text", "Meldt på telefon"))
                .post("/api/v1/incidents").then().statusCode(201).extract().jsonPath().getString("id");
        staff().body(Map.of("text", XSS_UPDATE, "isPublic", true, "state", "identified"))
                .post("/api/v1/incidents/" + id + "/updates").then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> given().get("/").asString().contains("incident-" + id)
                && given().get("/").asString().contains("onerror=alert"));
        return id;
    }

    @Test
    void theFrontPageInBothLanguagesWithItsHeaders() {
        Response r = given().get("/");
        r.then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Content-Type-Options", "nosniff").header("ETag", notNullValue());
        String nb = r.asString();
        assertTrue(nb.contains("<html lang=\"nb\">"), "bokmål by default");
        assertTrue(nb.contains("Driftsstatus") && nb.contains("hreflang=\"en\""), "a switch to English");
        assertTrue(nb.contains("data-component=\"core\""), "every component");
        assertTrue(nb.contains("class=\"bars\""), "uptime bars");
        assertFalse(nb.contains("\u0001"), "every row's marker replaced by the row");
        assertTrue(nb.contains("02017") && nb.contains("kundesenter@nhn.no"), "contact from configuration");
        assertTrue(nb.contains("Kundesenteret er åpent nå") || nb.contains("Kundesenteret er stengt nå"),
                "whether the customer centre is open, holidays included");
        assertTrue(nb.contains("<script src=\"/js/driftsweb.js\" defer></script>"), "script only from a file");
        assertFalse(nb.contains("<script>"), "no inline script");
        assertFalse(nb.contains("style=\""), "no inline style");

        // The switch: ?lang=en answers in English and remembers it in a cookie
        Response en = given().get("/?lang=en");
        en.then().statusCode(200).cookie("lang", "en");
        assertTrue(en.asString().contains("<html lang=\"en\">") && en.asString().contains("Service status"));
        given().cookie("lang", "en").get("/").then().body(containsString("<html lang=\"en\">"));
        given().cookie("lang", "nb").get("/").then().body(containsString("<html lang=\"nb\">"));

        // Conditional GET: same ETag, no body. The page changes whenever a probe reports (it shows each
        // component's last check), so a 200 is allowed only with a new ETag, and then the new one must give 304.
        int status = 0;
        for (int i = 0; i < 5 && status != 304; i++) {
            String etag = given().get("/").header("ETag");
            Response again = given().header("If-None-Match", etag).get("/");
            status = again.statusCode();
            if (status == 200) {
                assertFalse(etag.equals(again.header("ETag")), "a 200 to a matching ETag");
            }
        }
        assertEquals(304, status);
    }

    @Test
    void staffAndCustomerTextIsEscapedEverywhere() throws Exception {
        String id = hostileIncident("web-a");
        String page = given().get("/").asString();
        assertFalse(page.contains(XSS_TITLE), "the title is escaped on the front page");
        assertFalse(page.contains(XSS_UPDATE), "the update is escaped on the front page");
        assertTrue(page.contains("&lt;script&gt;alert("), page);
        String incident = given().get("/hendelser/" + id).then().statusCode(200).extract().asString();
        assertFalse(incident.contains(XSS_TITLE) || incident.contains(XSS_UPDATE), "escaped on the incident page");
        String atom = given().get("/feed.atom").then().statusCode(200).extract().asString();
        assertFalse(atom.contains(XSS_TITLE) || atom.contains(XSS_UPDATE), "escaped in the feed");
        Document doc = xml(atom); // and still well-formed
        assertEquals("feed", doc.getDocumentElement().getLocalName());
        // JSON carries the text as data (Jackson escapes it as JSON)
        staff().get("/api/v2/incidents/unresolved.json").then().statusCode(200)
                .body("incidents.find { it.id == '" + id + "' }.name", equalTo(XSS_TITLE));
    }

    @Test
    void statuspageV2Json() {
        String id = hostileIncident("web-c");
        JsonPath summary = given().get("/api/v2/summary.json").then().statusCode(200)
                .contentType(startsWith("application/json")).extract().jsonPath();
        for (String key : List.of("page", "components", "incidents", "scheduled_maintenances", "status")) {
            assertTrue(summary.getMap("$").containsKey(key), "summary has " + key);
        }
        assertEquals("Europe/Oslo", summary.getString("page.time_zone"));
        assertTrue(summary.getString("page.updated_at").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}([+-]\\d\\d:\\d\\d|Z)"),
                summary.getString("page.updated_at"));
        given().get("/api/v2/status.json").then().statusCode(200)
                .body("status.indicator", in(List.of("none", "minor", "major", "critical", "maintenance")))
                .body("status.description", notNullValue());
        given().get("/api/v2/components.json").then().statusCode(200)
                .body("components.status", everyItem(in(List.of("operational", "degraded_performance", "partial_outage",
                        "major_outage", "under_maintenance"))))
                .body("components.find { it.id == 'core' }", hasKey("group_id"))
                .body("components.find { it.id == 'core' }.group", equalTo(false))
                .body("components.find { it.group == true }.components", notNullValue())
                .body("components.find { it.id == 'core' }.page_id", equalTo(StatuspageV2.PAGE_ID));
        given().get("/api/v2/incidents/unresolved.json").then().statusCode(200)
                .body("incidents.id", hasItem(id))
                .body("incidents.status", everyItem(in(List.of("investigating", "identified", "monitoring"))))
                .body("incidents.impact", everyItem(in(List.of("none", "minor", "major", "critical"))))
                .body("incidents.find { it.id == '" + id + "' }.status", equalTo("identified"))
                .body("incidents.find { it.id == '" + id + "' }.shortlink", equalTo("http://localhost:8081/hendelser/" + id))
                .body("incidents.find { it.id == '" + id + "' }.incident_updates[0].body", equalTo(XSS_UPDATE))
                .body("incidents.find { it.id == '" + id + "' }.incident_updates[0]", hasKey("affected_components"))
                .body("incidents.find { it.id == '" + id + "' }.components[0].id", equalTo("web-c"));
        given().get("/api/v2/incidents.json").then().statusCode(200).body("incidents.id", hasItem(id));
        given().get("/api/v2/scheduled-maintenances.json").then().statusCode(200)
                .body("scheduled_maintenances", notNullValue());

        // Resolved: leaves the unresolved list, stays in incidents.json, in the archive and at its stable URL
        staff().body("{\"text\":\"Rettet\"}").post("/api/v1/incidents/" + id + "/resolve").then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> !given().get("/api/v2/incidents/unresolved.json")
                .jsonPath().getList("incidents.id").contains(id));
        given().get("/api/v2/incidents.json").then()
                .body("incidents.find { it.id == '" + id + "' }.status", equalTo("resolved"))
                .body("incidents.find { it.id == '" + id + "' }.resolved_at", notNullValue());
        given().get("/historikk").then().statusCode(200).body(containsString("/hendelser/" + id));
        given().get("/hendelser/" + id).then().statusCode(200);
        given().get("/historikk?maned=tull").then().statusCode(400);
    }

    @Test
    void atomFeedAndBadges() throws Exception {
        String id = hostileIncident("web-d");
        Response r = given().get("/feed.atom");
        r.then().statusCode(200).contentType(startsWith("application/atom+xml"));
        // As feed readers see it (ROME): an Atom 1.0 feed whose entries link to the stable incident pages
        com.rometools.rome.feed.synd.SyndFeed synd = new com.rometools.rome.io.SyndFeedInput()
                .build(new java.io.StringReader(r.asString()));
        assertEquals("atom_1.0", synd.getFeedType());
        assertTrue(synd.getEntries().stream().anyMatch(e -> e.getLink().equals("http://localhost:8081/hendelser/" + id)
                && e.getTitle().contains(XSS_TITLE)), "the incident, its title as plain text");
        Document doc = xml(r.asString());
        Element feed = doc.getDocumentElement();
        assertEquals("http://www.w3.org/2005/Atom", feed.getNamespaceURI());
        for (String required : List.of("id", "title", "updated")) {
            assertEquals(1, children(feed, required), "feed has one " + required);
        }
        NodeList entries = feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        boolean found = false;
        for (int i = 0; i < entries.getLength(); i++) {
            Element e = (Element) entries.item(i);
            for (String required : List.of("id", "title", "updated")) {
                assertEquals(1, children(e, required), "entry has one " + required);
            }
            found |= e.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "id").item(0).getTextContent()
                    .endsWith("/hendelser/" + id);
        }
        assertTrue(found, "the incident is in the feed");

        given().get("/badge/core.svg").then().statusCode(200).contentType(startsWith("image/svg+xml"))
                .body(containsString("Kjernenett"));
        xml(given().get("/badge/core.svg").asString());
        given().get("/badge/ghost.svg").then().statusCode(404).body(containsString("ghost"));
    }

    @Test
    void theLiveStreamAnnouncesChanges() throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL("http://localhost:8081/live").openConnection();
        c.setReadTimeout(20_000);
        assertEquals(200, c.getResponseCode());
        assertTrue(c.getContentType().startsWith("text/event-stream"), c.getContentType());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("retry: 5000", in.readLine());
            assertEquals("event: changed", in.readLine());
            long first = Long.parseLong(in.readLine().substring("data: ".length()));
            in.readLine();
            // A change customers can see: a new confirmed incident
            staff().body(Map.of("component", "web-e", "title", "Live " + UUID.randomUUID(), "text", "Meldt"))
                    .post("/api/v1/incidents").then().statusCode(201);
            String line;
            long next = first;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    next = Long.parseLong(line.substring(6));
                    break;
                }
            }
            assertTrue(next > first, "a newer version: " + first + " -> " + next);
        } finally {
            c.disconnect();
        }
    }

    @Test
    void theReportFormCreatesACustomerSignalAndCatchesRobots() {
        given().get("/meld-fra").then().statusCode(200).body(containsString("name=\"komponent\""))
                .body(containsString("name=\"nettsted\""));
        String marker = "Reseptformidleren svarer ikke " + UUID.randomUUID();
        try (TopicReader signals = new TopicReader(Topics.SIGNALS.name())) {
            // A person: one signal from source customer-report
            given().contentType("application/x-www-form-urlencoded").formParam("komponent", "web-b")
                    .formParam("beskrivelse", marker).formParam("nettsted", "")
                    .post("/meld-fra").then().statusCode(202).body(containsString("Takk!"));
            await().atMost(Duration.ofSeconds(10)).until(() -> signals.poll().stream()
                    .anyMatch(rec -> rec.value().contains(marker) && rec.value().contains("\"source\":\"customer-report\"")));
            // A robot filling the hidden field: the same answer, nothing sent
            String robot = "Kjøp billige klokker " + UUID.randomUUID();
            given().contentType("application/x-www-form-urlencoded").formParam("komponent", "web-b")
                    .formParam("beskrivelse", robot).formParam("nettsted", "http://spam.example")
                    .post("/meld-fra").then().statusCode(202);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> signals.poll().stream()
                    .noneMatch(rec -> rec.value().contains(robot)));
        }
        // Errors name what is wrong, and keep what was typed (escaped)
        given().contentType("application/x-www-form-urlencoded").formParam("komponent", "ghost")
                .formParam("beskrivelse", "<b>fet</b>").post("/meld-fra").then().statusCode(400)
                .body(containsString("Velg tjenesten")).body(containsString("&lt;b&gt;fet&lt;/b&gt;"));
        // A customer report never changes the status driftsweb shows
        given().get("/api/v2/components.json").then().body("components.find { it.id == 'web-b' }.status",
                equalTo("operational"));
    }

    @Test
    void plannedMaintenanceOnThePageInTheCalendarAndInStatuspageJson() throws Exception {
        Instant now = Instant.now();
        String ongoing = staff().body(Map.of("title", "Oppgradering av Nettside F", "description",
                        "Nettside F oppgraderes; korte avbrudd, forventet.", "components", List.of("web-f"),
                        "startsAt", now.minusSeconds(60).toString(), "endsAt", now.plusSeconds(3600).toString()))
                .post("/api/v1/maintenance").then().statusCode(201).extract().jsonPath().getString("id");
        String later = staff().body(Map.of("title", "Bytte av ruter; kjerne, nett", "description", "Planlagt arbeid",
                        "components", List.of("web-f"), "startsAt", now.plusSeconds(86_400).toString(),
                        "endsAt", now.plusSeconds(90_000).toString()))
                .post("/api/v1/maintenance").then().statusCode(201).extract().jsonPath().getString("id");
        String cancelled = staff().body(Map.of("title", "Avlyst arbeid", "description", "Avlyses",
                        "components", List.of("web-f"), "startsAt", now.plusSeconds(7_200).toString(),
                        "endsAt", now.plusSeconds(9_000).toString()))
                .post("/api/v1/maintenance").then().statusCode(201).extract().jsonPath().getString("id");
        staff().post("/api/v1/maintenance/" + cancelled + "/cancel").then().statusCode(200)
                .body("cancelledAt", notNullValue());

        // Bad input is named; only staff may plan
        staff().body(Map.of("title", "x", "description", "y", "components", List.of("ghost"), "startsAt",
                now.toString(), "endsAt", now.plusSeconds(60).toString())).post("/api/v1/maintenance").then()
                .statusCode(404).body("field", equalTo("components"));
        staff().body(Map.of("title", "x", "description", "y", "components", List.of("web-f"), "startsAt",
                now.toString(), "endsAt", now.minusSeconds(60).toString())).post("/api/v1/maintenance").then()
                .statusCode(400).body("field", equalTo("endsAt"));
        given().contentType("application/json").body("{}").post("/api/v1/maintenance").then().statusCode(401);

        // The page: the work is listed, the component is under maintenance
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            String page = given().get("/").asString();
            return page.contains("data-maintenance=\"" + ongoing + "\"") && page.contains("data-maintenance=\"" + later
                    + "\"") && !page.contains("data-maintenance=\"" + cancelled + "\"")
                    && page.contains("data-component=\"web-f\" data-status=\"under_maintenance\"");
        });

        // Statuspage JSON: the same windows with Statuspage's statuses
        given().get("/api/v2/scheduled-maintenances/active.json").then().statusCode(200)
                .body("scheduled_maintenances.id", hasItem(ongoing))
                .body("scheduled_maintenances.find { it.id == '" + ongoing + "' }.status", equalTo("in_progress"))
                .body("scheduled_maintenances.find { it.id == '" + ongoing + "' }.impact", equalTo("maintenance"))
                .body("scheduled_maintenances.find { it.id == '" + ongoing + "' }.scheduled_for", notNullValue());
        given().get("/api/v2/scheduled-maintenances/upcoming.json").then()
                .body("scheduled_maintenances.id", hasItem(later))
                .body("scheduled_maintenances.id", not(hasItem(cancelled)));
        given().get("/api/v2/components.json").then()
                .body("components.find { it.id == 'web-f' }.status", equalTo("under_maintenance"));

        // The calendar: well-formed iCalendar with CRLF lines, escaped text, cancellation marked
        Response ics = given().get("/vedlikehold.ics");
        ics.then().statusCode(200).contentType(startsWith("text/calendar"));
        String text = ics.asString();
        assertTrue(text.endsWith("\r\n") && !text.replace("\r\n", "").contains("\n"), "every line ends in CRLF");
        net.fortuna.ical4j.model.Calendar cal = new net.fortuna.ical4j.data.CalendarBuilder()
                .build(new java.io.StringReader(text));
        List<net.fortuna.ical4j.model.component.CalendarComponent> events = cal.getComponents("VEVENT");
        assertEquals("Oppgradering av Nettside F", prop(event(events, ongoing), "SUMMARY"));
        assertEquals("CONFIRMED", prop(event(events, ongoing), "STATUS"));
        assertEquals("Bytte av ruter; kjerne, nett", prop(event(events, later), "SUMMARY"),
                "escaped ; and , survive a round trip");
        assertEquals("CANCELLED", prop(event(events, cancelled), "STATUS"));
        assertTrue(prop(event(events, ongoing), "DTSTART").endsWith("Z"), "times in UTC");

        // The Atom feed lists maintenance too, cancellations marked
        com.rometools.rome.feed.synd.SyndFeed atom = new com.rometools.rome.io.SyndFeedInput()
                .build(new java.io.StringReader(given().get("/feed.atom").asString()));
        assertTrue(atom.getEntries().stream().anyMatch(e -> e.getUri().endsWith("/vedlikehold/" + ongoing)
                && e.getTitle().contains("Oppgradering av Nettside F")), "maintenance in the Atom feed");
        assertTrue(atom.getEntries().stream().anyMatch(e -> e.getUri().endsWith("/vedlikehold/" + cancelled)
                && e.getTitle().startsWith("Avlyst")), "a cancellation in the Atom feed");

        staff().post("/api/v1/maintenance/" + ongoing + "/cancel").then().statusCode(200);
        staff().post("/api/v1/maintenance/VED-999999/cancel").then().statusCode(404);
    }

    private static net.fortuna.ical4j.model.component.CalendarComponent event(
            List<net.fortuna.ical4j.model.component.CalendarComponent> events, String id) {
        return events.stream().filter(e -> prop(e, "UID").startsWith(id + "@")).findFirst().orElseThrow();
    }

    private static String prop(net.fortuna.ical4j.model.component.CalendarComponent c, String name) {
        return c.getProperty(name).map(p -> ((net.fortuna.ical4j.model.Property) p).getValue()).orElse("");
    }

    private static int children(Element parent, String name) {
        int n = 0;
        for (org.w3c.dom.Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && name.equals(e.getLocalName())) {
                n++;
            }
        }
        return n;
    }

    private static Document xml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
