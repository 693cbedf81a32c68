package no.nhn.driftsvakt.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import no.nhn.driftsvakt.detector.CheckState;
import no.nhn.driftsvakt.probe.ProbeResult;
import no.nhn.driftsvakt.platform.Topics;
import no.nhn.driftsvakt.signal.SignalState;

/**
 * Every replica's in-memory copy of {@code driftsvakt.status} (read in full from the beginning, no consumer
 * group) and of the latest probe result per check (read from the end of {@code driftsvakt.probe-results}).
 * Pages are served from here, never from the database; when Kafka is away the last known state stays.
 */
@ApplicationScoped
public class StatusView {

    private static final Logger LOG = Logger.getLogger(StatusView.class);

    private final Map<String, ComponentState> states = new ConcurrentHashMap<>();
    /** Latest raw probe result per check id; parsed only when a page asks (see {@link #lastChecks()}). */
    private final Map<String, String> rawResults = new ConcurrentHashMap<>();
    /** Check ids whose raw result changed since the last {@link #lastChecks()}. */
    private final java.util.Set<String> unparsed = ConcurrentHashMap.newKeySet();
    private final Map<String, LastCheck> parsedResults = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile Instant lastUpdate;
    private volatile boolean running = true;
    private KafkaConsumer<String, String> consumer;
    private Thread thread;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    void start(@Observes StartupEvent ev) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "driftsvakt-status-view-" + Long.toHexString(System.nanoTime()));
        consumer = new KafkaConsumer<>(props);
        thread = new Thread(this::loop, "status-view");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            List<TopicPartition> status = partitions(Topics.STATUS.name());
            List<TopicPartition> results = partitions(Topics.PROBE_RESULTS.name());
            List<TopicPartition> all = new ArrayList<>(status);
            all.addAll(results);
            consumer.assign(all);
            consumer.seekToBeginning(status);
            consumer.seekToEnd(results);
            Map<TopicPartition, Long> end = consumer.endOffsets(status);
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r);
                }
                if (caughtUp.getCount() > 0 && end.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                    LOG.infof("Status view caught up: %d components", states.size());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf(e, "Status view stopped; driftsweb keeps serving the last known state");
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private List<TopicPartition> partitions(String topic) {
        while (running) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            LOG.infof("Waiting for topic %s", topic);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }

    private void apply(ConsumerRecord<String, String> r) {
        try {
            if (r.topic().equals(Topics.STATUS.name())) {
                if (r.value() == null) {
                    states.remove(r.key());
                } else {
                    ComponentState s = json.readValue(r.value(), ComponentState.class);
                    states.put(s.componentId(), s);
                }
            } else if (r.value() != null && r.key() != null) {
                rawResults.put(r.key(), r.value()); // keyed by check id, in order within its partition
                unparsed.add(r.key());
            }
            lastUpdate = Instant.now();
        } catch (Exception e) {
            LOG.warnf("Status view skipped an unreadable record at %s-%d@%d: %s", r.topic(), r.partition(),
                    r.offset(), e.toString());
        }
    }

    /** Waits until the view has read the status topic up to where it ended at start-up. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    public Optional<ComponentState> state(String componentId) {
        return Optional.ofNullable(states.get(componentId));
    }

    public Map<String, ComponentState> states() {
        return Map.copyOf(states);
    }

    /**
     * The latest probe of every check this replica has seen since it started: a read-only live view, kept up to date
     * by parsing only the results that arrived since the last call (with thousands of checks, building and parsing
     * the whole map each second cost more than the probes themselves).
     */
    public synchronized Map<String, LastCheck> lastChecks() {
        for (java.util.Iterator<String> it = unparsed.iterator(); it.hasNext(); ) {
            String checkId = it.next();
            it.remove(); // before reading: a result arriving now marks the check again
            String raw = rawResults.get(checkId);
            try {
                ProbeResult r = json.readValue(raw, ProbeResult.class);
                parsedResults.put(checkId, new LastCheck(r.checkId(), r.componentId(), r.location(), r.ok(),
                        r.latencyMs(), r.detail(), r.at()));
            } catch (Exception e) {
                LOG.debugf("Unreadable probe result for %s skipped: %s", checkId, e.toString());
            }
        }
        return java.util.Collections.unmodifiableMap(parsedResults);
    }

    public Optional<Instant> lastUpdate() {
        return Optional.ofNullable(lastUpdate);
    }

    /** What the detector last published for a source key ({@code check@location}) of a component. */
    public CheckState knownCheckState(String componentId, String sourceKey) {
        ComponentState s = states.get(componentId);
        if (s == null || !s.sources().containsKey(sourceKey)) {
            return CheckState.UNKNOWN;
        }
        SignalState st = s.sources().get(sourceKey).state();
        return switch (st) {
            case UP -> CheckState.UP;
            case DOWN -> CheckState.DOWN;
            case DEGRADED -> CheckState.FLAPPING;
        };
    }

    /**
     * The locations a check has an "unreachable from" note for ({@code check@location} sources from
     * {@link no.nhn.driftsvakt.signal.Signal#LOCATION_NOTE} that are not up).
     */
    public java.util.Set<String> knownNotes(String componentId, String checkId) {
        ComponentState s = states.get(componentId);
        if (s == null) {
            return java.util.Set.of();
        }
        java.util.Set<String> out = new java.util.TreeSet<>();
        s.sources().forEach((key, src) -> {
            if (no.nhn.driftsvakt.signal.Signal.LOCATION_NOTE.equals(src.source()) && src.state() != SignalState.UP
                    && key.startsWith(checkId + "@")) {
                out.add(key.substring(checkId.length() + 1));
            }
        });
        return out;
    }

    /**
     * When the view's newest state of a check's sources began: its own ({@code check}) and its notes
     * ({@code check@location}); null when it has none. The detector stamps its signals no earlier, after a restart
     * too, or status would ignore them as stale.
     */
    public java.time.Instant knownSince(String componentId, String checkId) {
        ComponentState s = states.get(componentId);
        if (s == null) {
            return null;
        }
        java.time.Instant out = null;
        for (Map.Entry<String, SourceState> e : s.sources().entrySet()) {
            if (e.getKey().equals(checkId) || e.getKey().startsWith(checkId + "@")) {
                java.time.Instant since = e.getValue().since();
                out = out == null || since.isAfter(out) ? since : out;
            }
        }
        return out;
    }

    /** Every "unreachable from" note the view holds: component id → its notes (source key → summary). */
    public Map<String, Map<String, String>> locationNotes() {
        Map<String, Map<String, String>> out = new java.util.TreeMap<>();
        states.forEach((component, s) -> s.sources().forEach((key, src) -> {
            if (no.nhn.driftsvakt.signal.Signal.LOCATION_NOTE.equals(src.source()) && src.state() != SignalState.UP) {
                out.computeIfAbsent(component, k -> new java.util.TreeMap<>()).put(key, src.summary());
            }
        }));
        return out;
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
    }
}
