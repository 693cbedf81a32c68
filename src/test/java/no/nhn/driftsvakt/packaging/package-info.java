/**
 * Tests of the packaged production artifact ({@code target/quarkus-app}), run by Failsafe after
 * {@code package}: what it contains, and how it behaves as a process against a real broker and database.
 */
package no.nhn.driftsvakt.packaging;
