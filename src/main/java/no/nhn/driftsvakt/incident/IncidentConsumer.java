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
 * Consumes {@code driftsvakt.signals} (group {@code driftsvakt-incidents}) in batches: each batch (or slice of at most
 * {@link #SLICE} signals, when batch records make it larger) in one transaction, committed to Kafka only after the
 * database. An unreadable record is dead-lettered; so is an unreadable item of a batch record, alone (a record with
 * more than {@link #MAX_ITEM_DEAD_LETTERS} of them, whole, once). A database outage is retried with backoff for about
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
                SignalReader.Contents c = reader.readAll(r.value());
                signals.addAll(c.signals());
                if (c.invalid().size() > MAX_ITEM_DEAD_LETTERS) {
                    // A bridge that gets every item wrong: the record once, not hundreds of dead letters (a replay
                    // repeats its valid signals too, which are then known by their ids)
                    dead.add(deadLetters.send(r, c.invalid().size() + " items of a batch record are not valid signals; "
                            + "the first: " + c.invalid().get(0).reason()).toCompletableFuture());
                } else {
                    for (SignalReader.Invalid bad : c.invalid()) {
                        dead.add(deadLetters.send(r, bad.json(), bad.reason()).toCompletableFuture());
                    }
                }
            } catch (IllegalArgumentException e) {
                dead.add(deadLetters.send(r, e.getMessage()).toCompletableFuture());
            }
            if (dead.size() >= DEAD_LETTERS_IN_FLIGHT) { // stay well inside the dead-letter channel's buffer
                CompletableFuture.allOf(dead.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                dead.clear();
            }
        }
        // Batch records can make a poll far larger than its record count: one transaction per slice of at most
        // SLICE signals, in order; the offsets are committed after the last.
        for (int from = 0; from < signals.size() || from == 0; from += SLICE) {
            apply(signals.subList(from, Math.min(signals.size(), from + SLICE)));
        }
        CompletableFuture.allOf(dead.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    /** The most signals applied in one transaction: a poll's worth of single records. */
    static final int SLICE = 2000;

    /** Beyond this many unreadable items, a batch record is dead-lettered whole. */
    static final int MAX_ITEM_DEAD_LETTERS = 10;

    /** Dead letters sent before waiting for them (the channel buffers 4,096; its overflow would stop it). */
    static final int DEAD_LETTERS_IN_FLIGHT = 500;

    private void apply(List<Signal> signals) throws Exception {
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
    }
}
