package no.nhn.driftsvakt.signal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Reads the signals of a record of {@code driftsvakt.signals}, for both of its consumers (incident engine, status):
 * one signal object, or a batch record (a JSON array of them).
 * One {@link ObjectReader} made once: {@code ObjectMapper.readValue} looks up the type and sets up its context again
 * for every record, a fifth of the parsing in an alert storm (bench/kafka, JFR).
 */
@ApplicationScoped
public class SignalReader {

    private final ObjectReader reader;
    private final ObjectReader arrays;
    private final ObjectReader trees;

    @Inject
    public SignalReader(ObjectMapper json) {
        this.reader = json.readerFor(Signal.class);
        this.arrays = json.readerFor(Signal[].class);
        this.trees = json.reader();
    }

    /** An item of a batch record that is not a valid signal: its position, its own JSON, and what is wrong. */
    public record Invalid(int index, String json, String reason) {
    }

    /** What one record holds: its signals in order, and the items that could not be read. */
    public record Contents(List<Signal> signals, List<Invalid> invalid) {
    }

    /**
     * Reads a record of {@code driftsvakt.signals}: one signal object, or a batch record, a JSON array of them
     * (docs/design/signal-batches.md). In an array, an item that is not a valid signal is returned as
     * {@link Invalid} and the others are read.
     *
     * @throws IllegalArgumentException as {@link #read}, when the record as a whole cannot be read (a single object that
     *                                  is not a valid signal, or not JSON at all)
     */
    public Contents readAll(String value) {
        if (value == null || !isArray(value)) {
            return new Contents(List.of(read(value)), List.of());
        }
        try {
            Signal[] all = arrays.readValue(value);
            List<Signal> signals = new ArrayList<>(all.length);
            for (Signal s : all) {
                if (!complete(s)) {
                    return itemByItem(value); // rare: find which, and say why
                }
                signals.add(s);
            }
            return new Contents(signals, List.of());
        } catch (IOException | RuntimeException e) {
            return itemByItem(value);
        }
    }

    private Contents itemByItem(String value) {
        JsonNode items;
        try {
            items = trees.readTree(value);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid signal: " + firstLine(e), e);
        }
        List<Signal> signals = new ArrayList<>();
        List<Invalid> invalid = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            try {
                signals.add(read(item.isObject() ? item : null));
            } catch (IllegalArgumentException e) {
                invalid.add(new Invalid(i, item.toString(), "item " + i + " of a batch record: " + e.getMessage()));
            }
        }
        return new Contents(signals, invalid);
    }

    private Signal read(JsonNode item) {
        if (item == null) {
            throw new IllegalArgumentException("not a valid signal: not a JSON object");
        }
        return checked(() -> reader.readValue(item));
    }

    private interface Parse {
        Signal get() throws IOException;
    }

    /** The parsed signal, complete, or an exception starting "not a valid signal: " that names what is wrong. */
    private static Signal checked(Parse parse) {
        Signal s;
        try {
            s = parse.get();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid signal: " + firstLine(e), e);
        }
        if (!complete(s)) {
            throw new IllegalArgumentException("not a valid signal: id, source, component, state or at is missing");
        }
        return s;
    }

    private static boolean isArray(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '[';
            }
        }
        return false;
    }

    private static boolean complete(Signal s) {
        return s != null && s.id() != null && s.source() != null && s.component() != null && s.state() != null
                && s.at() != null;
    }

    private static String firstLine(Exception e) {
        return e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    }

    /**
     * @throws IllegalArgumentException starting "not a valid signal: ", naming what is wrong: unreadable JSON (the
     *                                  parser's first line) or a missing id, source, component, state or at
     */
    public Signal read(String value) {
        if (value == null) {
            throw new IllegalArgumentException("not a valid signal: the record has no value");
        }
        return checked(() -> reader.readValue(value));
    }
}
