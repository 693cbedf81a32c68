package no.nhn.driftsvakt.signal;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.smallrye.reactive.messaging.kafka.Record;
import no.nhn.driftsvakt.platform.Topics;

/**
 * The one writer of {@code driftsvakt.signals} inside Driftsvakt (detector and ingest), keyed by component id.
 * The buffer is bounded: when it is full, {@link #publish} throws and callers answer 503.
 */
@ApplicationScoped
public class SignalPublisher {

    @Inject
    @Channel(Topics.Channels.SIGNALS_OUT)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
    Emitter<Record<String, Signal>> out;

    /** @return completes when the broker has acknowledged the signal (acks=all) */
    public CompletionStage<Void> publish(Signal s) {
        return out.send(Record.of(s.component(), s));
    }
}
