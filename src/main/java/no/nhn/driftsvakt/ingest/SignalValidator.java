package no.nhn.driftsvakt.ingest;

import no.nhn.driftsvakt.platform.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalState;

/**
 * Turns the JSON of {@code POST /api/v1/signals} into signals, or into errors that name the field. Pure: the
 * catalog lookup, the clock and the id source come in.
 */
public final class SignalValidator {

    static final Set<String> RESERVED_SOURCES = Set.of("probe", "incident");
    static final Set<String> FIELDS = Set.of("id", "source", "component", "state", "summary", "labels", "at");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@/+-]{1,200}");
    private static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    /** Either a signal or the errors found; never both. */
    public record Outcome(Signal signal, List<FieldError> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    private final Predicate<String> componentExists;
    private final Supplier<Instant> now;
    private final Supplier<String> newId;

    public SignalValidator(Predicate<String> componentExists, Supplier<Instant> now, Supplier<String> newId) {
        this.componentExists = componentExists;
        this.now = now;
        this.newId = newId;
    }

    /** Validates one signal object; {@code prefix} is prepended to field names (e.g. {@code [2].}). */
    public Outcome validate(JsonNode node, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(400, prefix.isEmpty() ? "(body)" : prefix.substring(0, prefix.length() - 1),
                    "expected a JSON object with source, component and state"));
            return new Outcome(null, errors);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                errors.add(new FieldError(400, prefix + f, "unknown field '" + f + "'; known fields: "
                        + new TreeSet<>(FIELDS)));
            }
        }
        String id = text(node, "id", prefix, false, 200, errors);
        if (id != null && !ID.matcher(id).matches()) {
            errors.add(new FieldError(400, prefix + "id", "use 1-200 letters, digits or . _ : @ / + -"));
        }
        String source = text(node, "source", prefix, true, 100, errors);
        if (source != null && RESERVED_SOURCES.contains(source)) {
            errors.add(new FieldError(400, prefix + "source", "'" + source + "' is reserved for Driftsvakt's own "
                    + "checks and incidents; name your monitor"));
        }
        String component = text(node, "component", prefix, true, 64, errors);
        String stateText = text(node, "state", prefix, true, 20, errors);
        String summary = text(node, "summary", prefix, false, 500, errors);
        SignalState state = null;
        if (stateText != null) {
            switch (stateText) {
                case "down" -> state = SignalState.DOWN;
                case "degraded" -> state = SignalState.DEGRADED;
                case "up" -> state = SignalState.UP;
                default -> errors.add(new FieldError(400, prefix + "state",
                        "'" + stateText + "' is not one of down, degraded, up"));
            }
        }
        Map<String, String> labels = labels(node.get("labels"), prefix, errors);
        Instant at = at(node.get("at"), prefix, errors);
        if (component != null && errors.isEmpty() && !componentExists.test(component)) {
            errors.add(new FieldError(404, prefix + "component", "unknown component '" + component + "'"));
        }
        if (!errors.isEmpty()) {
            return new Outcome(null, errors);
        }
        String key = source + ":" + labels.getOrDefault("fingerprint", component);
        return new Outcome(new Signal(id == null ? newId.get() : id, source, component, state,
                summary == null ? "" : summary, labels, at == null ? now.get() : at, key), List.of());
    }

    private static String text(JsonNode node, String field, String prefix, boolean required, int max,
                               List<FieldError> errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                errors.add(new FieldError(400, prefix + field, "required"));
            }
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new FieldError(400, prefix + field, "must be a string"));
            return null;
        }
        String s = v.asText();
        if (required && s.isBlank()) {
            errors.add(new FieldError(400, prefix + field, "must not be empty"));
            return null;
        }
        if (s.length() > max) {
            errors.add(new FieldError(400, prefix + field, "longer than " + max + " characters"));
            return null;
        }
        return s;
    }

    private static Map<String, String> labels(JsonNode v, String prefix, List<FieldError> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            errors.add(new FieldError(400, prefix + "labels", "must be an object of text values"));
            return out;
        }
        if (v.size() > 50) {
            errors.add(new FieldError(400, prefix + "labels", "more than 50 labels"));
            return out;
        }
        v.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                errors.add(new FieldError(400, prefix + "labels." + e.getKey(), "must be a string"));
            } else if (e.getKey().length() > 100 || e.getValue().asText().length() > 500) {
                errors.add(new FieldError(400, prefix + "labels." + e.getKey(), "name over 100 or value over 500 characters"));
            } else {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    private Instant at(JsonNode v, String prefix, List<FieldError> errors) {
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            Instant at = Instant.parse(v.asText());
            Instant received = now.get();
            if (at.isAfter(received.plus(MAX_FUTURE))) {
                errors.add(new FieldError(400, prefix + "at", "more than 5 minutes in the future"));
                return null;
            }
            // A sender's clock a little ahead of ours: taken as the time of receipt, as Alertmanager's times are, so
            // that its next signal without an `at` (dated on receipt) is not older than this one and judged stale.
            return at.isAfter(received) ? received : at;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(400, prefix + "at", "'" + v.asText()
                    + "' is not an ISO-8601 instant such as 2026-11-27T08:15:00Z"));
            return null;
        }
    }
}
