package no.nhn.driftsvakt.catalog;

/** CDI event fired after a new valid catalog has been swapped in. */
public record CatalogChanged(Catalog previous, Catalog current) {
}
