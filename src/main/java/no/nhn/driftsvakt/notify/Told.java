package no.nhn.driftsvakt.notify;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one recipient has been told about one subject, read from the ledger (entries in the order decided).
 *
 * @param view          the services of the latest published or update not dropped since the last resolved
 * @param counts        how many transitions of each kind there were (so the next key is unique)
 * @param lastUpdateId  the last public update they were told about
 * @param held          the transition held outside their window, per channel (empty if none)
 * @param sentInEpisode whether a message of the current episode (since the last resolved) is on its way or gone
 * @param episode       every service named in the current episode: what the resolved notice names, so a customer
 *                      who only gets SMS (no updates) hears about all of them
 */
public record Told(Set<String> view, Map<TransitionKind, Integer> counts, long lastUpdateId, List<LedgerEntry> held,
                   boolean sentInEpisode, Set<String> episode) {

    public static Told from(List<LedgerEntry> entries) {
        Set<String> view = Set.of();
        Map<TransitionKind, Integer> counts = new EnumMap<>(TransitionKind.class);
        long lastUpdate = 0;
        List<LedgerEntry> held = new ArrayList<>();
        boolean sent = false;
        Set<String> episode = new java.util.TreeSet<>();
        String lastTransition = null;
        for (LedgerEntry e : entries) {
            counts.merge(e.kind(), number(e.transition()), Math::max);
            if (e.state().equals("dropped")) {
                continue;
            }
            if (!e.transition().equals(lastTransition)) {
                lastTransition = e.transition();
                if (e.kind() == TransitionKind.RESOLVED) {
                    view = Set.of();
                    sent = false;
                    held.clear();
                    episode.clear();
                } else if (e.kind() == TransitionKind.PUBLISHED || e.kind() == TransitionKind.UPDATE
                        || e.kind() == TransitionKind.MAINTENANCE_SCHEDULED
                        || e.kind() == TransitionKind.MAINTENANCE_STARTED) {
                    view = e.services();
                    episode.addAll(e.services());
                } else if (e.kind() == TransitionKind.MAINTENANCE_ENDED
                        || e.kind() == TransitionKind.MAINTENANCE_CANCELLED) {
                    view = Set.of();
                }
                lastUpdate = Math.max(lastUpdate, e.updateId());
            }
            if (e.state().equals("held")) {
                held.add(e);
            }
            sent |= e.delivering() && e.kind() != TransitionKind.RESOLVED;
        }
        return new Told(view, counts, lastUpdate, List.copyOf(held), sent, Set.copyOf(episode));
    }

    public int count(TransitionKind k) {
        return counts.getOrDefault(k, 0);
    }

    private static int number(String transition) {
        int hash = transition.lastIndexOf('#');
        return hash < 0 ? 0 : Integer.parseInt(transition.substring(hash + 1));
    }
}
