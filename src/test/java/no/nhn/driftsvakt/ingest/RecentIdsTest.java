package no.nhn.driftsvakt.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalState;

class RecentIdsTest {

    private static Signal s(String id) {
        return new Signal(id, "nagios", "core", SignalState.DOWN, "x", null, Instant.EPOCH, null);
    }

    @Test
    void remembersARequestsIdsAndForgetsTheOldestBeyondItsCapacity() {
        RecentIds ids = new RecentIds(3);
        assertArrayEquals(new boolean[] {false, false}, ids.seen(List.of(s("a"), s("b"))));

        ids.remember(List.of(s("a"), s("b")));
        assertArrayEquals(new boolean[] {true, false, true}, ids.seen(List.of(s("a"), s("c"), s("b"))));

        ids.remember(List.of(s("c"), s("d"))); // four: "a" is forgotten
        assertArrayEquals(new boolean[] {false, true, true, true}, ids.seen(List.of(s("a"), s("b"), s("c"), s("d"))));
    }
}
