package no.nhn.driftsvakt.notify.template;

/**
 * How many SMS segments a text takes: GSM-7 (160 septets, 153 per part when split; the extension characters
 * count twice) when every character is in the GSM 03.38 alphabet — which has æ, ø and å — else UCS-2 (70 UTF-16
 * units, 67 per part).
 */
public final class SmsSegments {

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "\f^{}\\[~]|€";

    /** @param gsm7 whether the text fits the GSM-7 alphabet; units are septets (GSM-7) or UTF-16 units (UCS-2) */
    public record Count(boolean gsm7, int units, int segments) {
    }

    private SmsSegments() {
    }

    public static Count count(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) >= 0) {
                septets++;
            } else if (EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                int units = text.length();
                return new Count(false, units, units <= 70 ? 1 : (units + 66) / 67);
            }
        }
        return new Count(true, septets, septets <= 160 ? 1 : (septets + 152) / 153);
    }
}
