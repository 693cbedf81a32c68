package no.nhn.driftsvakt.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Hierarchical escalation: an incident still open a set time after it opened is escalated, level by level, to the
 * person on duty in a role (by default for P1: after 30 min the customer-centre lead, after 2 h the technical
 * director, after 4 h the CEO). Each level is sent once per incident: its ledger key is {@code escalation#<level>},
 * unique per recipient and channel, so a level fires once across replicas and restarts, and a level missed while the
 * service was down fires at the next run. Pure: the clock is a parameter.
 */
public final class Escalation {

    /** One step: after {@code after} since the incident opened, tell whoever is on duty as {@code role}. */
    public record Step(Duration after, String role) {
    }

    /** Steps per priority, e.g. {@code P1 → [30m customer-centre-lead, 2h technical-director, 4h ceo]}. */
    public record Policy(Map<String, List<Step>> steps) {

        public static final Set<String> ROLES = Set.of("customer-centre-lead", "technical-director", "ceo");

        /**
         * Parses {@code 30m:customer-centre-lead,2h:technical-director,4h:ceo}; an empty text means no escalation.
         *
         * @throws IllegalArgumentException naming the step that is wrong
         */
        public static List<Step> parse(String text) {
            List<Step> out = new ArrayList<>();
            if (text == null || text.isBlank() || text.trim().equals("none")) {
                return out;
            }
            for (String part : text.split(",")) {
                String[] p = part.trim().split(":");
                if (p.length != 2 || !ROLES.contains(p[1].trim())) {
                    throw new IllegalArgumentException("escalation step '" + part.trim() + "' is not <duration>:<role> "
                            + "with a role among " + new java.util.TreeSet<>(ROLES));
                }
                out.add(new Step(no.nhn.driftsvakt.catalog.Durations.parse(p[0].trim()).orElseThrow(() ->
                        new IllegalArgumentException("escalation step '" + part.trim() + "': '" + p[0].trim()
                                + "' is not a duration such as 30m or 2h")), p[1].trim()));
            }
            return out;
        }

        public List<Step> of(String priority) {
            return steps.getOrDefault(priority, List.of());
        }
    }

    private Escalation() {
    }

    /**
     * The messages due for one open incident at {@code now}.
     *
     * @param onDuty   who is on duty in each role (absent roles are skipped; the caller logs them)
     * @param fired    the ledger keys already used for this incident ({@code escalation#1}, ...)
     */
    public static List<Decision> plan(String incidentId, String priority, String componentId, Instant openedAt,
                                      Policy policy, Map<String, Recipient> onDuty, Set<String> fired, Instant now) {
        List<Decision> out = new ArrayList<>();
        List<Step> steps = policy.of(priority);
        for (int level = 1; level <= steps.size(); level++) {
            Step s = steps.get(level - 1);
            String key = TransitionKind.ESCALATION.wire() + "#" + level;
            if (now.isBefore(openedAt.plus(s.after())) || fired.contains(key)) {
                continue;
            }
            Recipient r = onDuty.get(s.role());
            if (r == null) {
                continue;
            }
            for (Map.Entry<Channel, ChannelState> c : new TreeMap<>(r.channels()).entrySet()) {
                Reason reason = Reason.forStaff(c.getValue());
                out.add(new Decision(r.subscriberId(), incidentId, c.getKey(), TransitionKind.ESCALATION, key,
                        Set.of(componentId), 0, reason, null));
            }
        }
        return out;
    }
}
