/**
 * Opening hours and Norwegian public holidays: when the customer centre is open, which notify windows are
 * open, and when staff alerts go to the on-call rather than the Incident Manager on duty. Pure.
 */
package no.nhn.driftsvakt.hours;
