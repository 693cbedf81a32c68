/**
 * Shared plumbing kept small: the one list of Kafka topics, topic creation, the clock, problem responses
 * and machine-client token checks.
 */
package no.nhn.driftsvakt.platform;
