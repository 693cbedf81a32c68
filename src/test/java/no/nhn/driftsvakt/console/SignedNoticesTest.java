package no.nhn.driftsvakt.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SignedNoticesTest {

    @Test
    void noticesThisServiceWroteStayAndOthersAreDropped() {
        String signed = SignedNotices.signed("ok=INC-7+bekreftet&gruppe=apotek");
        assertTrue(signed.startsWith("ok=INC-7+bekreftet&gruppe=apotek&sig="), signed);
        assertEquals(signed, SignedNotices.verified(signed));

        assertEquals("gruppe=apotek", SignedNotices.verified("ok=Ring+99999999&gruppe=apotek"), "unsigned");
        String forged = signed.replace("INC-7", "INC-8");
        assertEquals("gruppe=apotek", SignedNotices.verified(forged), "signed for another text");
        assertEquals("gruppe=apotek", SignedNotices.verified(signed.replace("ok=", "feil=")), "moved to another notice");
        assertEquals("q=x", SignedNotices.verified("q=x"), "nothing to check");
        assertEquals("q=x", SignedNotices.signed("q=x"));
    }
}
