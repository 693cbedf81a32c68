package no.nhn.driftsvakt.incident;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;
import no.nhn.driftsvakt.platform.DeadLetters;
import no.nhn.driftsvakt.platform.Topics;
import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalReader;

/**
 * Consumes {@code driftsvakt.signals} (group {@code driftsvakt-incidents}) in batches: each batch in one
 * transaction, committed to Kafka only after the database. A database outage is retried with backoff for about
 * half a minute before the channel fails (readiness down; redelivered after restart).
 */
@ApplicationScoped
public class IncidentConsumer {

    private static final Logger LOG = Logger.getLogger(IncidentConsumer.class);

    @Inject
    IncidentService incidents;

    @Inject
    DeadLetters deadLetters;

    @Inject
    SignalReader reader;

    @Incoming(Topics.Channels.SIGNALS_IN_INCIDENTS)
    @Blocking(ordered = true)
    public void onSignals(ConsumerRecords<String, String> records) throws Exception {
        List<Signal> signals = new ArrayList<>(records.count());
        List<CompletableFuture<Void>> dead = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            try {
                signals.add(reader.read(r.value()));
            } catch (IllegalArgumentException e) {
                dead.add(deadLetters.send(r, e.getMessage()).toCompletableFuture());
            }
        }
        long backoff = 500;
        for (int attempt = 1; ; attempt++) {
            try {
                incidents.applySignals(signals);
                break;
            } catch (SQLException | IncidentStore.StaleIncidentException | IllegalStateException e) {
                if (attempt >= 7 || (e instanceof IllegalStateException && !(e.getCause() instanceof SQLException))) {
                    throw e;
                }
                LOG.warnf("Signals not applied to incidents (attempt %d), retrying in %d ms: %s", attempt, backoff,
                        e.toString());
                Thread.sleep(backoff);
                backoff *= 2;
            }
        }
        CompletableFuture.allOf(dead.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }
}
