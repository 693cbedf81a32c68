package no.nhn.driftsvakt.probe;

import java.time.Instant;

/**
 * One probe run, as published on {@code driftsvakt.probe-results} (key: check id).
 *
 * @param location the probe location (network zone) that ran it
 */
public record ProbeResult(String checkId, String componentId, String type, String location, boolean ok,
                          FailureReason reason, long latencyMs, String detail, Integer certDaysLeft, Instant at) {
}
