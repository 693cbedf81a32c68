package no.nhn.driftsvakt.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import no.nhn.driftsvakt.platform.JsonSetup;

class SignalReaderTest {

    private final SignalReader reader = new SignalReader(mapper());

    /** As the service sets it up: Quarkus' java.time module, then ours ({@link JsonSetup}). */
    private static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper().registerModule(new JavaTimeModule());
        new JsonSetup().customize(m);
        return m;
    }

    @Test
    void readsASignal() {
        Signal s = reader.read("{\"id\":\"s-1\",\"source\":\"nagios\",\"component\":\"core\",\"state\":\"down\","
                + "\"summary\":\"Nede\",\"at\":\"2026-11-27T22:00:00Z\"}");
        assertEquals("s-1", s.id());
        assertEquals(SignalState.DOWN, s.state());
        assertEquals(Instant.parse("2026-11-27T22:00:00Z"), s.at());
    }

    @Test
    void everyFaultIsNamedAndStartsTheSameWay() {
        for (String bad : new String[] {null, "", "not json", "{\"id\":", "[]", "null",
                "{\"source\":\"x\",\"component\":\"core\",\"state\":\"down\",\"at\":\"2026-11-27T22:00:00Z\"}",
                "{\"id\":\"s\",\"source\":\"x\",\"component\":\"core\",\"state\":\"sideways\",\"at\":\"2026-11-27T22:00:00Z\"}",
                "{\"id\":\"s\",\"source\":\"x\",\"component\":\"core\",\"state\":\"down\",\"at\":\"yesterday\"}"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reader.read(bad),
                    String.valueOf(bad));
            assertTrue(e.getMessage().startsWith("not a valid signal: "), e.getMessage());
            assertTrue(e.getMessage().length() > "not a valid signal: ".length(), "names what is wrong: " + bad);
        }
    }

    private static String sig(String id, String state) {
        return "{\"id\":\"" + id + "\",\"source\":\"nagios\",\"component\":\"core\",\"state\":\"" + state
                + "\",\"at\":\"2026-11-27T22:00:00Z\"}";
    }

    @Test
    void aBatchRecordIsReadInOrderAndASingleSignalAsBefore() {
        SignalReader.Contents batch = reader.readAll(" [" + sig("a", "down") + "," + sig("b", "up") + "]");
        SignalReader.Contents one = reader.readAll(sig("c", "degraded"));

        assertEquals(java.util.List.of("a", "b"), batch.signals().stream().map(Signal::id).toList());
        assertTrue(batch.invalid().isEmpty());
        assertEquals(java.util.List.of("c"), one.signals().stream().map(Signal::id).toList());
        assertTrue(reader.readAll("[]").signals().isEmpty());
    }

    @Test
    void anInvalidItemIsSetApartWithItsPositionAndTheRestIsRead() {
        String missing = "{\"id\":\"x\",\"component\":\"core\"}";
        SignalReader.Contents c = reader.readAll("[" + sig("a", "down") + "," + missing + ",42," + sig("b", "sideways")
                + "," + sig("d", "up") + "]");

        assertEquals(java.util.List.of("a", "d"), c.signals().stream().map(Signal::id).toList(), "in order");
        assertEquals(java.util.List.of(1, 2, 3), c.invalid().stream().map(SignalReader.Invalid::index).toList());
        assertEquals(missing, c.invalid().get(0).json(), "the item itself, for the dead letter");
        assertTrue(c.invalid().get(0).reason().startsWith("item 1 of a batch record: not a valid signal: "),
                c.invalid().get(0).reason());
        assertTrue(c.invalid().get(2).reason().toLowerCase().contains("sideways"), c.invalid().get(2).reason());
    }

    @Test
    void anArrayThatIsNotJsonIsUnreadableAsAWhole() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> reader.readAll("[" + sig("a", "down") + ", {\"id\""));
        assertTrue(e.getMessage().startsWith("not a valid signal: "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> reader.readAll("not json"));
    }
}
