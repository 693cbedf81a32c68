/**
 * ITIL problems: the correlator's groups stored with their lifecycle (new, analysing, known error, resolved,
 * closed), root cause, workaround and linked incidents; changes announced on {@code driftsvakt.problems}
 * through the outbox.
 */
package no.nhn.driftsvakt.problem;
