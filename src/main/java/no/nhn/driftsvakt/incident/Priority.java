package no.nhn.driftsvakt.incident;

/**
 * ITIL priority from impact and urgency.
 * <pre>
 *             urgency high   urgency medium
 * impact high      P1             P2
 * impact medium    P2             P3
 * impact low       P3             P4
 * </pre>
 */
public enum Priority {
    P1, P2, P3, P4;

    /** How many customers a failure reaches. */
    public enum Impact {
        HIGH, MEDIUM, LOW
    }

    /** How bad it is for them: an outage or a degradation. */
    public enum Urgency {
        HIGH, MEDIUM
    }

    public static Priority of(Impact impact, Urgency urgency) {
        return switch (impact) {
            case HIGH -> urgency == Urgency.HIGH ? P1 : P2;
            case MEDIUM -> urgency == Urgency.HIGH ? P2 : P3;
            case LOW -> urgency == Urgency.HIGH ? P3 : P4;
        };
    }
}
