package no.nhn.driftsvakt.signal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

    @ConfigProperty(name = "driftsvakt.ingest.batch-records", defaultValue = "true")
    boolean batchRecords;

    @ConfigProperty(name = "driftsvakt.ingest.batch-record-max", defaultValue = "500")
    int batchRecordMax;

    private volatile int partitions;

    /** @return completes when the broker has acknowledged the signal (acks=all) */
    public CompletionStage<Void> publish(Signal s) {
        return out.send(Record.<String, Object>of(s.component(), s));
    }

    /**
     * Publishes the signals, in order per component, as few records as their partitions allow.
     *
     * @return one stage per record sent; all complete when the broker has acknowledged every signal
     * @throws RuntimeException when the publish buffer is full (callers answer 503)
     */
    public List<CompletionStage<Void>> publishAll(List<Signal> signals) {
        List<CompletionStage<Void>> acks = new ArrayList<>();
        int n = partitions;
        if (!batchRecords || n <= 0 || signals.size() == 1) {
            signals.forEach(s -> acks.add(publish(s)));
            return acks;
        }
        for (List<Signal> group : groups(signals, n, batchRecordMax)) {
            acks.add(group.size() == 1 ? publish(group.get(0))
                    : out.send(Record.<String, Object>of(group.get(0).component(), group)));
        }
        return acks;
    }

    /** The signals by the partition of their component, each partition's in order, in records of at most {@code max}. */
    static List<List<Signal>> groups(List<Signal> signals, int partitions, int max) {
        Map<Integer, List<Signal>> byPartition = new LinkedHashMap<>();
        for (Signal s : signals) {
            byPartition.computeIfAbsent(partitionOf(s.component(), partitions), p -> new ArrayList<>()).add(s);
        }
        List<List<Signal>> out = new ArrayList<>();
        for (List<Signal> g : byPartition.values()) {
            for (int from = 0; from < g.size(); from += max) {
                out.add(List.copyOf(g.subList(from, Math.min(g.size(), from + max))));
            }
        }
        return out;
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
        if (!batchRecords) {
            return;
        }
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
