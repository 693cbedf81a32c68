package no.nhn.driftsvakt.ingest;

import no.nhn.driftsvakt.platform.FieldError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalState;

class AlertmanagerMapperTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** As the service reads a body: from its bytes, token by token. */
    private static AlertmanagerWebhook webhook(byte[] body) throws java.io.IOException {
        try (com.fasterxml.jackson.core.JsonParser p = JSON.getFactory().createParser(body)) {
            return AlertmanagerWebhook.read(p);
        }
    }

    private static AlertmanagerWebhook webhook(String body) throws java.io.IOException {
        return webhook(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static AlertmanagerMapper.Mapped sample() throws Exception {
        try (InputStream in = AlertmanagerMapperTest.class.getClassLoader()
                .getResourceAsStream("alertmanager/v4-firing-and-resolved.json")) {
            return AlertmanagerMapper.map(webhook(in.readAllBytes()), "component", Set.of("app-a", "app-b", "core")::contains,
                    () -> NOW);
        }
    }

    @Test
    void firingIsDownOrDegradedByseverityAndResolvedIsUp() throws Exception {
        List<Signal> s = sample().signals();

        assertEquals(3, s.size());
        assertEquals(SignalState.DOWN, s.get(0).state());
        assertEquals("app-a", s.get(0).component());
        assertEquals("EDI-køen står stille", s.get(0).summary());
        assertEquals(Instant.parse("2026-11-27T07:50:00Z"), s.get(0).at());
        assertEquals(SignalState.DEGRADED, s.get(1).state());
        assertEquals(SignalState.UP, s.get(2).state());
        assertEquals(Instant.parse("2026-11-27T07:45:00Z"), s.get(2).at(), "a resolution is dated by endsAt");
    }

    @Test
    void theFingerprintKeysTheSourceAndTheIdSoRepeatsAreTheSameSignal() throws Exception {
        Signal first = sample().signals().get(0);
        Signal again = sample().signals().get(0);

        assertEquals("alertmanager:a1b2c3d4e5f60718", first.sourceKey());
        assertEquals(first.id(), again.id());
        assertEquals("a1b2c3d4e5f60718", first.labels().get("fingerprint"));
        assertEquals("edi-1:9100", first.labels().get("instance"));
    }

    @Test
    void theLabelThatNamesTheComponentIsConfigurable() throws Exception {
        String body = """
                {"version":"4","alerts":[
                  {"status":"firing","labels":{"alertname":"EdiDown","service":"app-a","component":"core"},
                   "startsAt":"2026-11-27T07:50:00Z","fingerprint":"f1"},
                  {"status":"firing","labels":{"alertname":"NoService","component":"core"},
                   "startsAt":"2026-11-27T07:50:00Z","fingerprint":"f2"}]}""";

        AlertmanagerMapper.Mapped m = AlertmanagerMapper.map(webhook(body), "service",
                Set.of("app-a", "core")::contains, () -> NOW);

        assertEquals(List.of("app-a"), m.signals().stream().map(Signal::component).toList(),
                "the 'service' label, not 'component'");
        assertEquals(1, m.skipped().size());
        assertEquals("no 'service' label", m.skipped().get(0).reason());
    }

    @Test
    void alertsThatCannotBePlacedAreSkippedWithAReason() throws Exception {
        List<AlertmanagerMapper.Skipped> skipped = sample().skipped();

        assertEquals(List.of(new AlertmanagerMapper.Skipped(3, "d4e5f60718293041", "no 'component' label"),
                new AlertmanagerMapper.Skipped(4, "e5f6071829304152", "unknown component 'no-such-thing'")), skipped);
    }

    @Test
    void anotherVersionOrNoAlertsIsAnError() throws Exception {
        AlertmanagerMapper.Mapped m = AlertmanagerMapper.map(webhook("{\"version\":\"3\"}"), "component",
                x -> true, () -> NOW);

        assertEquals(List.of("version", "alerts"), m.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void aMissingFingerprintIsComputedFromTheLabels() {
        String a = AlertmanagerMapper.fingerprintOf(Map.of("alertname", "X", "component", "c"));
        String b = AlertmanagerMapper.fingerprintOf(Map.of("component", "c", "alertname", "X"));

        assertEquals(a, b);
        assertTrue(a.matches("[0-9a-f]{16}"));
    }

    /** Part of the signal ids and source keys of alerts without one: values from before its implementation changed. */
    @Test
    void ourOwnFingerprintOfTheLabelsNeverChanges() {
        Map<String, String> labels = new java.util.HashMap<>(Map.of("alertname", "ComponentDown",
                "component", "svc-0-1-2", "site", "s0", "æøå", "verdi – \uD83D\uDE00"));
        assertEquals("ebd6b4b99ca34d52", AlertmanagerMapper.fingerprintOf(labels));
        assertEquals("ebd6b4b99ca34d52", AlertmanagerMapper.fingerprintOf(new java.util.TreeMap<>(labels)));
        assertEquals("e3b0c44298fc1c14", AlertmanagerMapper.fingerprintOf(Map.of()));
    }
}
