package no.nhn.driftsvakt.notify;

import java.util.List;
import java.util.Set;

/**
 * What a subject (a problem, or an incident in no problem) means to customers right now.
 *
 * @param affected the components out of order for customers: the published, unresolved incidents' components
 *                 and everything that depends on them
 * @param updates  public updates in order; each has an increasing id
 */
public record SubjectView(String subjectId, String title, Set<String> affected, List<PublicUpdate> updates,
                          MaintenancePhase maintenance) {
    public SubjectView {
        affected = Set.copyOf(affected);
        updates = List.copyOf(updates);
    }

    /** An outage (or degradation): no maintenance phase. */
    public SubjectView(String subjectId, String title, Set<String> affected, List<PublicUpdate> updates) {
        this(subjectId, title, affected, updates, null);
    }

    /**
     * Where planned maintenance stands; {@code affected} is the work's components and what depends on them (empty
     * for cancelled work: nobody is told anew, and a message still held about it is dropped).
     */
    public enum MaintenancePhase {
        SCHEDULED, STARTED, ENDED, CANCELLED
    }

    /** A public timeline entry. */
    public record PublicUpdate(long id, String text) {
    }

    public long lastUpdateId() {
        return updates.isEmpty() ? 0 : updates.get(updates.size() - 1).id();
    }
}
