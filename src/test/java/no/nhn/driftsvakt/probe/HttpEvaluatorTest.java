package no.nhn.driftsvakt.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.catalog.CheckSpec;

class HttpEvaluatorTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");

    private static CheckSpec.Http spec(Optional<String> contains, Optional<Pattern> regex, Optional<String> field,
                                       Optional<String> equals, Optional<Duration> maxLatency) {
        return new CheckSpec.Http(URI.create("https://example.test/health"), "GET", Map.of(), Set.of(200), contains,
                regex, field, equals, maxLatency, 14, false, Optional.empty());
    }

    private static final CheckSpec.Http PLAIN = spec(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    @Test
    void expectedStatusPasses() {
        ProbeOutcome o = HttpEvaluator.evaluate(PLAIN, 200, "", 12, Optional.empty(), NOW);
        assertTrue(o.ok());
        assertEquals(12, o.latencyMs());
    }

    @Test
    void unexpectedStatusFailsWithTheStatusInTheDetail() {
        ProbeOutcome o = HttpEvaluator.evaluate(PLAIN, 503, "", 12, Optional.empty(), NOW);
        assertEquals(FailureReason.UNEXPECTED_STATUS, o.reason());
        assertEquals("HTTP 503, expected [200]", o.detail());
    }

    @Test
    void bodyContainsAndRegex() {
        CheckSpec.Http s = spec(Optional.of("ok"), Optional.of(Pattern.compile("\"db\"\\s*:\\s*\"up\"")),
                Optional.empty(), Optional.empty(), Optional.empty());
        assertTrue(HttpEvaluator.evaluate(s, 200, "{\"status\":\"ok\",\"db\": \"up\"}", 1, Optional.empty(), NOW).ok());
        assertEquals(FailureReason.BODY_MISMATCH,
                HttpEvaluator.evaluate(s, 200, "{\"status\":\"fail\"}", 1, Optional.empty(), NOW).reason());
        assertEquals(FailureReason.BODY_MISMATCH,
                HttpEvaluator.evaluate(s, 200, "{\"status\":\"ok\",\"db\":\"down\"}", 1, Optional.empty(), NOW).reason());
    }

    @Test
    void jsonFieldEqualsFollowsADottedPath() {
        CheckSpec.Http s = spec(Optional.empty(), Optional.empty(), Optional.of("checks.1.state"), Optional.of("up"),
                Optional.empty());
        String good = "{\"checks\":[{\"state\":\"up\"},{\"state\":\"up\"}]}";
        String bad = "{\"checks\":[{\"state\":\"up\"},{\"state\":\"down\"}]}";
        assertTrue(HttpEvaluator.evaluate(s, 200, good, 1, Optional.empty(), NOW).ok());
        ProbeOutcome o = HttpEvaluator.evaluate(s, 200, bad, 1, Optional.empty(), NOW);
        assertEquals(FailureReason.JSON_MISMATCH, o.reason());
        assertEquals("JSON field checks.1.state is 'down', expected 'up'", o.detail());
        assertEquals(FailureReason.JSON_MISMATCH,
                HttpEvaluator.evaluate(s, 200, "not json", 1, Optional.empty(), NOW).reason());
    }

    @Test
    void slowerThanMaxLatencyFails() {
        CheckSpec.Http s = spec(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Duration.ofMillis(500)));
        assertTrue(HttpEvaluator.evaluate(s, 200, "", 499, Optional.empty(), NOW).ok());
        assertEquals(FailureReason.TOO_SLOW, HttpEvaluator.evaluate(s, 200, "", 501, Optional.empty(), NOW).reason());
    }

    @Test
    void certificateExpiringWithinTheWarningPeriodFails() {
        ProbeOutcome soon = HttpEvaluator.evaluate(PLAIN, 200, "", 1, Optional.of(NOW.plus(Duration.ofDays(10))), NOW);
        ProbeOutcome later = HttpEvaluator.evaluate(PLAIN, 200, "", 1, Optional.of(NOW.plus(Duration.ofDays(40))), NOW);

        assertEquals(FailureReason.TLS_EXPIRING, soon.reason());
        assertEquals(10, soon.certDaysLeft());
        assertTrue(later.ok());
        assertEquals(40, later.certDaysLeft());
    }
}
