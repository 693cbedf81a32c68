package no.nhn.driftsvakt.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides who is told what about a subject, on which channel, now or later, and why. Pure: the subject as
 * customers see it, one recipient, what the ledger says they were told, and the clock come in; decisions come out.
 *
 * <p>It diffs what the recipient was told against what is true for them now, so a redelivered or repeated event
 * decides nothing new, a downstream incident in a problem is told as part of its problem, and a recipient whose
 * services all recovered is told so even while the problem goes on (docs/design/notification.md).
 */
public final class NotificationPlanner {

    /** @param smsPerHour at most this many SMS to one recipient in an hour (resolved notices are exempt) */
    public record Policy(int smsPerHour) {
        public static final Policy DEFAULT = new Policy(6);
    }

    private NotificationPlanner() {
    }

    /**
     * @param smsInLastHour SMS sent (or on their way) to this recipient in the last hour, over all subjects
     */
    public static List<Decision> plan(SubjectView subject, Recipient r, Told told, int smsInLastHour, Policy policy,
                                      Instant now) {
        return plan(subject, r, told, smsInLastHour, policy, Set.of(), now);
    }

    /**
     * As {@link #plan(SubjectView, Recipient, Told, int, Policy, Instant)}, with planned maintenance going on.
     *
     * <p>A failure of a service under ongoing maintenance that the recipient has not been told about is not news to
     * them (they were told of the work; failures during it are expected): it is left out of what they are told, and
     * when that leaves nothing to tell, the decision is {@link Reason#SUPPRESSED_MAINTENANCE} on every channel (not
     * stored; the subject is planned again when the work ends, and an outage that outlasts it is told then). What
     * they were already told about they keep hearing about, including its end.
     *
     * @param underMaintenance the components under ongoing planned maintenance and everything that depends on them
     */
    public static List<Decision> plan(SubjectView subject, Recipient r, Told told, int smsInLastHour, Policy policy,
                                      Set<String> underMaintenance, Instant now) {
        Set<String> services = new HashSet<>(r.components());
        services.retainAll(subject.affected());
        if (subject.maintenance() == null && !underMaintenance.isEmpty()) {
            Set<String> quiet = new HashSet<>(services);
            quiet.retainAll(underMaintenance);
            quiet.removeAll(told.view());
            if (!quiet.isEmpty()) {
                Set<String> rest = new HashSet<>(services);
                rest.removeAll(quiet);
                TransitionKind withQuiet = change(told, services, subject);
                if (told.held().isEmpty() && withQuiet != null && change(told, rest, subject) == null) {
                    return suppressed(subject, r, told, withQuiet, quiet);
                }
                services = rest;
            }
        }
        TransitionKind kind = subject.maintenance() == null ? change(told, services, subject)
                : maintenance(told, services, subject.maintenance());
        List<Decision> out = new ArrayList<>();
        if (!told.held().isEmpty()) {
            LedgerEntry h = told.held().get(0);
            if (services.isEmpty() && !told.sentInEpisode()) {
                told.held().forEach(e -> out.add(about(r, subject, e, Reason.DROPPED_RESOLVED_WHILE_HELD)));
                return out;
            }
            if (kind == null) {
                if (r.window().isOpen(now)) {
                    told.held().forEach(e -> out.add(about(r, subject, e, Reason.RELEASED)));
                }
                return out;
            }
            told.held().forEach(e -> out.add(about(r, subject, e, Reason.DROPPED_SUPERSEDED)));
            if (!told.sentInEpisode() && subject.maintenance() == null) {
                kind = TransitionKind.PUBLISHED; // they never heard of it: the first message they get says so
            }
            if (h.kind() == kind && kind == TransitionKind.PUBLISHED && h.services().equals(services)
                    && !r.window().isOpen(now)) {
                out.clear(); // nothing new to say: keep the held one
                return out;
            }
        }
        if (kind == null) {
            return out;
        }
        String transition = kind.wire() + "#" + (told.count(kind) + 1);
        Set<String> named = kind == TransitionKind.RESOLVED || ((kind == TransitionKind.MAINTENANCE_ENDED
                || kind == TransitionKind.MAINTENANCE_CANCELLED) && services.isEmpty()) ? told.episode() : services;
        long updateId = subject.lastUpdateId();
        for (Map.Entry<Channel, ChannelState> c : new TreeMap<>(r.channels()).entrySet()) {
            Reason reason = reason(r, c.getKey(), c.getValue(), kind, smsInLastHour, policy, now);
            out.add(new Decision(r.subscriberId(), subject.subjectId(), c.getKey(), kind, transition, named, updateId,
                    reason, reason == Reason.HELD_OUTSIDE_WINDOW ? r.window().nextOpening(now) : null));
        }
        return out;
    }

    /** What changed for this recipient since they were last told, if anything. */
    static TransitionKind change(Told told, Set<String> services, SubjectView subject) {
        if (told.view().isEmpty()) {
            return services.isEmpty() ? null : TransitionKind.PUBLISHED;
        }
        if (services.isEmpty()) {
            return TransitionKind.RESOLVED;
        }
        if (!services.equals(told.view()) || subject.lastUpdateId() > told.lastUpdateId()) {
            return TransitionKind.UPDATE;
        }
        return null;
    }

    /**
     * Planned maintenance: announced when scheduled (e-mail), when it starts (SMS and e-mail) and when it ends
     * (e-mail), each once, to those whose services it touches; the end only to those told before. Cancelled work is
     * told (e-mail) only to those a message about it has reached or is on its way to.
     */
    static TransitionKind maintenance(Told told, Set<String> services, SubjectView.MaintenancePhase phase) {
        return switch (phase) {
            case SCHEDULED -> !services.isEmpty() && told.count(TransitionKind.MAINTENANCE_SCHEDULED) == 0
                    ? TransitionKind.MAINTENANCE_SCHEDULED : null;
            case STARTED -> !services.isEmpty() && told.count(TransitionKind.MAINTENANCE_STARTED) == 0
                    ? TransitionKind.MAINTENANCE_STARTED : null;
            case ENDED -> told.count(TransitionKind.MAINTENANCE_ENDED) == 0
                    && (told.count(TransitionKind.MAINTENANCE_SCHEDULED) > 0
                    || told.count(TransitionKind.MAINTENANCE_STARTED) > 0) ? TransitionKind.MAINTENANCE_ENDED : null;
            case CANCELLED -> told.sentInEpisode() && told.count(TransitionKind.MAINTENANCE_ENDED) == 0
                    && told.count(TransitionKind.MAINTENANCE_CANCELLED) == 0 ? TransitionKind.MAINTENANCE_CANCELLED : null;
        };
    }

    private static Reason reason(Recipient r, Channel channel, ChannelState consent, TransitionKind kind,
                                 int smsInLastHour, Policy policy, Instant now) {
        if (!r.pilot()) {
            return Reason.SKIPPED_GROUP_NOT_IN_PILOT;
        }
        if (consent == ChannelState.OPTED_OUT) {
            return Reason.SKIPPED_OPTED_OUT;
        }
        if (consent == ChannelState.PENDING) {
            return Reason.SKIPPED_NOT_CONFIRMED;
        }
        if (channel == Channel.SMS && !kind.smsAllowed()) {
            return Reason.SUPPRESSED_SMS_NOT_FOR_UPDATES;
        }
        if (channel == Channel.SMS && kind != TransitionKind.RESOLVED && smsInLastHour >= policy.smsPerHour()) {
            return Reason.SUPPRESSED_SMS_RATE_LIMIT;
        }
        if (!r.window().isOpen(now)) {
            return Reason.HELD_OUTSIDE_WINDOW;
        }
        return Reason.SEND;
    }

    /** Nothing told now, on any channel: the news is a failure of services under planned maintenance. */
    private static List<Decision> suppressed(SubjectView subject, Recipient r, Told told, TransitionKind kind,
                                             Set<String> quiet) {
        List<Decision> out = new ArrayList<>();
        String transition = kind.wire() + "#" + (told.count(kind) + 1);
        for (Channel c : new TreeMap<>(r.channels()).keySet()) {
            out.add(new Decision(r.subscriberId(), subject.subjectId(), c, kind, transition, quiet,
                    subject.lastUpdateId(), Reason.SUPPRESSED_MAINTENANCE, null));
        }
        return out;
    }

    private static Decision about(Recipient r, SubjectView subject, LedgerEntry e, Reason reason) {
        return new Decision(r.subscriberId(), subject.subjectId(), e.channel(), e.kind(), e.transition(), e.services(),
                e.updateId(), reason, null);
    }
}
