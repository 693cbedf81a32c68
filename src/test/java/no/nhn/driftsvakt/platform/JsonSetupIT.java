package no.nhn.driftsvakt.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;

import io.quarkus.test.junit.QuarkusTest;
import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalSerializer;
import no.nhn.driftsvakt.signal.SignalState;

/** The application's ObjectMapper (the one the signal consumers use) reads instants and writes signals on the fast paths. */
@QuarkusTest
class JsonSetupIT {

    @Inject
    ObjectMapper json;

    @Test
    void theApplicationsMapperUsesTheFastInstantDeserializer() throws Exception {
        DefaultDeserializationContext ctxt = ((DefaultDeserializationContext) json.getDeserializationContext())
                .createInstance(json.getDeserializationConfig(), null, null);
        assertInstanceOf(FastInstantDeserializer.class, ctxt.findRootValueDeserializer(json.constructType(Instant.class)));
        assertEquals(Instant.parse("2026-11-27T08:15:00.5Z"), json.readValue("\"2026-11-27T08:15:00.5Z\"", Instant.class));
    }

    @Test
    void theApplicationsMapperWritesSignalsWithTheDirectSerializer() throws Exception {
        assertInstanceOf(SignalSerializer.class, json.getSerializerProviderInstance()
                .findValueSerializer(Signal.class));
        Signal s = new Signal("sig-1", "probe", "core", SignalState.DOWN, "nede", Map.of("check", "https"),
                Instant.parse("2026-11-27T08:15:00.5Z"), "probe:https");
        assertEquals("{\"id\":\"sig-1\",\"source\":\"probe\",\"component\":\"core\",\"state\":\"down\","
                + "\"summary\":\"nede\",\"labels\":{\"check\":\"https\"},\"at\":\"2026-11-27T08:15:00.500Z\","
                + "\"sourceKey\":\"probe:https\"}", json.writeValueAsString(s));
        assertEquals(s, json.readValue(json.writeValueAsString(s), Signal.class));
        // What SignalSerializer takes for granted of the mapper (it writes as Jackson's defaults do): were any of these
        // configured otherwise, Jackson's own writer would change and the direct one would not
        assertFalse(json.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
        assertFalse(json.isEnabled(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS));
        assertNull(json.getPropertyNamingStrategy());
        assertEquals(JsonInclude.Include.USE_DEFAULTS, json.getSerializationConfig().getDefaultPropertyInclusion()
                .getValueInclusion());
    }
}
