package no.nhn.driftsvakt.notify;

import java.util.Set;

/** What changed for a recipient. SMS goes only with the kinds that change what a customer should do. */
public enum TransitionKind {
    PUBLISHED, UPDATE, RESOLVED, MAINTENANCE_SCHEDULED, MAINTENANCE_STARTED, MAINTENANCE_ENDED, MAINTENANCE_CANCELLED,
    STAFF_ALERT,
    ESCALATION,
    /** An incident assigned (or escalated) to a support group: its contact is told. */
    ASSIGNMENT;

    private static final Set<TransitionKind> SMS = Set.of(PUBLISHED, RESOLVED, MAINTENANCE_STARTED, STAFF_ALERT,
            ESCALATION, ASSIGNMENT);

    public boolean smsAllowed() {
        return SMS.contains(this);
    }

    public String wire() {
        return name().toLowerCase().replace('_', '-');
    }
}
