package no.nhn.driftsvakt.signal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import no.nhn.driftsvakt.platform.Topics;

/**
 * The one writer of {@code driftsvakt.signals} inside Driftsvakt (detector and ingest), keyed by component id.
 * A plain idempotent producer with acks=all: ingest is the hottest path, and a per-message reactive pipeline
 * cost more CPU than the send itself. Its buffer is bounded ({@code buffer.memory}); when it is full or the topic's
 * metadata is missing, a send waits at most {@code max.block.ms} (2 s) and then fails, and callers answer 503.
 * Metadata is fetched at start-up, so the first signal does not wait for it.
 */
@ApplicationScoped
public class SignalPublisher {

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** Overrides the brokers for signals only (used to test what ingest does when they are away). */
    @ConfigProperty(name = "driftsvakt.signals.bootstrap-servers")
    java.util.Optional<String> signalsBootstrap;

    private volatile KafkaProducer<String, String> producer;

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> c = new HashMap<>();
                    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, signalsBootstrap.orElse(bootstrap));
                    c.put(ProducerConfig.ACKS_CONFIG, "all");
                    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    c.put(ProducerConfig.LINGER_MS_CONFIG, 2);
                    c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
                    c.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
                    c.put(ProducerConfig.CLIENT_ID_CONFIG, "driftsvakt-signals");
                    c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    producer = new KafkaProducer<>(c);
                }
                p = producer;
            }
        }
        return p;
    }

    /** @return completes when the broker has acknowledged the signal (acks=all) */
    public CompletionStage<Void> publish(Signal s) {
        String value;
        try {
            value = json.writeValueAsString(s);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        producer().send(new ProducerRecord<>(Topics.SIGNALS.name(), s.component(), value), (meta, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else {
                done.complete(null);
            }
        });
        return done;
    }

    void warm(@Observes @jakarta.annotation.Priority(10) io.quarkus.runtime.StartupEvent ev) {
        try {
            producer().partitionsFor(Topics.SIGNALS.name());
        } catch (RuntimeException e) {
            // the broker may be away at start; the first send will fetch metadata (and wait at most max.block.ms)
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
