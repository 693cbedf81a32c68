package no.nhn.driftsvakt.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** How a request's signals are grouped into batch records (docs/design/signal-batches.md). */
class SignalPublisherTest {

    private static Signal signal(int i, String component) {
        return new Signal("s-" + i, "nagios", component, SignalState.DOWN, "x", Map.of(),
                Instant.parse("2026-11-28T08:00:00Z"), null);
    }

    @Test
    void theComponentsPartitionIsTheOneAKeyedRecordGetsFromTheDefaultPartitioner() {
        for (String c : List.of("core", "edi", "helseid", "svc-3-4-5", "hub-9-2", "a", "")) {
            int expected = Utils.toPositive(Utils.murmur2(c.getBytes(StandardCharsets.UTF_8))) % 12;
            assertEquals(expected, SignalPublisher.partitionOf(c, 12), c);
        }
    }

    @Test
    void oneRecordPerPartitionInOrderSplitAtTheMost() {
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            signals.add(signal(i, "svc-" + (i % 40)));
        }

        List<List<Signal>> groups = SignalPublisher.groups(signals, 12, 10);

        assertEquals(300, groups.stream().mapToInt(List::size).sum(), "every signal once");
        for (List<Signal> g : groups) {
            assertTrue(g.size() <= 10, "at most the maximum: " + g.size());
            int p = SignalPublisher.partitionOf(g.get(0).component(), 12);
            g.forEach(s -> assertEquals(p, SignalPublisher.partitionOf(s.component(), 12), s.component()));
        }
        for (int c = 0; c < 40; c++) { // a component's signals keep the order they came in
            String component = "svc-" + c;
            List<Integer> order = groups.stream().flatMap(List::stream).filter(s -> s.component().equals(component))
                    .map(s -> Integer.parseInt(s.id().substring(2))).toList();
            assertEquals(order.stream().sorted().toList(), order, component);
        }
        long partitionsUsed = signals.stream().map(s -> SignalPublisher.partitionOf(s.component(), 12)).distinct().count();
        assertEquals(partitionsUsed, SignalPublisher.groups(signals, 12, 1000).size(), "unsplit: one per partition");
    }
}
