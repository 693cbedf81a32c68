/**
 * The embedded default: an in-process Kafka broker (KRaft) and PostgreSQL (real binaries), and simulated
 * endpoints for the demo catalog. Compiled into the application only with {@code -Dembedded}; in the default
 * (production) build this is test code, so the production artifact carries no broker or database.
 */
package no.nhn.driftsvakt.embedded;
