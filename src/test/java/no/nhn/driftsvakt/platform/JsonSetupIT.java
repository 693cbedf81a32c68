package no.nhn.driftsvakt.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;

import io.quarkus.test.junit.QuarkusTest;

/** The application's ObjectMapper (the one the signal consumers use) reads instants with the fast path. */
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
}
