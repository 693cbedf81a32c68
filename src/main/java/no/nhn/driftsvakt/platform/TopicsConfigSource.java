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
        out(m, Topics.Channels.STATUS_OUT, Topics.STATUS);
        out(m, Topics.Channels.PROBE_WORK_OUT, Topics.PROBE_WORK);
        in(m, Topics.Channels.PROBE_RESULTS_IN, Topics.PROBE_RESULTS, "driftsvakt-detector");
        in(m, Topics.Channels.SIGNALS_IN, Topics.SIGNALS, "driftsvakt-status");
        return Map.copyOf(m);
    }

    private static void out(Map<String, String> m, String channel, Topic topic) {
        String p = "mp.messaging.outgoing." + channel + ".";
        m.put(p + "connector", "smallrye-kafka");
        m.put(p + "topic", topic.name());
        m.put(p + "acks", "all");
        m.put(p + "enable.idempotence", "true");
    }

    private static void in(Map<String, String> m, String channel, Topic topic, String group) {
        String p = "mp.messaging.incoming." + channel + ".";
        m.put(p + "connector", "smallrye-kafka");
        m.put(p + "topic", topic.name());
        m.put(p + "group.id", group);
        m.put(p + "auto.offset.reset", "earliest");
        // At-least-once: the offset is committed only after the method's CompletionStage completed.
        m.put(p + "commit-strategy", "throttled");
        // A record that cannot be handled goes to the dead-letter topic with the reason in its headers.
        m.put(p + "failure-strategy", "dead-letter-queue");
        m.put(p + "dead-letter-queue.topic", Topics.DEAD_LETTER.name());
        // Values arrive as text and are parsed by the consumer, so a malformed record fails in code (and is
        // dead-lettered with its original bytes) instead of failing the deserializer.
        m.put(p + "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        m.put(p + "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        m.put(p + "dead-letter-queue.key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        m.put(p + "dead-letter-queue.value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
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
