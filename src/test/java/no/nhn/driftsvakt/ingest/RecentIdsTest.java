package no.nhn.driftsvakt.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalState;

class RecentIdsTest {

    private static Signal s(String id) {
        return new Signal(id, "nagios", "core", SignalState.DOWN, "x", null, Instant.EPOCH, null);
    }

    private static final RecentIds HASHER = new RecentIds(1, 7);

    private static long[] h(Signal... signals) {
        return HASHER.hashes(List.of(signals));
    }

    @Test
    void remembersARequestsIdsAndForgetsTheOldestBeyondItsCapacity() {
        RecentIds ids = new RecentIds(3, 7);
        assertArrayEquals(new boolean[] {false, false}, ids.seen(h(s("a"), s("b"))));

        ids.remember(h(s("a"), s("b")));
        assertArrayEquals(new boolean[] {true, false, true}, ids.seen(h(s("a"), s("c"), s("b"))));

        ids.remember(h(s("c"), s("d"))); // four: "a" is forgotten
        assertArrayEquals(new boolean[] {false, true, true, true}, ids.seen(h(s("a"), s("b"), s("c"), s("d"))));
    }

    @Test
    void findsTheIdsThatRepeatAnEarlierOneInTheSameRequest() {
        assertArrayEquals(new boolean[] {false, false, true, false, true, true},
                RecentIds.repeats(h(s("a"), s("b"), s("a"), s("c"), s("b"), s("a"))));
        assertArrayEquals(new boolean[] {false}, RecentIds.repeats(h(s("a"))));
        assertArrayEquals(new boolean[0], RecentIds.repeats(new long[0]));
    }

    /**
     * Against the memory it replaces (a map of the ids in insertion order, the eldest removed beyond the capacity):
     * random requests of new and repeated ids, with a capacity small enough that nearly every remember forgets one
     * and the open-addressing table's deletions wrap around its end.
     */
    @Test
    void answersAsAnInsertionOrderedMapOfTheLastIdsWouldOverManyRandomRequests() {
        for (int capacity : new int[] {1, 2, 7, 64, 1000}) {
            RecentIds ids = new RecentIds(capacity, capacity);
            Map<String, Boolean> model = new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > capacity;
                }
            };
            Random random = new Random(capacity);
            for (int request = 0; request < 20_000; request++) {
                List<Signal> batch = new ArrayList<>();
                for (int i = random.nextInt(5); i >= 0; i--) {
                    batch.add(s("sig-" + random.nextInt(3 * capacity + 3)));
                }
                boolean[] expected = new boolean[batch.size()];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = model.containsKey(batch.get(i).id());
                }
                long[] hashes = ids.hashes(batch);
                assertArrayEquals(expected, ids.seen(hashes), "capacity " + capacity + ", request " + request);
                batch.forEach(x -> model.put(x.id(), Boolean.TRUE));
                ids.remember(hashes);
            }
        }
    }

    @Test
    void hashesDifferForIdsThatDifferInOneCharacterOrInLengthAndByTheProcesssKey() {
        assertNotEquals(RecentIds.hash("alertmanager:0123456789abcdef:firing:1732780000000", 1),
                RecentIds.hash("alertmanager:0123456789abcdef:firing:1732780010000", 1));
        assertNotEquals(RecentIds.hash("a", 1), RecentIds.hash("a\u0000", 1));
        assertNotEquals(RecentIds.hash("sig-1", 1), RecentIds.hash("sig-1", 2), "keyed");
        assertArrayEquals(new RecentIds(5, 3).hashes(List.of(s("x"))), new RecentIds(9, 3).hashes(List.of(s("x"))));
    }

    @Test
    void aCapacityOfNothingRemembersNothing() {
        RecentIds ids = new RecentIds(0);
        long[] hashes = ids.hashes(List.of(s("a"), s("b")));
        ids.remember(hashes);
        assertArrayEquals(new boolean[] {false, false}, ids.seen(hashes));
        RecentIds negative = new RecentIds(-5);
        negative.remember(negative.hashes(List.of(s("a"))));
        assertArrayEquals(new boolean[] {false}, negative.seen(negative.hashes(List.of(s("a")))));
    }
}
