package no.nhn.driftsvakt.ingest;

import no.nhn.driftsvakt.platform.FieldError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import no.nhn.driftsvakt.platform.FastInstantDeserializer;
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
    private static final MessageDigest SHA256;

    static {
        try {
            SHA256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** An alert that was not turned into a signal, and why. */
    public record Skipped(int index, String fingerprint, String reason) {
    }

    /** The signals, the alerts skipped, and errors that make the whole payload unusable. */
    public record Mapped(List<Signal> signals, List<Skipped> skipped, List<FieldError> errors) {
    }

    private AlertmanagerMapper() {
    }

    /** Maps a webhook as {@link AlertmanagerWebhook#read} read it from the request body. */
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
        Instant received = now.get();
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
            Instant stated = time(firing ? a.startsAt() : a.endsAt(), received);
            Instant at = stated.isAfter(received) ? received : stated; // a clock ahead of ours is not trusted
            SignalState state = !firing ? SignalState.UP
                    : MILD.contains(labels.getOrDefault("severity", "")) ? SignalState.DEGRADED : SignalState.DOWN;
            Map<String, String> annotations = a.annotations();
            String summary = annotations.getOrDefault("summary",
                    annotations.getOrDefault("description", labels.getOrDefault("alertname", "")));
            Map<String, String> signalLabels = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : labels.entrySet()) {
                if (signalLabels.size() == 40) {
                    break;
                }
                signalLabels.put(e.getKey(), truncate(e.getValue(), 500));
            }
            signalLabels.put("fingerprint", fingerprint);
            signals.add(new Signal("alertmanager:" + fingerprint + ":" + status + ":" + stated.toEpochMilli(),
                    "alertmanager", component, state, truncate(summary, 500), signalLabels, at,
                    "alertmanager:" + fingerprint));
        }
        return new Mapped(signals, skipped, errors);
    }

    /** The alert's time, or now when it has none (Alertmanager's zero time, before 1970, unreadable). */
    private static Instant time(String text, Instant now) {
        if (text == null) {
            return now;
        }
        try {
            Instant t = FastInstantDeserializer.parseUtc(text); // the usual form, without DateTimeFormatter
            if (t == null) {
                t = Instant.parse(text);
            }
            return t.equals(ZERO_TIME) || t.isBefore(Instant.EPOCH) ? now : t;
        } catch (DateTimeParseException e) {
            return now;
        }
    }

    private static String truncate(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    /**
     * A fingerprint of our own (SHA-256 of the sorted labels, not Alertmanager's hash) when the payload has none: the
     * first 8 bytes in hex of SHA-256 over each label as UTF-8 {@code name \0 value \0}, by name. It is part of the
     * signal ids and source keys, so it must never change.
     */
    static String fingerprintOf(Map<String, String> labels) {
        MessageDigest md = sha256();
        Map<String, String> sorted = labels instanceof SortedMap<String, String> m && m.comparator() == null ? labels
                : new TreeMap<>(labels);
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(e.getValue().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest(), 0, 8);
    }

    /** A fresh SHA-256 digest, cloned from a prototype (looking the algorithm up each time cost more than hashing). */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException x) {
                throw new IllegalStateException(x);
            }
        }
    }
}
