package no.nhn.driftsvakt.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A new suspected incident of priority P1 or P2 alerts the Incident Manager on duty during opening hours, and the
 * 24/7 on-call outside them ({@link #onDutyAt}: the Incident Manager comes from the weekly rotation), on every
 * confirmed channel including SMS, at once (no window: they are on duty).
 * Once per incident (ledger key {@code staff-alert#1}); not while its component is under planned maintenance. Pure.
 */
public final class StaffAlerts {

    static final Set<String> ALERTING = Set.of("P1", "P2");

    private StaffAlerts() {
    }

    /**
     * @param onDuty the person on duty now: the Incident Manager in opening hours, else the on-call
     */
    public static List<Decision> plan(String incidentId, String state, String priority, String componentId,
                                      Optional<Recipient> onDuty, boolean alreadyAlerted, Instant now) {
        return plan(incidentId, state, priority, componentId, onDuty, alreadyAlerted, false, now);
    }

    /**
     * @param underMaintenance the component (or one it depends on) is under ongoing planned maintenance: failures
     *                         are expected, so the alert is {@link Reason#SUPPRESSED_MAINTENANCE} on every channel
     *                         (not stored: if the incident is still suspected when the work ends, it alerts then)
     */
    public static List<Decision> plan(String incidentId, String state, String priority, String componentId,
                                      Optional<Recipient> onDuty, boolean alreadyAlerted, boolean underMaintenance,
                                      Instant now) {
        if (!"suspected".equals(state) || !ALERTING.contains(priority) || onDuty.isEmpty() || alreadyAlerted) {
            return List.of();
        }
        Recipient r = onDuty.get();
        List<Decision> out = new ArrayList<>();
        for (Map.Entry<Channel, ChannelState> c : new TreeMap<>(r.channels()).entrySet()) {
            Reason reason = underMaintenance ? Reason.SUPPRESSED_MAINTENANCE : Reason.forStaff(c.getValue());
            out.add(new Decision(r.subscriberId(), incidentId, c.getKey(), TransitionKind.STAFF_ALERT,
                    TransitionKind.STAFF_ALERT.wire() + "#1", Set.of(componentId), 0, reason, null));
        }
        return out;
    }

    /**
     * Who gets a staff alert at {@code now}: in opening hours the Incident Manager of the week (the rotation's, else
     * the {@code incident-manager} duty role), outside them the 24/7 on-call.
     *
     * @param roster week (handover date) → subscriber id, at least for the week {@code now} falls in
     * @param duty   duty role → subscriber id
     */
    public static Optional<String> onDutyAt(Instant now, DutyRotation rotation, Map<java.time.LocalDate, String> roster,
                                            Map<String, String> duty) {
        String role = roleAt(now);
        if (!role.equals("incident-manager")) {
            return Optional.ofNullable(duty.get(role));
        }
        return rotation.incidentManagerAt(now, roster, Optional.ofNullable(duty.get(role)))
                .map(DutyRotation.OnDuty::subscriberId);
    }

    /** The role on duty at {@code now}: the Incident Manager in opening hours, the on-call outside them. */
    public static String roleAt(Instant now) {
        return NotifyWindow.OPENING_HOURS.isOpen(now) ? "incident-manager" : "on-call";
    }
}
