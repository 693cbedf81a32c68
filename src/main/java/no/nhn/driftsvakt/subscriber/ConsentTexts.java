package no.nhn.driftsvakt.subscriber;

/**
 * The texts people agree to, versioned: a consent record stores the version and the exact text shown, so what
 * someone agreed to can always be shown later even after the wording changes.
 */
public final class ConsentTexts {

    public static final String VERSION = "2026-11-v1";

    private ConsentTexts() {
    }

    /** What a contact agrees to by confirming. */
    public static String optIn(String language) {
        return "en".equals(language)
                ? "I want service notices from Norsk Helsenett (NHN) about the services my organisation uses, by the "
                        + "channels I confirm. I can stop them at any time from any message."
                : "Jeg vil ha driftsmeldinger fra Norsk Helsenett (NHN) om tjenestene virksomheten min bruker, på "
                        + "kanalene jeg bekrefter. Jeg kan avslutte når som helst fra hver melding.";
    }

    public static String optOut(String language) {
        return "en".equals(language) ? "I no longer want service notices from NHN on this channel."
                : "Jeg vil ikke lenger ha driftsmeldinger fra NHN på denne kanalen.";
    }

    /** The SMS with the confirmation code (GSM-7, one segment). */
    public static String smsCode(String language, String code) {
        return "en".equals(language)
                ? "NHN service notices: your code is " + code + ". Valid for 24 hours. Not you? Ignore this message."
                : "NHN driftsmeldinger: koden din er " + code + ". Gyldig i 24 timer. Ikke deg? Se bort fra meldingen.";
    }

    public static String emailSubject(String language) {
        return "en".equals(language) ? "Confirm service notices from NHN" : "Bekreft driftsmeldinger fra NHN";
    }

    public static String emailBody(String language, String link) {
        return "en".equals(language)
                ? optIn("en") + "\n\nConfirm within 24 hours: " + link + "\n\nNot you? Ignore this e-mail and nothing "
                        + "happens.\nCustomer centre: +47 02017, kundesenter@nhn.no\n"
                : optIn("nb") + "\n\nBekreft innen 24 timer: " + link + "\n\nIkke deg? Se bort fra e-posten, så skjer "
                        + "ingenting.\nKundesenteret: 02017, kundesenter@nhn.no\n";
    }
}
