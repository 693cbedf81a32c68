package no.nhn.driftsvakt.catalog;

/** Whether a component is a service customers use or infrastructure services run on. */
public enum ComponentKind {
    SERVICE, INFRASTRUCTURE
}
