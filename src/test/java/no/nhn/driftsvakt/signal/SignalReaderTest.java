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
}
