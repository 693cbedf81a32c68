package no.nhn.driftsvakt.notify;

import java.time.Instant;
import java.util.Set;

/**
 * One planner decision for one recipient, subject, transition and channel.
 *
 * @param services  the recipient's affected services the message names (empty for resolved)
 * @param notBefore when a held message may go (null unless held)
 */
public record Decision(String subscriberId, String subjectId, Channel channel, TransitionKind kind, String transition,
                       Set<String> services, long updateId, Reason reason, Instant notBefore) {
    public Decision {
        services = Set.copyOf(services);
    }

    /** The ledger row's state this decision leads to. */
    public String ledgerState() {
        return switch (reason) {
            case SEND, RELEASED -> "planned";
            case HELD_OUTSIDE_WINDOW -> "held";
            case DROPPED_RESOLVED_WHILE_HELD, DROPPED_SUPERSEDED -> "dropped";
            case SUPPRESSED_SMS_RATE_LIMIT, SUPPRESSED_SMS_NOT_FOR_UPDATES, SUPPRESSED_MAINTENANCE -> "suppressed";
            default -> "skipped";
        };
    }

    /**
     * Whether the decision goes into the ledger. A suppression for maintenance does not: it is counted and logged,
     * but decides nothing for good (the subject is planned again when the work ends).
     */
    public boolean stored() {
        return reason != Reason.SUPPRESSED_MAINTENANCE;
    }

    /** Whether this decision changes an existing (held) row rather than adding one. */
    public boolean changesHeld() {
        return reason == Reason.RELEASED || reason == Reason.DROPPED_RESOLVED_WHILE_HELD
                || reason == Reason.DROPPED_SUPERSEDED;
    }
}
