package no.nhn.driftsvakt.platform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue;

/**
 * Reads {@code driftsvakt.dead-letter} from the start (no consumer group: nothing is committed, the topic is only
 * read) and, on request, sends chosen records back to the topic they came from, unchanged, with their key and a
 * {@code driftsvakt-replayed-from} header. For after a fix: a record that is still poison is dead-lettered again.
 * Replaying is safe for signals (deduplicated by signal id) and notification events (the ledger sends each once).
 */
@ApplicationScoped
public class DeadLetterReplay {

    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);
    public static final String REPLAYED_FROM = "driftsvakt-replayed-from";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** One dead letter: where it sits, why it is there, where it came from. */
    public record Entry(int partition, long offset, Instant at, String key, String reason, String sourceTopic,
                        Integer sourcePartition, Long sourceOffset, String value) {
    }

    /** What a replay did. */
    public record Outcome(int read, int matched, int replayed, boolean dryRun) {
    }

    /** Every dead letter matching {@code filter}, oldest first, at most {@code limit}. */
    public List<Entry> read(Predicate<Entry> filter, int limit) {
        List<Entry> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = consumer()) {
            List<TopicPartition> parts = c.partitionsFor(Topics.DEAD_LETTER.name(), Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!done(c, end) && System.nanoTime() < deadline && out.size() < limit) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    Entry e = entry(r);
                    if (filter.test(e) && out.size() < limit) {
                        out.add(e);
                    }
                }
            }
        }
        return out;
    }

    /** Sends the matching dead letters back to their source topic (or only counts them, for a dry run). */
    public Outcome replay(Predicate<Entry> filter, int limit, boolean dryRun) throws Exception {
        int[] read = {0};
        List<Entry> chosen = read(e -> {
            read[0]++;
            return e.sourceTopic() != null && Topics.ALL.stream().anyMatch(t -> t.name().equals(e.sourceTopic()))
                    && !Topics.DEAD_LETTER.name().equals(e.sourceTopic()) && filter.test(e);
        }, limit);
        if (dryRun || chosen.isEmpty()) {
            return new Outcome(read[0], chosen.size(), 0, dryRun);
        }
        int sent = 0;
        try (KafkaProducer<String, String> p = producer()) {
            for (Entry e : chosen) {
                ProducerRecord<String, String> r = new ProducerRecord<>(e.sourceTopic(), e.key(), e.value());
                r.headers().add(REPLAYED_FROM, (Topics.DEAD_LETTER.name() + "-" + e.partition() + "@" + e.offset())
                        .getBytes(StandardCharsets.UTF_8));
                p.send(r).get(30, TimeUnit.SECONDS);
                sent++;
            }
        }
        LOG.infof("Replayed %d dead letters (of %d read)", sent, read[0]);
        return new Outcome(read[0], chosen.size(), sent, false);
    }

    private static boolean done(KafkaConsumer<String, String> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static Entry entry(ConsumerRecord<String, String> r) {
        return new Entry(r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()), r.key(),
                header(r, KafkaDeadLetterQueue.DEAD_LETTER_REASON), header(r, KafkaDeadLetterQueue.DEAD_LETTER_TOPIC),
                number(header(r, KafkaDeadLetterQueue.DEAD_LETTER_PARTITION)) == null ? null
                        : number(header(r, KafkaDeadLetterQueue.DEAD_LETTER_PARTITION)).intValue(),
                number(header(r, KafkaDeadLetterQueue.DEAD_LETTER_OFFSET)), r.value());
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Long number(String s) {
        try {
            return s == null ? null : Long.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "driftsvakt-dead-letter-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    private KafkaProducer<String, String> producer() {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
