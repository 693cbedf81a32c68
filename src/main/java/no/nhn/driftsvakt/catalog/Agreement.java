package no.nhn.driftsvakt.catalog;

/** A customer group's service agreement: standard opening hours, or extended (24/7 on-call). */
public enum Agreement {
    STANDARD, EXTENDED
}
