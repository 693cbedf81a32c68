package no.nhn.driftsvakt.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NotificationsPageTest {

    @Test
    void providerErrorsAreShownWithAddressesAndPhoneNumbersMasked() {
        assertEquals("550 5.1.1 <•••@•••>: user unknown", NotificationsPage.masked("550 5.1.1 <kari.nordmann@lege.no>: user unknown"));
        assertEquals("twilio 21614: ••• is not a mobile number", NotificationsPage.masked("twilio 21614: +4791234567 is not a mobile number"));
        assertEquals("to ••• failed", NotificationsPage.masked("to 912 34 567 failed"));
        assertEquals("HTTP 503 at 2026-11-27 09:00:05", NotificationsPage.masked("HTTP 503 at 2026-11-27 09:00:05"));
        assertNull(NotificationsPage.masked(null));
    }

    @Test
    void sinceIsADateOrADateAndTimeInNorwegianTime() {
        assertEquals(Instant.parse("2026-06-30T22:00:00Z"), NotificationsPage.instant("2026-07-01"));
        assertEquals(Instant.parse("2026-11-27T08:30:00Z"), NotificationsPage.instant("2026-11-27T09:30"));
        assertNull(NotificationsPage.instant("i går"));
    }

    @Test
    void linksKeepTheFiltersThatAreSet() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("sak", "INC-000001");
        f.put("kanal", null);
        f.put("tilstand", "sent");
        assertEquals("/console/varsler?sak=INC-000001&tilstand=sent", NotificationsPage.href(f));
        assertEquals("/console/varsler", NotificationsPage.href(Map.of()));
    }
}
