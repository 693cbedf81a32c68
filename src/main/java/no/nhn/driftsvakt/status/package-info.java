/**
 * Status projection: each component's own status from its signals, published to the compacted
 * {@code driftsvakt.status}; every replica reads that topic in full into an in-memory view and derives the
 * effective status through the dependency graph.
 */
package no.nhn.driftsvakt.status;
