package no.nhn.driftsvakt.probe;

/** Why a probe failed; a tag on the failure metric and a field of every result. */
public enum FailureReason {
    NONE,
    TIMEOUT,
    CONNECTION_FAILED,
    UNEXPECTED_STATUS,
    BODY_MISMATCH,
    JSON_MISMATCH,
    TOO_SLOW,
    TLS_EXPIRING,
    TLS_ERROR,
    DNS_FAILURE,
    DNS_MISMATCH,
    HEARTBEAT_MISSED,
    /** A supplier's own status page says its service is degraded (or partly down). */
    SUPPLIER_DEGRADED,
    /** A supplier's own status page says its service is down. */
    SUPPLIER_OUTAGE,
    /** A supplier's status page could not be fetched or read: no evidence either way (not published). */
    SUPPLIER_UNREADABLE,
    ERROR
}
