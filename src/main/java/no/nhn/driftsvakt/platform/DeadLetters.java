package no.nhn.driftsvakt.platform;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue;

/**
 * Sends a record a consumer cannot handle to {@code driftsvakt.dead-letter}, unchanged, with the reason and
 * its source topic, partition and offset in headers (the same header names SmallRye's own dead-letter queue
 * uses), so batch consumers set aside one poison record without failing the batch.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    @Channel(Topics.Channels.DEAD_LETTER_OUT)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<String> out;

    @Inject
    MeterRegistry registry;

    public CompletionStage<Void> send(ConsumerRecord<String, String> r, String reason) {
        return send(r, r.value(), reason);
    }

    /**
     * As {@link #send(ConsumerRecord, String)}, with {@code value} in place of the record's value: one unreadable item
     * of a record that holds several (a batch record on {@code driftsvakt.signals}), so that a replay puts back
     * exactly what was not applied.
     */
    public CompletionStage<Void> send(ConsumerRecord<String, String> r, String value, String reason) {
        registry.counter("driftsvakt.dead.letters", "topic", r.topic()).increment();
        LOG.warnf("Dead-lettering %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add(KafkaDeadLetterQueue.DEAD_LETTER_REASON, bytes(reason));
        headers.add(KafkaDeadLetterQueue.DEAD_LETTER_TOPIC, bytes(r.topic()));
        headers.add(KafkaDeadLetterQueue.DEAD_LETTER_PARTITION, bytes(String.valueOf(r.partition())));
        headers.add(KafkaDeadLetterQueue.DEAD_LETTER_OFFSET, bytes(String.valueOf(r.offset())));
        CompletableFuture<Void> done = new CompletableFuture<>();
        Message<String> m = Message.of(value == null ? "" : value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(r.key()).withHeaders(headers).build())
                .withAck(() -> {
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(t -> {
                    done.completeExceptionally(t);
                    return CompletableFuture.completedFuture(null);
                });
        out.send(m);
        return done;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
