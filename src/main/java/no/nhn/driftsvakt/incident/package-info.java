/**
 * ITIL incidents: signals open, join and resolve incidents (pure {@link no.nhn.driftsvakt.incident.IncidentEngine});
 * each change and its event are stored in one transaction with the outbox; staff act on them through the API.
 */
package no.nhn.driftsvakt.incident;
