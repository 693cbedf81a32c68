/** Signals: state changes about a component, from the detector or from external monitors. */
package no.nhn.driftsvakt.signal;
