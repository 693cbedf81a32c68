package no.nhn.driftsvakt.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.notify.template.MessageRenderer;

class MessageRendererTest {

    static final MessageRenderer R = new MessageRenderer(MessageRenderer.standaloneEngine());
    static final String LINK = "https://driftsweb.nhn.no/hendelser/PRB-000042";
    static final String OPT_OUT = "https://driftsweb.nhn.no/avmelding/4Yc9xT2q";

    static MessageRenderer.Input input(TransitionKind kind, String lang, List<String> services) {
        return new MessageRenderer.Input(kind, lang, "PRB-000042", "Feil i kjernenett Oslo", services,
                List.of("Feilsøking pågår."), null, LINK, OPT_OUT);
    }

    @Test
    void publishedSmsInBokmalFitsOneSegmentAndOffersStop() {
        MessageRenderer.Sms sms = R.sms(input(TransitionKind.PUBLISHED, "nb", List.of("E-resept", "EDI")));
        assertEquals("NHN driftsmelding: Feil på E-resept og EDI. Vi jobber med saken. " + LINK
                + " Avslutt: svar STOPP", sms.text());
        assertTrue(sms.segments().gsm7());
        assertEquals(1, sms.segments().segments());
    }

    @Test
    void manyServicesAreShortenedToStayInOneSegment() {
        List<String> many = List.of("Adresseregisteret", "Helsenett e-post", "EDI-meldingsutveksling", "E-resept",
                "HelseID", "Videokonsultasjon", "DMVPN hub Oslo", "DMVPN hub Bergen");
        MessageRenderer.Sms sms = R.sms(input(TransitionKind.RESOLVED, "nb", many));
        assertEquals(1, sms.segments().segments(), sms.text());
        assertTrue(sms.text().contains(" til virker igjen"), sms.text());
        assertTrue(sms.text().startsWith("NHN: Adresseregisteret, "), sms.text());
    }

    @Test
    void englishSms() {
        MessageRenderer.Sms sms = R.sms(input(TransitionKind.RESOLVED, "en", List.of("HelseID")));
        assertEquals("NHN: HelseID working again. " + LINK + " Stop: reply STOP", sms.text());
    }

    @Test
    void emailHasTextAndEscapedHtmlWithTheOptOutLink() {
        MessageRenderer.Input in = new MessageRenderer.Input(TransitionKind.PUBLISHED, "nb", "PRB-000042",
                "Ruter <script>alert(1)</script> nede", List.of("EDI"), List.of("Oppdatering & mer"), null, LINK,
                OPT_OUT);
        MessageRenderer.Email e = R.email(in);
        assertEquals("Driftsforstyrrelse: EDI", e.subject());
        assertTrue(e.text().contains("- EDI"), e.text());
        assertTrue(e.text().contains("Avslutt abonnementet: " + OPT_OUT), e.text());
        assertTrue(e.html().contains("&lt;script&gt;"), e.html());
        assertFalse(e.html().contains("<script>"), e.html());
        assertTrue(e.html().contains("Oppdatering &amp; mer"), e.html());
        assertTrue(e.html().contains("href=\"" + OPT_OUT + "\""), e.html());
        assertTrue(R.email(input(TransitionKind.UPDATE, "en", List.of("EDI"))).text()
                .startsWith("New update on the disruption"));
    }
}
