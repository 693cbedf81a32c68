package no.nhn.driftsvakt.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.catalog.CheckSpec.SupplierFormat;
import no.nhn.driftsvakt.probe.SupplierStatusReader.Level;

class SupplierStatusReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    static String summary(String apiStatus, String indicator) {
        return """
                {"page":{"id":"x","name":"Acme","url":"https://status.acme.example","time_zone":"Etc/UTC"},
                 "components":[{"id":"c1","name":"API","status":"%s"},{"id":"c2","name":"Web","status":"operational"}],
                 "incidents":[],"scheduled_maintenances":[],
                 "status":{"indicator":"%s","description":"Something"}}""".formatted(apiStatus, indicator);
    }

    private static SupplierStatusReader.Reading read(SupplierFormat f, String body, String component) {
        return SupplierStatusReader.read(f, body.getBytes(StandardCharsets.UTF_8), Optional.ofNullable(component), NOW);
    }

    @Test
    void statuspageComponentStatusesMapToThreeLevels() {
        assertEquals(Level.UP, read(SupplierFormat.STATUSPAGE, summary("operational", "none"), "API").level());
        assertEquals(Level.UP, read(SupplierFormat.STATUSPAGE, summary("under_maintenance", "maintenance"), "api").level());
        assertEquals(Level.DEGRADED, read(SupplierFormat.STATUSPAGE, summary("degraded_performance", "minor"), "API").level());
        assertEquals(Level.DEGRADED, read(SupplierFormat.STATUSPAGE, summary("partial_outage", "major"), "c1").level());
        SupplierStatusReader.Reading down = read(SupplierFormat.STATUSPAGE, summary("major_outage", "critical"), "API");
        assertEquals(Level.DOWN, down.level());
        assertEquals("Acme: API major outage", down.text());
    }

    @Test
    void withoutAComponentThePageIndicatorCounts() {
        assertEquals(Level.UP, read(SupplierFormat.STATUSPAGE, summary("major_outage", "none"), null).level());
        assertEquals(Level.DEGRADED, read(SupplierFormat.STATUSPAGE, summary("operational", "major"), null).level());
        assertEquals(Level.DOWN, read(SupplierFormat.STATUSPAGE, summary("operational", "critical"), null).level());
    }

    @Test
    void unreadablePagesSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read(SupplierFormat.STATUSPAGE,
                summary("operational", "none"), "Database")).getMessage().contains("no component 'Database'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read(SupplierFormat.STATUSPAGE, "<html>",
                null)).getMessage().startsWith("not Statuspage JSON"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read(SupplierFormat.STATUSPAGE,
                summary("operational", "purple"), null)).getMessage().contains("'purple'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read(SupplierFormat.ATOM, "{}", null))
                .getMessage().startsWith("not an XML feed"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read(SupplierFormat.ATOM,
                "<rss version=\"2.0\"><channel/></rss>", null)).getMessage().contains("not an Atom feed"));
    }

    @Test
    void externalEntitiesAreRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>&x;</title></entry></feed>";
        assertThrows(IllegalArgumentException.class, () -> read(SupplierFormat.ATOM, xxe, null));
    }

    static String atom(String title, String updated) {
        return "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Acme status</title>"
                + "<entry><title>" + title + "</title><updated>" + updated + "</updated><content type=\"html\">"
                + "We are looking into it</content></entry>"
                + "<entry><title>Old: Web slow</title><updated>2026-11-20T10:00:00Z</updated></entry></feed>";
    }

    @Test
    void aFeedFailsWhileItsNewestRecentEntryIsNotResolved() {
        assertEquals(Level.DEGRADED, read(SupplierFormat.ATOM, atom("API errors", "2026-11-27T11:30:00Z"), null).level());
        assertEquals("API errors", read(SupplierFormat.ATOM, atom("API errors", "2026-11-27T11:30:00Z"), null).text());
        assertEquals(Level.UP, read(SupplierFormat.ATOM, atom("Resolved: API errors", "2026-11-27T11:30:00Z"), null)
                .level());
        assertEquals(Level.UP, read(SupplierFormat.ATOM, atom("API errors", "2026-11-25T11:30:00Z"), null).level(),
                "older than a day: not an ongoing incident");
        assertEquals(Level.UP, read(SupplierFormat.ATOM, atom("API errors", "2026-11-27T11:30:00Z"), "Database")
                .level(), "entries about other components do not count");
        String rss = "<rss version=\"2.0\"><channel><title>Acme</title><item><title>Database degraded</title>"
                + "<pubDate>Fri, 27 Nov 2026 11:00:00 GMT</pubDate><description>Investigating</description></item>"
                + "</channel></rss>";
        assertEquals(Level.DEGRADED, read(SupplierFormat.RSS, rss, "database").level());
        assertEquals(Level.UP, read(SupplierFormat.RSS, rss.replace("Investigating", "Løst"), null).level());
    }
}
