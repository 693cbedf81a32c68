package no.nhn.driftsvakt.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Functional escalation's message: when an open incident is assigned to a support group (2nd line, or on to 3rd
 * line), the group's contact is told at once on every confirmed channel (staff: no notify window), once per incident
 * and group. The ledger key is {@code assigned-<group>#1}, unique per recipient and channel, so it is sent once
 * across replicas and planning runs however often the incident changes afterwards. Pure.
 */
public final class AssignmentNotices {

    private AssignmentNotices() {
    }

    /** The ledger key for an assignment to {@code groupId} (ends in {@code #<n>} like every transition). */
    public static String key(String groupId) {
        return "assigned-" + groupId + "#1";
    }

    /**
     * @param assignee the support group the incident is assigned to now (null: nobody)
     * @param contact  the group's contact as a registered staff recipient (empty when not registered)
     * @param fired    the assignment keys already in the ledger for this incident
     */
    public static List<Decision> plan(String incidentId, String state, String componentId, String assignee,
                                      Optional<Recipient> contact, Set<String> fired) {
        if (assignee == null || contact.isEmpty() || !OPEN.contains(state) || fired.contains(key(assignee))) {
            return List.of();
        }
        Recipient r = contact.get();
        List<Decision> out = new ArrayList<>();
        for (Map.Entry<Channel, ChannelState> c : new TreeMap<>(r.channels()).entrySet()) {
            out.add(new Decision(r.subscriberId(), incidentId, c.getKey(), TransitionKind.ASSIGNMENT, key(assignee),
                    Set.of(componentId), 0, Reason.forStaff(c.getValue()), null));
        }
        return out;
    }

    private static final Set<String> OPEN = Set.of("suspected", "investigating", "identified", "monitoring");
}
