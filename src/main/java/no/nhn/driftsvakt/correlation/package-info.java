/**
 * Correlation: related incidents become one problem. {@link no.nhn.driftsvakt.correlation.Correlator} is a pure
 * function of the set of incidents, the catalog and staff decisions, so any order of arrival gives the same
 * problems.
 */
package no.nhn.driftsvakt.correlation;
