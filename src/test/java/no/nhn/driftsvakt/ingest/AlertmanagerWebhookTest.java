package no.nhn.driftsvakt.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;

class AlertmanagerWebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static AlertmanagerWebhook read(String body) throws IOException {
        try (JsonParser p = JSON.getFactory().createParser(body.getBytes(StandardCharsets.UTF_8))) { // as the service
            return AlertmanagerWebhook.read(p);
        }
    }

    private static AlertmanagerWebhook readTree(String body) throws IOException {
        try (JsonParser p = JSON.readTree(body).traverse()) {
            return AlertmanagerWebhook.read(p);
        }
    }

    @Test
    void readsTheFieldsItUsesAndSkipsTheRestWhateverTheyHold() throws IOException {
        String body = """
                {"receiver":"driftsvakt","groupLabels":{"a":{"b":[1,{"c":null}]}},"version":"4",
                 "alerts":[{"status":"firing","labels":{"site":"s1","component":"core"},
                            "annotations":{"summary":"Kjernen er nede"},"startsAt":"2026-11-27T07:50:00Z",
                            "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://p/graph?g0.expr=up%3D%3D0",
                            "fingerprint":"a1b2","extra":[[[]],{}]}],
                 "externalURL":"http://am"}""";

        AlertmanagerWebhook w = read(body);

        assertTrue(w.object());
        assertEquals("4", w.version());
        assertEquals(List.of(new AlertmanagerWebhook.Alert("firing", Map.of("component", "core", "site", "s1"),
                Map.of("summary", "Kjernen er nede"), "2026-11-27T07:50:00Z", "0001-01-01T00:00:00Z", "a1b2")),
                w.alerts());
        assertEquals(List.of("component", "site"), List.copyOf(w.alerts().get(0).labels().keySet()), "sorted");
    }

    /** As a JSON tree's asText() reads them, which the mapper read before (and reads for a tree still). */
    @Test
    void valuesOfTheWrongTypeReadAsATreeWouldHaveThem() throws IOException {
        String body = """
                {"version":4,"alerts":[
                  {"status":"resolved","labels":{"component":"core","n":5,"b":true,"z":null,"o":{"x":[1]},"a":[]},
                   "annotations":"not an object","startsAt":null,"endsAt":{"x":1},"fingerprint":7},
                  3, "x", null, [1], {}]}""";

        AlertmanagerWebhook w = read(body);

        assertEquals("4", w.version());
        AlertmanagerWebhook.Alert first = w.alerts().get(0);
        assertEquals(Map.of("component", "core", "n", "5", "b", "true", "z", "null", "o", "", "a", ""),
                first.labels());
        assertEquals(Map.of(), first.annotations());
        assertNull(first.startsAt());
        assertEquals("", first.endsAt());
        assertEquals("7", first.fingerprint());
        AlertmanagerWebhook.Alert empty = new AlertmanagerWebhook.Alert(null, Map.of(), Map.of(), null, null, null);
        assertEquals(List.of(empty, empty, empty, empty, empty), w.alerts().subList(1, 6),
                "every array item is an alert, in place, so that skipped alerts keep their index");
        assertEquals(w, readTree(body), "the same from the body's tree");
    }

    @Test
    void numbersReadAsATreesNumberNodesGiveThem() throws IOException {
        String body = """
                {"version":4.0,"alerts":[{"labels":{"a":1e3,"b":1.50,"c":-0,"d":12345678901,"e":123456789012345678901234,
                  "f":-1.5E-7}}]}""";

        AlertmanagerWebhook w = read(body);

        assertEquals("4.0", w.version());
        assertEquals(Map.of("a", "1000.0", "b", "1.5", "c", "0", "d", "12345678901", "e", "123456789012345678901234",
                "f", "-1.5E-7"), w.alerts().get(0).labels());
        assertEquals(w, readTree(body), "the same from the body's tree");
    }

    @Test
    void aBodyThatIsNoObjectOrHasNoListOfAlertsSaysSo() throws IOException {
        assertFalse(read("[{\"status\":\"firing\"}]").object());
        assertFalse(read("\"4\"").object());
        assertNull(read("{\"version\":\"4\"}").alerts());
        assertNull(read("{\"alerts\":{\"status\":\"firing\"}}").alerts());
        assertNull(read("{\"alerts\":[],\"alerts\":5}").alerts(), "the last of a repeated field counts, as in a tree");
        assertEquals("null", read("{\"version\":null,\"alerts\":[]}").version());
        assertNull(read("{\"alerts\":[]}").version());
    }

    @Test
    void malformedJsonFailsWithWhereItBreaks() {
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> read("{\"version\":\"4\",\n \"alerts\":[{\"labels\":{\"a\":}}]}"));
        assertEquals(2, e.getLocation().getLineNr());
        assertEquals(27, e.getLocation().getColumnNr(), "at the '}' where a value should be");
        assertThrows(IOException.class, () -> read("{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\""),
                "cut off");
        assertThrows(IOException.class, () -> read("{\"receiver\":{\"a\":[1,2}}"), "in a field that is skipped");
        byte[] notUtf8 = "{\"receiver\":\"x\",\"alerts\":[]}".getBytes(StandardCharsets.UTF_8);
        notUtf8[13] = (byte) 0xFF;
        assertThrows(JsonParseException.class, () -> {
            try (JsonParser p = JSON.getFactory().createParser(notUtf8)) {
                AlertmanagerWebhook.read(p);
            }
        }, "bytes that are not UTF-8, even in a field that is skipped");
    }
}
