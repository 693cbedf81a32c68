package no.nhn.driftsvakt.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.notify.template.SmsSegments;

class SmsSegmentsTest {

    @Test
    void norwegianLettersAreGsm7() {
        SmsSegments.Count c = SmsSegments.count("Feil på e-resept og EDI. Vi jobber med saken. Æ Ø Å æ ø å");
        assertTrue(c.gsm7());
        assertEquals(1, c.segments());
    }

    @Test
    void gsm7SplitsAt160And153() {
        assertEquals(1, SmsSegments.count("a".repeat(160)).segments());
        assertEquals(2, SmsSegments.count("a".repeat(161)).segments());
        assertEquals(2, SmsSegments.count("a".repeat(306)).segments());
        assertEquals(3, SmsSegments.count("a".repeat(307)).segments());
    }

    @Test
    void extensionCharactersCountTwice() {
        SmsSegments.Count c = SmsSegments.count("€".repeat(80));
        assertTrue(c.gsm7());
        assertEquals(160, c.units());
        assertEquals(1, c.segments());
        assertEquals(2, SmsSegments.count("€".repeat(81)).segments());
    }

    @Test
    void anythingElseIsUcs2() {
        SmsSegments.Count c = SmsSegments.count("Driftsmelding ✓");
        assertFalse(c.gsm7());
        assertEquals(1, c.segments());
        assertEquals(2, SmsSegments.count("✓".repeat(71)).segments());
        assertEquals(3, SmsSegments.count("✓".repeat(135)).segments());
    }
}
