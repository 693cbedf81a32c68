/**
 * Probes: HTTP(S), TCP, DNS and heartbeat checks run on non-blocking I/O, scheduled on the replica that owns
 * the check's partition of the probe consumer group, with results published to {@code driftsvakt.probe-results}.
 */
package no.nhn.driftsvakt.probe;
