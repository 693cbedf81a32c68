package no.nhn.driftsvakt.platform;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Binds every messaging channel to its topic and states each incoming channel's failure strategy, from
 * {@link Topics}. Its ordinal is low, so {@code application.properties} and the environment can still
 * override any value.
 */
public class TopicsConfigSource implements ConfigSource {

    private static final Map<String, String> VALUES = build();

    private static Map<String, String> build() {
        Map<String, String> m = new HashMap<>();
        out(m, Topics.Channels.PROBE_RESULTS_OUT, Topics.PROBE_RESULTS);
        out(m, Topics.Channels.SIGNALS_OUT, Topics.SIGNALS);
        // A signal or a batch record (a list of them) on one channel, so that a component's signals keep one producer
        // and their order: both written as JSON by Quarkus' object mapper, as the generated serializer for one did.
        m.put("mp.messaging.outgoing." + Topics.Channels.SIGNALS_OUT + ".value.serializer",
                "io.quarkus.kafka.client.serialization.ObjectMapperSerializer");
        m.put("mp.messaging.outgoing." + Topics.Channels.SIGNALS_OUT + ".key.serializer",
                "org.apache.kafka.common.serialization.StringSerializer");
        out(m, Topics.Channels.STATUS_OUT, Topics.STATUS);
        out(m, Topics.Channels.PROBE_WORK_OUT, Topics.PROBE_WORK);
        out(m, Topics.Channels.DEAD_LETTER_OUT, Topics.DEAD_LETTER);
        in(m, Topics.Channels.PROBE_RESULTS_IN, Topics.PROBE_RESULTS, "driftsvakt-detector");
        in(m, Topics.Channels.SIGNALS_IN, Topics.SIGNALS, "driftsvakt-status");
        in(m, Topics.Channels.SIGNALS_IN_INCIDENTS, Topics.SIGNALS, "driftsvakt-incidents");
        in(m, Topics.Channels.NOTIFICATIONS_SMS_IN, Topics.NOTIFICATIONS, "driftsvakt-senders-sms");
        in(m, Topics.Channels.NOTIFICATIONS_OTHER_IN, Topics.NOTIFICATIONS, "driftsvakt-senders-other");
        // Signals are small and each batch is one transaction with a fixed number of statements: with a backlog,
        // 2,000 per batch decide a quarter more signals per second than 500 (bench/kafka, run 8). Without one a
        // poll returns what there is, so latency is the same.
        // The connector pauses a channel once max-queue-size-factor batches wait for the method (in batch mode),
        // and resumes it only when the queue is empty and its polling thread is back from poll(), up to poll-timeout
        // later. With the default of 2, signals arriving every few milliseconds filled the queue behind any slower
        // batch, and the pause held the next ones back by up to 100 ms (bench/pipeline, run 19: signal -> incident
        // 55-100 ms for the slowest). Eight waiting batches of single records are at most 16,000 signals, a few MB.
        // Batch records (docs/design/signal-batches.md) hold up to 500 signals each, so a poll is bounded in bytes as
        // well: 2 MiB, some 7,000 signals of a usual size (a poll of 2,000 single records is about 600 KB), and eight
        // waiting polls at most 16 MiB, worked off well within the 60 s a record may wait for its commit.
        for (String channel : new String[] {Topics.Channels.SIGNALS_IN, Topics.Channels.SIGNALS_IN_INCIDENTS}) {
            m.put("mp.messaging.incoming." + channel + ".max.poll.records", "2000");
            m.put("mp.messaging.incoming." + channel + ".max-queue-size-factor", "8");
            m.put("mp.messaging.incoming." + channel + ".fetch.max.bytes", "2097152");
        }
        return Map.copyOf(m);
    }

    private static void out(Map<String, String> m, String channel, Topic topic) {
        String p = "mp.messaging.outgoing." + channel + ".";
        m.put(p + "connector", "smallrye-kafka");
        m.put(p + "topic", topic.name());
        m.put(p + "acks", "all");
        m.put(p + "enable.idempotence", "true");
        m.put(p + "linger.ms", "5");
        // No tracing backend is configured; the per-record span bookkeeping is pure cost on the hot path.
        m.put(p + "tracing-enabled", "false");
    }

    private static void in(Map<String, String> m, String channel, Topic topic, String group) {
        String p = "mp.messaging.incoming." + channel + ".";
        m.put(p + "connector", "smallrye-kafka");
        m.put(p + "topic", topic.name());
        m.put(p + "group.id", group);
        m.put(p + "auto.offset.reset", "earliest");
        m.put(p + "tracing-enabled", "false");
        // A replica that dies without leaving its groups (kill -9, OOM kill, a lost node) holds its partitions until
        // the broker misses its heartbeats for session.timeout.ms. Kafka's default is 45 s: notices and signals on
        // those partitions would wait that long for another replica. 10 s, with a heartbeat every 3 s.
        m.put(p + "session.timeout.ms", "10000");
        m.put(p + "heartbeat.interval.ms", "3000");
        // Records arrive in batches (ConsumerRecords); the consumer dead-letters poison records one by one
        // (platform.DeadLetters) and the batch's offsets are committed after all its effects are acknowledged.
        m.put(p + "batch", "true");
        m.put(p + "max.poll.records", "500");
        if (!topic.equals(Topics.NOTIFICATIONS)) {
            // Under load, wait up to 10 ms for 16 KiB instead of fetching every few records: far fewer fetches for
            // the broker and fewer, larger batches (one transaction each) for the consumer. The price: an idle
            // consumer asks the broker a hundred times a second. Notifications come a few at a time, so their
            // consumers keep Kafka's defaults (an answer as soon as one record is there, else after 500 ms): the
            // two idle sender consumers took 6 % of the service's CPU at 1,000 signals/s (bench/pipeline, JFR).
            m.put(p + "fetch.min.bytes", "16384");
            m.put(p + "fetch.max.wait.ms", "10");
        }
        // While the consumer method is busy, the connector pauses the partitions; it resumes them from its polling
        // thread, which waits in poll() for up to poll-timeout (1 s by default) because paused partitions bring
        // nothing. So every pause could hold records back for up to a second: at 1,000 signals/s, with 100 ms the
        // p90 signal -> problem fell from 336-740 ms to 187-210 ms and the p99 from 0.6-2.0 s to 0.5-1.0 s
        // (bench/pipeline, runs 11-15). An idle poll loop wakes ten times a second instead of once; that costs
        // nothing measurable.
        m.put(p + "poll-timeout", "100");
        // At-least-once: the offset is committed only after the method's CompletionStage completed.
        m.put(p + "commit-strategy", "throttled");
        // A record that cannot be handled is dead-lettered by the consumer itself (platform.DeadLetters), one by
        // one. What is left to fail a batch is the broker not taking its effects after the producer's own retries
        // (delivery.timeout.ms): then the channel stops, readiness goes down, nothing is committed, and the
        // batch is redelivered after restart.
        m.put(p + "failure-strategy", "fail");
        // Values arrive as text and are parsed by the consumer, so a malformed record fails in code (and is
        // dead-lettered with its original bytes) instead of failing the deserializer.
        m.put(p + "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        m.put(p + "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    }

    @Override
    public Map<String, String> getProperties() {
        return VALUES;
    }

    @Override
    public Set<String> getPropertyNames() {
        return VALUES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return VALUES.get(propertyName);
    }

    @Override
    public String getName() {
        return "driftsvakt-topics";
    }

    @Override
    public int getOrdinal() {
        return 150;
    }
}
