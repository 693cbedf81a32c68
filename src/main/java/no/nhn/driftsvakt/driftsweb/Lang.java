package no.nhn.driftsvakt.driftsweb;

/** Driftsweb's languages: bokmål first, English as the switch. */
public enum Lang {
    NB("nb"), EN("en");

    private final String code;

    Lang(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean en() {
        return this == EN;
    }

    /** The other language, for the switch link. */
    public Lang other() {
        return this == NB ? EN : NB;
    }

    /** {@code en} (any case) is English; anything else, or nothing, is bokmål. */
    public static Lang of(String code) {
        return code != null && code.trim().equalsIgnoreCase("en") ? EN : NB;
    }

    /** Picks one of two texts. */
    public String pick(String nb, String en) {
        return this == EN ? en : nb;
    }
}
