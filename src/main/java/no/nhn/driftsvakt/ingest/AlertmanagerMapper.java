package no.nhn.driftsvakt.ingest;

import no.nhn.driftsvakt.platform.FieldError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;

import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalState;

/**
 * Maps a Prometheus Alertmanager webhook (version 4) to signals: one per alert, the component named by a
 * label, firing → down (or degraded for severity warning/info), resolved → up, the alert's fingerprint as
 * the source key. Pure. Alerts it cannot place are skipped with a reason rather than failing the others.
 */
public final class AlertmanagerMapper {

    private static final Set<String> MILD = Set.of("warning", "info", "minor", "low");
    private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    /** An alert that was not turned into a signal, and why. */
    public record Skipped(int index, String fingerprint, String reason) {
    }

    /** The signals, the alerts skipped, and errors that make the whole payload unusable. */
    public record Mapped(List<Signal> signals, List<Skipped> skipped, List<FieldError> errors) {
    }

    private AlertmanagerMapper() {
    }

    /** Maps a webhook given as a JSON tree (as read by {@link AlertmanagerWebhook#read} from the tree's tokens). */
    public static Mapped map(JsonNode payload, String componentLabel, Predicate<String> componentExists,
                             Supplier<Instant> now) {
        try (JsonParser p = payload == null ? null : payload.traverse()) {
            AlertmanagerWebhook webhook = p == null ? new AlertmanagerWebhook(false, null, null)
                    : AlertmanagerWebhook.read(p);
            return map(webhook, componentLabel, componentExists, now);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a tree is well-formed JSON
        }
    }

    static Mapped map(AlertmanagerWebhook payload, String componentLabel, Predicate<String> componentExists,
                      Supplier<Instant> now) {
        List<Signal> signals = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        if (!payload.object()) {
            errors.add(new FieldError(400, "(body)", "expected an Alertmanager webhook object"));
            return new Mapped(signals, skipped, errors);
        }
        String version = payload.version();
        if (version != null && !"4".equals(version)) {
            errors.add(new FieldError(400, "version", "'" + version + "' is not supported; expected \"4\""));
        }
        List<AlertmanagerWebhook.Alert> alerts = payload.alerts();
        if (alerts == null) {
            errors.add(new FieldError(400, "alerts", "required: a list of alerts"));
        }
        if (!errors.isEmpty()) {
            return new Mapped(signals, skipped, errors);
        }
        for (int i = 0; i < alerts.size(); i++) {
            AlertmanagerWebhook.Alert a = alerts.get(i);
            Map<String, String> labels = a.labels();
            String fingerprint = a.fingerprint();
            if (fingerprint == null || fingerprint.isBlank()) {
                fingerprint = fingerprintOf(labels);
            }
            String status = a.status();
            String component = labels.get(componentLabel);
            if (!"firing".equals(status) && !"resolved".equals(status)) {
                skipped.add(new Skipped(i, fingerprint, "status '" + status + "' is not firing or resolved"));
                continue;
            }
            if (component == null || component.isBlank()) {
                skipped.add(new Skipped(i, fingerprint, "no '" + componentLabel + "' label"));
                continue;
            }
            if (!componentExists.test(component)) {
                skipped.add(new Skipped(i, fingerprint, "unknown component '" + component + "'"));
                continue;
            }
            boolean firing = status.equals("firing");
            Instant stated = firing ? time(a.startsAt(), now) : time(a.endsAt(), now);
            Instant at = stated.isAfter(now.get()) ? now.get() : stated; // a clock ahead of ours is not trusted
            SignalState state = !firing ? SignalState.UP
                    : MILD.contains(labels.getOrDefault("severity", "")) ? SignalState.DEGRADED : SignalState.DOWN;
            Map<String, String> annotations = a.annotations();
            String summary = annotations.getOrDefault("summary",
                    annotations.getOrDefault("description", labels.getOrDefault("alertname", "")));
            Map<String, String> signalLabels = new LinkedHashMap<>();
            labels.entrySet().stream().limit(40).forEach(e -> signalLabels.put(e.getKey(), truncate(e.getValue(), 500)));
            signalLabels.put("fingerprint", fingerprint);
            signals.add(new Signal("alertmanager:" + fingerprint + ":" + status + ":" + stated.toEpochMilli(),
                    "alertmanager", component, state, truncate(summary, 500), signalLabels, at,
                    "alertmanager:" + fingerprint));
        }
        return new Mapped(signals, skipped, errors);
    }

    private static Instant time(String text, Supplier<Instant> now) {
        if (text == null) {
            return now.get();
        }
        try {
            Instant t = Instant.parse(text);
            return t.equals(ZERO_TIME) || t.isBefore(Instant.EPOCH) ? now.get() : t;
        } catch (DateTimeParseException e) {
            return now.get();
        }
    }

    private static String truncate(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    /** A fingerprint of our own (SHA-256 of the sorted labels, not Alertmanager's hash) when the payload has none. */
    static String fingerprintOf(Map<String, String> labels) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(labels).forEach((k, v) -> md.update((k + "\u0000" + v + "\u0000").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
