package no.nhn.driftsvakt.status;

import java.time.Instant;

/** The most recent probe of a check, for "last checked" on driftsweb. */
public record LastCheck(String checkId, String componentId, String location, boolean ok, long latencyMs,
                        String detail, Instant at) {
}
