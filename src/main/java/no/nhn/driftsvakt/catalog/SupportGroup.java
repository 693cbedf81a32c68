package no.nhn.driftsvakt.catalog;

/** A technical group that owns an area: 2nd line (e.g. network) or 3rd line (e.g. DMVPN specialists). */
public record SupportGroup(String id, String name, int line, String contact) {
}
