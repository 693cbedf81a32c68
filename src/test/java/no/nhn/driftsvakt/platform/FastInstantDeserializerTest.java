package no.nhn.driftsvakt.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class FastInstantDeserializerTest {

    private final ObjectMapper jackson = new ObjectMapper().registerModule(new JavaTimeModule());
    private final ObjectMapper fast = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule().addDeserializer(Instant.class, new FastInstantDeserializer()));

    @Test
    void readsWhatInstantParseReadsForRandomUtcTimesWithAnyFraction() {
        Random r = new Random(42);
        for (int k = 0; k < 20_000; k++) {
            Instant t = Instant.ofEpochSecond(r.nextLong(253_402_300_799L), r.nextInt(1_000_000_000));
            String text = t.toString(); // ISO-8601, UTC, fraction of 0, 3, 6 or 9 digits
            assertEquals(t, FastInstantDeserializer.parseUtc(text), text);
        }
        for (String text : List.of("2026-11-27T08:15:00Z", "2026-11-27T08:15:00.1Z", "2026-11-27T08:15:00.12Z",
                "2024-02-29T23:59:59.123456789Z", "1970-01-01T00:00:00Z", "0001-01-01T00:00:00Z")) {
            assertEquals(Instant.parse(text), FastInstantDeserializer.parseUtc(text), text);
        }
    }

    @Test
    void leavesEverythingElseToJackson() {
        for (String text : List.of("2026-11-27T08:15:00+01:00", "2026-11-27T08:15:00.000+00:00", "2026-11-27 08:15:00Z",
                "2026-11-27T08:15Z", "2026-11-27T08:15:00.Z", "2026-11-27T08:15:00.1234567890Z", "2026-13-01T00:00:00Z",
                "2026-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2026-11-27T24:00:00Z", "2026-11-27T23:59:60Z",
                "+2026-11-27T08:15:00Z", "2026-1a-27T08:15:00Z", "", "yesterday")) {
            assertNull(FastInstantDeserializer.parseUtc(text), text);
        }
    }

    @Test
    void aMapperWithItAnswersExactlyAsJacksonDoes() throws Exception {
        for (String json : List.of("\"2026-11-27T08:15:00Z\"", "\"2026-11-27T08:15:00.123Z\"",
                "\"2026-11-27T09:15:00+01:00\"", "1764231300", "1764231300.5", "\"2024-02-29T12:00:00.000001Z\"")) {
            assertEquals(jackson.readValue(json, Instant.class), fast.readValue(json, Instant.class), json);
        }
        for (String json : List.of("\"2026-02-30T00:00:00Z\"", "\"not a time\"", "\"2026-11-27T08:15\"", "true")) {
            Class<? extends Exception> expected = assertThrows(JsonProcessingException.class,
                    () -> jackson.readValue(json, Instant.class)).getClass();
            assertEquals(expected, assertThrows(JsonProcessingException.class,
                    () -> fast.readValue(json, Instant.class)).getClass(), json);
        }
    }
}
