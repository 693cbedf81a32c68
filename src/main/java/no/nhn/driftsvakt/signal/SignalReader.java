package no.nhn.driftsvakt.signal;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Reads a signal from a record of {@code driftsvakt.signals}, for both of its consumers (incident engine, status).
 * One {@link ObjectReader} made once: {@code ObjectMapper.readValue} looks up the type and sets up its context again
 * for every record, a fifth of the parsing in an alert storm (bench/kafka, JFR).
 */
@ApplicationScoped
public class SignalReader {

    private final ObjectReader reader;

    @Inject
    public SignalReader(ObjectMapper json) {
        this.reader = json.readerFor(Signal.class);
    }

    /**
     * @throws IllegalArgumentException starting "not a valid signal: ", naming what is wrong: unreadable JSON (the
     *                                  parser's first line) or a missing id, source, component, state or at
     */
    public Signal read(String value) {
        if (value == null) {
            throw new IllegalArgumentException("not a valid signal: the record has no value");
        }
        Signal s;
        try {
            s = reader.readValue(value);
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException("not a valid signal: " + m, e);
        }
        if (s == null || s.id() == null || s.source() == null || s.component() == null || s.state() == null
                || s.at() == null) {
            throw new IllegalArgumentException("not a valid signal: id, source, component, state or at is missing");
        }
        return s;
    }
}
