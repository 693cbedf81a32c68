package no.nhn.driftsvakt.probe;

/**
 * What one probe found.
 *
 * @param detail       a short, safe explanation (no secrets, no personal data)
 * @param certDaysLeft days until the server certificate expires, for https; null otherwise
 */
public record ProbeOutcome(boolean ok, FailureReason reason, long latencyMs, String detail, Integer certDaysLeft) {

    public static ProbeOutcome success(long latencyMs) {
        return new ProbeOutcome(true, FailureReason.NONE, latencyMs, "ok", null);
    }

    public static ProbeOutcome failure(FailureReason reason, long latencyMs, String detail) {
        return new ProbeOutcome(false, reason, latencyMs, detail, null);
    }

    public ProbeOutcome withCertDaysLeft(Integer days) {
        return new ProbeOutcome(ok, reason, latencyMs, detail, days);
    }
}
