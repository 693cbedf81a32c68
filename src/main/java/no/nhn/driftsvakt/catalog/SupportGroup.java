package no.nhn.driftsvakt.catalog;

/**
 * A technical group that owns an area: 2nd line (e.g. network) or 3rd line (e.g. DMVPN specialists).
 *
 * @param contact     who is told when an incident is assigned to the group (an e-mail address or phone number of a
 *                    registered staff contact); empty when none
 * @param escalatesTo the 3rd-line group a 2nd-line group escalates to (functional escalation); null when none
 */
public record SupportGroup(String id, String name, int line, String contact, String escalatesTo) {

    /** The name with its line, e.g. "Nettverk (2. linje)"; just the name when it says its line already. */
    public String label() {
        return name.contains(lineNb()) ? name : name + " (" + lineNb() + ")";
    }

    /** "2. linje" / "3. linje". */
    public String lineNb() {
        return line + ". linje";
    }

    /** "2nd line" / "3rd line". */
    public String lineEn() {
        return line == 2 ? "2nd line" : line == 3 ? "3rd line" : line + "th line";
    }
}
