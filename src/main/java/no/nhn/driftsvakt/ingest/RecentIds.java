package no.nhn.driftsvakt.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/** A bounded memory of recently accepted signal ids, so a client's retry of an accepted signal is accepted once. */
final class RecentIds {

    private final Map<String, Boolean> ids;

    RecentIds(int capacity) {
        this.ids = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized boolean seen(String id) {
        return ids.containsKey(id);
    }

    synchronized void remember(String id) {
        ids.put(id, Boolean.TRUE);
    }
}
