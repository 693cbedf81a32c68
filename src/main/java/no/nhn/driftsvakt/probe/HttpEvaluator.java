package no.nhn.driftsvakt.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import no.nhn.driftsvakt.catalog.CheckSpec;

/** Judges an HTTP response against a check's conditions. Pure: the response and the time come in as values. */
public final class HttpEvaluator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpEvaluator() {
    }

    /**
     * @param certNotAfter expiry of the server certificate, when the connection was TLS
     */
    public static ProbeOutcome evaluate(CheckSpec.Http spec, int status, String body, long latencyMs,
                                        Optional<Instant> certNotAfter, Instant now) {
        Integer daysLeft = certNotAfter.map(na -> (int) Math.floorDiv(Duration.between(now, na).toHours(), 24))
                .orElse(null);
        ProbeOutcome outcome = judge(spec, status, body, latencyMs, daysLeft);
        return outcome.withCertDaysLeft(daysLeft);
    }

    private static ProbeOutcome judge(CheckSpec.Http spec, int status, String body, long latencyMs, Integer daysLeft) {
        if (!spec.expectStatus().contains(status)) {
            return ProbeOutcome.failure(FailureReason.UNEXPECTED_STATUS, latencyMs,
                    "HTTP " + status + ", expected " + spec.expectStatus());
        }
        if (spec.bodyContains().isPresent() && (body == null || !body.contains(spec.bodyContains().get()))) {
            return ProbeOutcome.failure(FailureReason.BODY_MISMATCH, latencyMs,
                    "body does not contain the expected text");
        }
        if (spec.bodyRegex().isPresent() && (body == null || !spec.bodyRegex().get().matcher(body).find())) {
            return ProbeOutcome.failure(FailureReason.BODY_MISMATCH, latencyMs,
                    "body does not match /" + spec.bodyRegex().get().pattern() + "/");
        }
        if (spec.jsonField().isPresent()) {
            Optional<String> actual = jsonField(body, spec.jsonField().get());
            if (actual.isEmpty() || !actual.get().equals(spec.jsonEquals().orElse(""))) {
                return ProbeOutcome.failure(FailureReason.JSON_MISMATCH, latencyMs, "JSON field "
                        + spec.jsonField().get() + " is " + actual.map(a -> "'" + truncate(a) + "'").orElse("missing")
                        + ", expected '" + spec.jsonEquals().orElse("") + "'");
            }
        }
        if (spec.maxLatency().isPresent() && latencyMs > spec.maxLatency().get().toMillis()) {
            return ProbeOutcome.failure(FailureReason.TOO_SLOW, latencyMs,
                    "answered in " + latencyMs + " ms, limit " + spec.maxLatency().get().toMillis() + " ms");
        }
        if (daysLeft != null && daysLeft < spec.certExpiryWarnDays()) {
            return ProbeOutcome.failure(FailureReason.TLS_EXPIRING, latencyMs,
                    daysLeft < 0 ? "certificate expired" : "certificate expires in " + daysLeft + " days");
        }
        return ProbeOutcome.success(latencyMs);
    }

    /** Follows a dotted path ({@code a.b.0.c}) into a JSON document; array elements by index. */
    static Optional<String> jsonField(String body, String path) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(body);
            for (String part : path.split("\\.")) {
                if (node == null) {
                    return Optional.empty();
                }
                node = node.isArray() && part.chars().allMatch(Character::isDigit) ? node.get(Integer.parseInt(part))
                        : node.get(part);
            }
            if (node == null || node.isMissingNode() || node.isNull()) {
                return Optional.empty();
            }
            return Optional.of(node.isValueNode() ? node.asText() : node.toString());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String truncate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
