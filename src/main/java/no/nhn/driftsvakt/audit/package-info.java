/**
 * The audit log: every staff change and every read of subscriber data, append-only in PostgreSQL, visible to and
 * exportable by admins.
 */
package no.nhn.driftsvakt.audit;
