package no.nhn.driftsvakt.maintenance;

import java.time.Instant;
import java.util.List;

/** One planned maintenance window. Pure. */
public record Maintenance(String id, String title, String description, List<String> components, Instant startsAt,
                          Instant endsAt, String createdBy, Instant createdAt, Instant cancelledAt) {

    public Maintenance {
        components = List.copyOf(components);
    }

    /** Where the work stands at a moment. */
    public enum Phase {
        SCHEDULED("scheduled", "Planlagt", "Scheduled"),
        IN_PROGRESS("in_progress", "Pågår", "In progress"),
        COMPLETED("completed", "Fullført", "Completed"),
        CANCELLED("cancelled", "Avlyst", "Cancelled");

        private final String wire;
        private final String nb;
        private final String en;

        Phase(String wire, String nb, String en) {
            this.wire = wire;
            this.nb = nb;
            this.en = en;
        }

        public String wire() {
            return wire;
        }

        public String nb() {
            return nb;
        }

        public String en() {
            return en;
        }
    }

    public Phase phase(Instant now) {
        if (cancelledAt != null) {
            return Phase.CANCELLED;
        }
        if (now.isBefore(startsAt)) {
            return Phase.SCHEDULED;
        }
        return now.isBefore(endsAt) ? Phase.IN_PROGRESS : Phase.COMPLETED;
    }

    public boolean covers(String componentId, Instant now) {
        return phase(now) == Phase.IN_PROGRESS && components.contains(componentId);
    }
}
