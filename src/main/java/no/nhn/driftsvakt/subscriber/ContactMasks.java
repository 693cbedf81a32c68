package no.nhn.driftsvakt.subscriber;

/** Phone numbers and e-mail addresses as logs and the local outbox may show them. */
public final class ContactMasks {

    private ContactMasks() {
    }

    /** {@code +4791234567} → {@code +47••••••67}. */
    public static String phone(String e164) {
        if (e164 == null || e164.length() < 6) {
            return "•••";
        }
        return e164.substring(0, 3) + "•".repeat(e164.length() - 5) + e164.substring(e164.length() - 2);
    }

    /** {@code kari.nordmann@legesenteret.no} → {@code k•••@l•••.no}. */
    public static String email(String address) {
        if (address == null) {
            return "•••";
        }
        int at = address.indexOf('@');
        int dot = address.lastIndexOf('.');
        if (at < 1 || dot < at + 2) {
            return "•••";
        }
        return address.charAt(0) + "•••@" + address.charAt(at + 1) + "•••" + address.substring(dot);
    }
}
