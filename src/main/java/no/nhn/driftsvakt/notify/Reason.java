package no.nhn.driftsvakt.notify;

/** Why the planner decided what it did for one recipient and channel; logged and counted. */
public enum Reason {
    /** Send now. */
    SEND,
    /** A message held outside the recipient's window is released: the window is open. */
    RELEASED,
    /** Outside the recipient's notify window: held until it opens. */
    HELD_OUTSIDE_WINDOW,
    /** Held, and the recipient's services recovered before the window opened: neither message is sent. */
    DROPPED_RESOLVED_WHILE_HELD,
    /** Held, and something newer for the same recipient replaces it (one message, the latest, when the window opens). */
    DROPPED_SUPERSEDED,
    /** Too many SMS to this recipient in the last hour; e-mail still goes. */
    SUPPRESSED_SMS_RATE_LIMIT,
    /** SMS only for published, resolved and maintenance start; updates go by e-mail. */
    SUPPRESSED_SMS_NOT_FOR_UPDATES,
    /** The channel's address has not been confirmed (double opt-in pending). */
    SKIPPED_NOT_CONFIRMED,
    /** The recipient opted out of this channel. */
    SKIPPED_OPTED_OUT,
    /** None of the recipient's customer groups is in the proactive-notification pilot. */
    SKIPPED_GROUP_NOT_IN_PILOT,
    /**
     * The failing services are under ongoing planned maintenance (announced to customers; failures during the work
     * are expected), so neither the customers nor the person on duty are told now. Not stored in the ledger: when
     * the work ends the subject is planned again, and an outage that outlasts the work is told then. Being unstored,
     * it is counted each time the subject is planned while the work lasts, not once.
     */
    SUPPRESSED_MAINTENANCE;

    public String wire() {
        return name().toLowerCase();
    }

    /** Whether a staff message (alert, escalation) goes out on a channel in this state, and why not. */
    public static Reason forStaff(ChannelState state) {
        return state == ChannelState.CONFIRMED ? SEND
                : state == ChannelState.OPTED_OUT ? SKIPPED_OPTED_OUT : SKIPPED_NOT_CONFIRMED;
    }
}
