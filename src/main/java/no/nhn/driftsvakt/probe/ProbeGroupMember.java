package no.nhn.driftsvakt.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Membership of the probe consumer group of one location. Kafka's group protocol decides which partitions of
 * {@code driftsvakt.probe-work} this replica owns; the replica runs exactly the checks that hash to them.
 * Revocation is reported before Kafka hands a partition to another member, so two replicas never run the same
 * check at once; when a member leaves or goes silent its partitions move to the others.
 */
public final class ProbeGroupMember implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProbeGroupMember.class);

    /** Told about ownership changes and heartbeat pings, on the member's own thread. */
    public interface Listener {
        void ownership(Set<Integer> partitions);

        void heartbeat(String checkId, Instant at);
    }

    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final Listener listener;
    private final Thread thread;
    private final Set<Integer> owned = new TreeSet<>();
    private volatile boolean running = true;

    public ProbeGroupMember(String bootstrapServers, String groupId, String topic, Duration sessionTimeout,
                            Listener listener) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, sessionTimeout.toMillis() / 4));
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class.getName()));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + Long.toHexString(System.nanoTime()));
        this.consumer = new KafkaConsumer<>(props);
        this.topic = topic;
        this.listener = listener;
        this.thread = new Thread(this::loop, "probe-group-" + groupId);
        this.thread.setDaemon(true);
    }

    public ProbeGroupMember start() {
        thread.start();
        return this;
    }

    private void loop() {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    partitions.forEach(p -> owned.remove(p.partition()));
                    report("revoked", partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    partitions.forEach(p -> owned.add(p.partition()));
                    report("assigned", partitions);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    partitions.forEach(p -> owned.remove(p.partition()));
                    report("lost", partitions);
                }
            });
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null) {
                        listener.heartbeat(r.key(), Instant.ofEpochMilli(r.timestamp()));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf(e, "Probe group member stopped unexpectedly; its checks will move to other replicas");
        } finally {
            owned.clear();
            listener.ownership(Set.of());
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void report(String what, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        LOG.infof("Probe partitions %s: %s; now owning %d: %s", what,
                partitions.stream().map(TopicPartition::partition).sorted().toList(), owned.size(), owned);
        listener.ownership(Set.copyOf(owned));
    }

    /** Leaves the group at once, so the others take the checks over without waiting for a session timeout. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
