package no.nhn.driftsvakt.platform;

import java.util.List;

/**
 * Every topic, its key and partition count, in one place. Channel names for SmallRye Reactive Messaging are
 * here too; {@link TopicsConfigSource} binds each channel to its topic so no topic name is repeated in
 * configuration files.
 */
public final class Topics {

    private Topics() {
    }

    /** One record per probe run. Key: check id. */
    public static final Topic PROBE_RESULTS = new Topic("driftsvakt.probe-results", 12, false, "check id");

    /** State changes from the detector and external monitors. Key: component id. */
    public static final Topic SIGNALS = new Topic("driftsvakt.signals", 12, false, "component id");

    /** Latest status per component, read in full by every replica. Key: component id. */
    public static final Topic STATUS = new Topic("driftsvakt.status", 6, true, "component id");

    /**
     * Heartbeat pings, keyed by check id. Its partitions are also the unit of probe work: the member of the
     * probe consumer group that owns partition p runs every check whose id hashes to p.
     */
    public static final Topic PROBE_WORK = new Topic("driftsvakt.probe-work", 12, false, "check id");

    /** Every change of an incident, relayed from the outbox. Key: incident id. */
    public static final Topic INCIDENTS = new Topic("driftsvakt.incidents", 6, false, "incident id");

    /** Every change of a problem, relayed from the outbox. Key: problem id. */
    public static final Topic PROBLEMS = new Topic("driftsvakt.problems", 6, false, "problem id");

    /**
     * Messages decided by the notification planner, ids only (ledger id, subscriber, subject, transition, channel).
     * Key: subscriber id, so senders scale with partitions and one recipient's messages stay in order.
     */
    public static final Topic NOTIFICATIONS = new Topic("driftsvakt.notifications", 12, false, "subscriber id");

    /** Delivery outcomes (sent, failed, delivered, undelivered), ids only. Key: subscriber id. */
    public static final Topic DELIVERIES = new Topic("driftsvakt.deliveries", 6, false, "subscriber id");

    /** Poison records with the reason, source topic, partition and offset in headers. */
    public static final Topic DEAD_LETTER = new Topic("driftsvakt.dead-letter", 3, false, "original key");

    public static final List<Topic> ALL = List.of(PROBE_RESULTS, SIGNALS, STATUS, PROBE_WORK, INCIDENTS, PROBLEMS,
            NOTIFICATIONS, DELIVERIES, DEAD_LETTER);

    /** SmallRye channel names, each bound to a topic by {@link TopicsConfigSource}. */
    public static final class Channels {
        private Channels() {
        }

        public static final String PROBE_RESULTS_OUT = "probe-results-out";
        public static final String PROBE_RESULTS_IN = "probe-results-in";
        public static final String SIGNALS_OUT = "signals-out";
        public static final String SIGNALS_IN = "signals-in";
        public static final String SIGNALS_IN_INCIDENTS = "signals-in-incidents";
        public static final String STATUS_OUT = "status-out";
        public static final String PROBE_WORK_OUT = "probe-work-out";
        public static final String DEAD_LETTER_OUT = "dead-letter-out";
        /** SMS and the rest are sent by separate consumer groups, so the SMS provider's pace never holds e-mail up. */
        public static final String NOTIFICATIONS_SMS_IN = "notifications-sms-in";
        public static final String NOTIFICATIONS_OTHER_IN = "notifications-other-in";
    }
}
