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

    private static final java.time.ZoneId OSLO = java.time.ZoneId.of("Europe/Oslo");
    private static final java.time.format.DateTimeFormatter DAY_NB =
            java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy 'kl.' HH:mm");
    private static final java.time.format.DateTimeFormatter DAY_EN =
            java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", java.util.Locale.ENGLISH);
    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("HH:mm");

    /**
     * The window in Norwegian time, for people: {@code 24.11.2026 kl. 20:00–22:00 (norsk tid)}, or in English
     * ({@code en}) {@code 24 Nov 2026 20:00–22:00 (Norwegian time)}; both dates when it ends on another day.
     */
    public String window(String language) {
        boolean en = "en".equals(language);
        java.time.ZonedDateTime from = startsAt.atZone(OSLO);
        java.time.ZonedDateTime to = endsAt.atZone(OSLO);
        java.time.format.DateTimeFormatter day = en ? DAY_EN : DAY_NB;
        String end = from.toLocalDate().equals(to.toLocalDate()) ? TIME.format(to) : day.format(to);
        return day.format(from) + "–" + end + (en ? " (Norwegian time)" : " (norsk tid)");
    }

    public boolean covers(String componentId, Instant now) {
        return phase(now) == Phase.IN_PROGRESS && components.contains(componentId);
    }
}
