package no.nhn.driftsvakt.notify;

import java.util.Set;

/**
 * One ledger row as the planner needs it: what was decided for one recipient, subject, transition and channel.
 *
 * @param transition {@code <kind>#<n>}
 * @param state      the row's state: planned, held, sending, retry, sent, delivered, undelivered, failed,
 *                   suppressed, skipped, dropped
 */
public record LedgerEntry(String transition, TransitionKind kind, Channel channel, String state, Set<String> services,
                          long updateId) {
    public LedgerEntry {
        services = Set.copyOf(services);
    }

    /** On its way or gone: the recipient has (or will have) been told. */
    public boolean delivering() {
        return switch (state) {
            case "planned", "sending", "retry", "sent", "delivered", "undelivered", "unknown" -> true;
            default -> false;
        };
    }
}
