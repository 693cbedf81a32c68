/**
 * The detector: turns the stream of probe results into state changes (signals), applying per-check thresholds
 * and flapping detection. The decision logic is pure ({@link no.nhn.driftsvakt.detector.CheckStateMachine}).
 */
package no.nhn.driftsvakt.detector;
