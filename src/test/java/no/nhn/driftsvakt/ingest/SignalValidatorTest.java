package no.nhn.driftsvakt.ingest;

import no.nhn.driftsvakt.platform.FieldError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalState;

class SignalValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SignalValidator v = new SignalValidator(Set.of("edi", "helseid")::contains, () -> NOW, () -> "sig-1");

    private SignalValidator.Outcome validate(String json) throws Exception {
        JsonNode n = JSON.readTree(json);
        return v.validate(n, "");
    }

    @Test
    void aMinimalSignalGetsAnIdATimeAndASourceKey() throws Exception {
        Signal s = validate("{\"source\":\"nagios\",\"component\":\"edi\",\"state\":\"down\"}").signal();

        assertEquals("sig-1", s.id());
        assertEquals(SignalState.DOWN, s.state());
        assertEquals(NOW, s.at());
        assertEquals("nagios:edi", s.sourceKey());
    }

    @Test
    void aTimeAheadOfOurClockIsTakenAsTheTimeOfReceiptAndTooFarAheadIsRefused() throws Exception {
        Signal ahead = validate("{\"source\":\"nagios\",\"component\":\"edi\",\"state\":\"down\","
                + "\"at\":\"2026-11-27T08:02:00Z\"}").signal();
        SignalValidator.Outcome tooFar = validate("{\"source\":\"nagios\",\"component\":\"edi\","
                + "\"state\":\"down\",\"at\":\"2026-11-27T08:06:00Z\"}");

        assertEquals(NOW, ahead.at(), "so that the up sent without a time later is not older than this down");
        assertEquals("at", tooFar.errors().get(0).field());
    }

    @Test
    void allFieldsAreKeptAndAFingerprintLabelNamesTheSource() throws Exception {
        Signal s = validate("""
                {"id":"n-42","source":"nagios","component":"edi","state":"degraded","summary":"treg",
                 "labels":{"site":"oslo","fingerprint":"q1"},"at":"2026-11-27T07:59:00Z"}""").signal();

        assertEquals("n-42", s.id());
        assertEquals(Map.of("site", "oslo", "fingerprint", "q1"), s.labels());
        assertEquals(Instant.parse("2026-11-27T07:59:00Z"), s.at());
        assertEquals("nagios:q1", s.sourceKey());
    }

    @Test
    void everyBadFieldIsNamed() throws Exception {
        SignalValidator.Outcome o = validate("""
                {"source":"","component":"edi","state":"broken","labels":{"a":1},"at":"yesterday","colour":"red"}""");

        assertNull(o.signal());
        List<String> fields = o.errors().stream().map(FieldError::field).toList();
        assertEquals(List.of("colour", "source", "state", "labels.a", "at"), fields, o.errors().toString());
        assertTrue(o.errors().stream().allMatch(e -> e.status() == 400));
        assertEquals("'broken' is not one of down, degraded, up", o.errors().get(2).message());
    }

    @Test
    void driftsvaktsOwnSourceNamesAreReserved() throws Exception {
        SignalValidator.Outcome o = validate("{\"source\":\"incident\",\"component\":\"edi\",\"state\":\"down\"}");

        assertEquals("source", o.errors().get(0).field());
        assertTrue(o.errors().get(0).message().contains("reserved"));
    }

    @Test
    void anUnknownComponentIsA404() throws Exception {
        SignalValidator.Outcome o = validate("{\"source\":\"x\",\"component\":\"edu\",\"state\":\"up\"}");

        assertEquals(List.of(new FieldError(404, "component", "unknown component 'edu'")), o.errors());
    }

    @Test
    void missingRequiredFieldsAndWrongTypes() throws Exception {
        SignalValidator.Outcome o = validate("{\"component\":5}");

        assertEquals(List.of(new FieldError(400, "source", "required"), new FieldError(400, "component",
                "must be a string"), new FieldError(400, "state", "required")), o.errors());
    }

    @Test
    void aTimeFarInTheFutureIsRefused() throws Exception {
        SignalValidator.Outcome o = validate(
                "{\"source\":\"x\",\"component\":\"edi\",\"state\":\"up\",\"at\":\"2026-11-27T09:00:00Z\"}");

        assertEquals("at", o.errors().get(0).field());
    }

    @Test
    void batchItemsArePrefixedWithTheirIndex() throws Exception {
        SignalValidator.Outcome o = v.validate(JSON.readTree("{\"source\":\"x\",\"component\":\"edi\"}"), "[3].");

        assertEquals("[3].state", o.errors().get(0).field());
        assertEquals("[0]", v.validate(JSON.readTree("42"), "[0].").errors().get(0).field());
    }
}
