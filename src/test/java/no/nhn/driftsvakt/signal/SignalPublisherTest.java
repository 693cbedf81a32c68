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

        List<List<Signal>> groups = SignalPublisher.groups(signals, 12, 10, SignalPublisher.MAX_RECORD_ESTIMATE);

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
        assertEquals(partitionsUsed, SignalPublisher.groups(signals, 12, 1000, SignalPublisher.MAX_RECORD_ESTIMATE).size(), "unsplit: one per partition");
    }

    @Test
    void largeSignalsAreSplitSoNoRecordNearsTheLimitOfOneMebibyte() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < 480; i++) { // all of one component, each with a long fingerprint and summary, some in æøå
            signals.add(new Signal("s-" + i, "nagios", "core", SignalState.DOWN, "ø".repeat(500),
                    Map.of("fingerprint", "f".repeat(500), "host", "h".repeat(500)),
                    Instant.parse("2026-11-28T08:00:00Z"), "nagios:" + "f".repeat(500)));
        }

        List<List<Signal>> groups = SignalPublisher.groups(signals, 12, 500, SignalPublisher.MAX_RECORD_ESTIMATE);

        assertTrue(groups.size() > 1, "split by size, not only by count");
        for (List<Signal> g : groups) {
            int bytes = json.writeValueAsBytes(g).length;
            assertTrue(bytes < 1_000_000, bytes + " bytes");
        }
        assertEquals(480, groups.stream().mapToInt(List::size).sum());
    }

    /** An emitter whose sends wait until the test lets them complete, as a slow broker does. */
    private static final class Held implements org.eclipse.microprofile.reactive.messaging.Emitter<
            io.smallrye.reactive.messaging.kafka.Record<String, Object>> {
        final List<java.util.concurrent.CompletableFuture<Void>> pending = new ArrayList<>();

        @Override
        public java.util.concurrent.CompletionStage<Void> send(io.smallrye.reactive.messaging.kafka.Record<String, Object> r) {
            java.util.concurrent.CompletableFuture<Void> f = new java.util.concurrent.CompletableFuture<>();
            pending.add(f);
            return f;
        }

        @Override
        public <M extends org.eclipse.microprofile.reactive.messaging.Message<? extends
                io.smallrye.reactive.messaging.kafka.Record<String, Object>>> void send(M msg) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }

    @Test
    void whatWaitsForTheBrokerIsBoundedAndFreedByItsAcknowledgements() throws Exception {
        // Partition count unknown (as at start): one record per signal, bounded in records
        SignalPublisher singles = new SignalPublisher();
        Held broker = new Held();
        singles.out = broker;
        List<Signal> many = signals(SignalPublisher.MAX_RECORDS_IN_FLIGHT - 10);
        singles.publishAll(many, 500);
        singles.publishAll(signals(2), 500);
        IllegalStateException full = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> singles.publishAll(signals(20), 500));
        assertTrue(full.getMessage().contains("already wait for the broker"), full.getMessage());
        broker.pending.forEach(f -> f.complete(null)); // the broker catches up
        singles.publishAll(signals(20), 500);

        // Batch records: bounded in signals
        SignalPublisher batches = new SignalPublisher();
        Held broker2 = new Held();
        batches.out = broker2;
        java.lang.reflect.Field partitions = SignalPublisher.class.getDeclaredField("partitions");
        partitions.setAccessible(true);
        partitions.setInt(batches, 12);
        List<Signal> big = signals(SignalPublisher.MAX_SIGNALS_IN_FLIGHT + 5_000);
        batches.publishAll(big, 500); // larger than the limit, but nothing waits
        assertTrue(broker2.pending.size() < 100, "as batch records: " + broker2.pending.size());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> batches.publishAll(signals(2), 500));
        broker2.pending.forEach(f -> f.complete(null));
        batches.publishAll(signals(2), 500);
    }

    private static List<Signal> signals(int n) {
        List<Signal> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(signal(i, "svc-" + (i % 100)));
        }
        return out;
    }
}
