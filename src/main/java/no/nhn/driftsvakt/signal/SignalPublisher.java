package no.nhn.driftsvakt.signal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.Record;
import no.nhn.driftsvakt.platform.Topics;

/**
 * The one writer of {@code driftsvakt.signals} inside Driftsvakt (detector and ingest), keyed by component id.
 * The buffer is bounded: when it is full, {@link #publish} throws and callers answer 503.
 *
 * <p>{@link #publishAll} writes a request's signals as batch records (docs/design/signal-batches.md): one record per
 * partition they fall in, a JSON array keyed by its first signal's component, so the per-record costs of the producer,
 * the broker and both consumers are paid once per group instead of once per signal. The partition is the one the
 * producer itself would choose for the component ({@link BuiltInPartitioner#partitionForKey}), over the topic's
 * partition count as the producer's metadata has it (read at start and every minute); until it is known, and with
 * {@code driftsvakt.ingest.batch-records=false}, every signal is its own record.
 */
@ApplicationScoped
public class SignalPublisher {

    private static final Logger LOG = Logger.getLogger(SignalPublisher.class);

    @Inject
    @Channel(Topics.Channels.SIGNALS_OUT)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
    Emitter<Record<String, Object>> out;

    @Inject
    KafkaClientService clients;

    /** Signals and records waiting for the broker, at most (see {@link #reserve}). */
    static final int MAX_SIGNALS_IN_FLIGHT = 20_000;
    static final int MAX_RECORDS_IN_FLIGHT = 6_000;

    /** A batch record's estimated size at most; the producer and broker refuse records over 1 MiB. */
    static final int MAX_RECORD_ESTIMATE = 700_000;

    private final AtomicInteger signalsInFlight = new AtomicInteger();
    private final AtomicInteger recordsInFlight = new AtomicInteger();

    private volatile int partitions;

    /** @return completes when the broker has acknowledged the signal (acks=all) */
    public CompletionStage<Void> publish(Signal s) {
        return out.send(Record.<String, Object>of(s.component(), s));
    }

    /**
     * Publishes the signals, in order per component, as few records as their partitions allow.
     *
     * @param perRecord most signals in one batch record ({@code driftsvakt.ingest.batch-record-max}); 0: every signal
     *                  its own record ({@code driftsvakt.ingest.batch-records=false})
     * @return one stage per record sent; all complete when the broker has acknowledged every signal
     * @throws IllegalStateException when too much already waits for the broker (callers answer 503)
     * @throws RuntimeException      when the publish buffer is full (callers answer 503)
     */
    public List<CompletionStage<Void>> publishAll(List<Signal> signals, int perRecord) {
        int n = perRecord > 0 ? partitions() : 0;
        List<List<Signal>> records = n <= 0 || signals.size() == 1
                ? signals.stream().map(List::of).toList()
                : groups(signals, n, perRecord, MAX_RECORD_ESTIMATE);
        reserve(signals.size(), records.size());
        List<CompletionStage<Void>> acks = new ArrayList<>(records.size());
        int sent = 0;
        try {
            for (List<Signal> r : records) {
                CompletionStage<Void> ack = r.size() == 1 ? publish(r.get(0))
                        : out.send(Record.<String, Object>of(r.get(0).component(), r));
                sent++;
                acks.add(ack.whenComplete((v, t) -> release(r.size(), 1)));
            }
        } finally {
            for (List<Signal> r : records.subList(sent, records.size())) {
                release(r.size(), 1); // not sent: the buffer refused one
            }
        }
        return acks;
    }

    /**
     * Counts what waits for the broker's acknowledgement, in signals (memory: a batch record holds up to
     * {@code batch-record-max} of them) and in records (the channel's buffer of 8,192, whose overflow would stop the
     * channel for good; the detector's records share it).
     */
    private void reserve(int signals, int records) {
        int s = signalsInFlight.addAndGet(signals);
        int r = recordsInFlight.addAndGet(records);
        // One request larger than a limit is let through when nothing else waits (max-batch may exceed it)
        if ((s > MAX_SIGNALS_IN_FLIGHT && s != signals) || (r > MAX_RECORDS_IN_FLIGHT && r != records)) {
            release(signals, records);
            throw new IllegalStateException((s - signals) + " signals in " + (r - records)
                    + " records already wait for the broker");
        }
    }

    private void release(int signals, int records) {
        signalsInFlight.addAndGet(-signals);
        recordsInFlight.addAndGet(-records);
    }

    /**
     * The topic's partition count as the producer itself has it now, so a batch record's items fall where the producer
     * puts their component's single records (after the partitions were raised, too). 0 until the producer's metadata
     * has been read once (asynchronously, at start): asking before would block on the event loop.
     */
    private int partitions() {
        if (partitions <= 0) {
            return 0;
        }
        try {
            return clients.<String, Object>getProducer(Topics.Channels.SIGNALS_OUT).unwrap()
                    .partitionsFor(Topics.SIGNALS.name()).size();
        } catch (RuntimeException e) {
            return partitions;
        }
    }

    /**
     * The signals by the partition of their component, each partition's in order, in records of at most {@code max}
     * signals and about {@code maxBytes} (estimated generously: every character as three bytes of UTF-8, so that a
     * record stays under the producer's and broker's limit of 1 MiB).
     */
    static List<List<Signal>> groups(List<Signal> signals, int partitions, int max, int maxBytes) {
        Map<Integer, List<Signal>> byPartition = new LinkedHashMap<>();
        for (Signal s : signals) {
            byPartition.computeIfAbsent(partitionOf(s.component(), partitions), p -> new ArrayList<>()).add(s);
        }
        List<List<Signal>> out = new ArrayList<>();
        for (List<Signal> g : byPartition.values()) {
            List<Signal> current = new ArrayList<>();
            int bytes = 0;
            for (Signal s : g) {
                int size = estimate(s);
                if (!current.isEmpty() && (current.size() >= max || bytes + size > maxBytes)) {
                    out.add(List.copyOf(current));
                    current.clear();
                    bytes = 0;
                }
                current.add(s);
                bytes += size;
            }
            out.add(List.copyOf(current));
        }
        return out;
    }

    /** An upper bound of a signal's JSON in bytes, but for escaped control characters. */
    static int estimate(Signal s) {
        int chars = 200 + len(s.id()) + len(s.source()) + len(s.component()) + len(s.summary()) + len(s.sourceKey());
        if (s.labels() != null) {
            for (Map.Entry<String, String> e : s.labels().entrySet()) {
                chars += 6 + len(e.getKey()) + len(e.getValue());
            }
        }
        return 3 * chars;
    }

    private static int len(String s) {
        return s == null ? 0 : s.length();
    }

    /** The partition the producer's default partitioner gives a record keyed by {@code component}. */
    static int partitionOf(String component, int partitions) {
        return BuiltInPartitioner.partitionForKey(component.getBytes(StandardCharsets.UTF_8), partitions);
    }

    /** The partition count batch records are grouped by: 0 until the producer's metadata has it. */
    public int knownPartitions() {
        return partitions;
    }

    void onStart(@Observes StartupEvent e) {
        refreshPartitions();
    }

    /** The topic's partition count, from the producer's metadata: at start and every minute. */
    @Scheduled(every = "60s", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshPartitions() {
        clients.<String, Object>getProducer(Topics.Channels.SIGNALS_OUT).partitionsFor(Topics.SIGNALS.name())
                .subscribe().with(list -> {
                    int was = partitions;
                    partitions = list.size();
                    if (was != partitions) {
                        LOG.infof("Batch records on %s: %d partitions", Topics.SIGNALS.name(), partitions);
                    }
                }, t -> LOG.warnf("Partitions of %s not known (%s); signals go as single records until they are",
                        Topics.SIGNALS.name(), t.toString()));
    }
}
